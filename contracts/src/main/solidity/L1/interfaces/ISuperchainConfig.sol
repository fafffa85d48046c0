// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ISuperchainConfig
/// @notice The guardian's switch that pauses withdrawals across the contracts that consult it
///         (specs superchain-config.md).
interface ISuperchainConfig {
    function guardian() external view returns (address);

    function paused() external view returns (bool);
}
