// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IL1Block
/// @notice The getters of the L1Block predeploy that other predeploys read (the GasPriceOracle's
///         fee parameters).
interface IL1Block {
    function number() external view returns (uint64);

    function timestamp() external view returns (uint64);

    function basefee() external view returns (uint256);

    function hash() external view returns (bytes32);

    function sequenceNumber() external view returns (uint64);

    function blobBaseFeeScalar() external view returns (uint32);

    function baseFeeScalar() external view returns (uint32);

    function batcherHash() external view returns (bytes32);

    function l1FeeOverhead() external view returns (uint256);

    function l1FeeScalar() external view returns (uint256);

    function blobBaseFee() external view returns (uint256);

    function operatorFeeConstant() external view returns (uint64);

    function operatorFeeScalar() external view returns (uint32);
}
