// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IOptimismPortal
/// @notice The part of either portal (OptimismPortal with the L2OutputOracle, OptimismPortal2 with
///         dispute games) that the L1CrossDomainMessenger uses: sending deposits and, during a
///         withdrawal's execution, telling who sent it on L2.
interface IOptimismPortal {
    function depositTransaction(
        address _to,
        uint256 _value,
        uint64 _gasLimit,
        bool _isCreation,
        bytes memory _data
    )
        external
        payable;

    function l2Sender() external view returns (address);

    function paused() external view returns (bool);
}
