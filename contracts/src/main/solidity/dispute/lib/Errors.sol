// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Claim } from "dispute/lib/Types.sol";

// The custom errors of Merapi's dispute games. Where the OP Stack's games have an error for the same
// condition, the name and parameters are the OP Stack's (src/dispute/lib/Errors.sol), so that tools
// decoding revert data recognise them.

/// @notice The game was initialized already (games are initialized once, by the factory).
error AlreadyInitialized();

/// @notice The extra data is not exactly one 32-byte word (abi.encode(uint256 l2BlockNumber)).
error BadExtraData();

/// @notice The caller may not do this: not the proposer (creation) or not the challenger (counter).
error BadAuth();

/// @notice The game is resolved already.
error GameNotInProgress();

/// @notice The clock has not run out yet, so the game cannot be resolved for the defender.
error ClockNotExpired();

/// @notice The clock has run out, so the root claim can no longer be countered.
error ClockTimeExceeded();

/// @notice The root claim is about a block at or before the game's starting block.
error UnexpectedRootClaim(Claim rootClaim);

/// @notice The recipient has no credit to claim.
error NoCreditToClaim();

/// @notice Sending the credit to its recipient failed.
error BondTransferFailed();

/// @notice The value sent is not the bond the move requires.
error IncorrectBondAmount();

/// @notice The move does not counter a claim that may be countered (here: only the root claim).
error InvalidParent();

/// @notice The disputed claim given is not the claim at the parent index.
error InvalidDisputedClaimIndex();

/// @notice The root claim has been countered already.
error ClaimAlreadyExists();

/// @notice A game's clock must be longer than zero, or the root claim could never be countered.
error InvalidClockDuration();

/// @notice The fast game resolves only from the block after the one it was created in.
/// @param resolvableAtBlock The first block in which resolve() succeeds.
error TooEarlyToResolve(uint256 resolvableAtBlock);
