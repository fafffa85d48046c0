// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IResourceMetering
/// @notice The EIP-1559-style market for deposit gas on L1 (specs deposits.md "Deposit gas").
interface IResourceMetering {
    /// @notice The market's state: the last base fee, the gas bought in the last block that
    ///         bought any, and that block's number.
    struct ResourceParams {
        uint128 prevBaseFee;
        uint64 prevBoughtGas;
        uint64 prevBlockNum;
    }

    /// @notice The market's parameters, set in the SystemConfig.
    struct ResourceConfig {
        uint32 maxResourceLimit;
        uint8 elasticityMultiplier;
        uint8 baseFeeMaxChangeDenominator;
        uint32 minimumBaseFee;
        uint32 systemTxMaxGas;
        uint128 maximumBaseFee;
    }

    /// @notice More deposit gas was bought in this block than the limit allows.
    error OutOfGas();

    function params() external view returns (uint128 prevBaseFee, uint64 prevBoughtGas, uint64 prevBlockNum);
}
