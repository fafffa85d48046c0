// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The errors of RLPReader, declared at file level with the names the OP Stack's reader uses, so that
// the portals' ABIs list the same errors (a malformed withdrawal proof reverts with one of them).

/// @notice An RLP item must have at least one byte.
error EmptyItem();

/// @notice A list was expected, a string (data item) was found.
error UnexpectedString();

/// @notice The item does not span exactly the bytes given.
error InvalidDataRemainder();

/// @notice A string (data item) was expected, a list was found.
error UnexpectedList();

/// @notice The item's header announces more bytes than there are.
error ContentLengthMismatch();

/// @notice The header is not the canonical (shortest) one for its content.
error InvalidHeader();
