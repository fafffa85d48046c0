// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Types
/// @notice The structs that cross contract and layer boundaries (specs withdrawals.md, proposals.md).
library Types {
    /// @notice Where a fee vault sends its fees: to L1 by a withdrawal, or to L2 by a transfer.
    enum WithdrawalNetwork {
        L1,
        L2
    }

    /// @notice An L2 output as the L2OutputOracle stores it.
    /// @custom:field outputRoot    The output root (specs proposals.md "L2 Output Commitment Construction").
    /// @custom:field timestamp     When the output was proposed on L1.
    /// @custom:field l2BlockNumber The L2 block the output commits to.
    struct OutputProposal {
        bytes32 outputRoot;
        uint128 timestamp;
        uint128 l2BlockNumber;
    }

    /// @notice The preimage of a version 0 output root.
    /// @custom:field version                  Always bytes32(0) for now.
    /// @custom:field stateRoot                The L2 state root.
    /// @custom:field messagePasserStorageRoot The storage root of the L2ToL1MessagePasser.
    /// @custom:field latestBlockhash          The hash of the L2 block.
    struct OutputRootProof {
        bytes32 version;
        bytes32 stateRoot;
        bytes32 messagePasserStorageRoot;
        bytes32 latestBlockhash;
    }

    /// @notice A withdrawal initiated on L2 by the L2ToL1MessagePasser.
    struct WithdrawalTransaction {
        uint256 nonce;
        address sender;
        address target;
        uint256 value;
        uint256 gasLimit;
        bytes data;
    }
}
