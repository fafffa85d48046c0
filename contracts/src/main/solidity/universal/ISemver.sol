// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ISemver
/// @notice Every contract answers version() with its semantic version, as the OP Stack's do.
interface ISemver {
    function version() external view returns (string memory);
}
