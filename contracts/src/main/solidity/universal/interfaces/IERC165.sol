// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IERC165
/// @notice Interface detection (EIP-165).
interface IERC165 {
    function supportsInterface(bytes4 interfaceId) external view returns (bool);
}
