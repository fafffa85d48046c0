// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IL2ToL1MessagePasser
/// @notice The part of the L2ToL1MessagePasser predeploy that other predeploys call to start a
///         withdrawal (specs withdrawals.md "The L2ToL1MessagePasser Contract").
interface IL2ToL1MessagePasser {
    function initiateWithdrawal(address _target, uint256 _gasLimit, bytes memory _data) external payable;

    function messageNonce() external view returns (uint256);
}
