// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Types } from "libraries/Types.sol";
import { Encoding } from "libraries/Encoding.sol";

/// @title Hashing
/// @notice The hashes that identify withdrawals, messages and outputs across layers.
library Hashing {
    /// @notice The hash of a cross-domain message, by the version in the top two bytes of the nonce
    ///         (specs messengers.md "Message Versioning").
    function hashCrossDomainMessage(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _gasLimit,
        bytes memory _data
    )
        internal
        pure
        returns (bytes32)
    {
        return keccak256(Encoding.encodeCrossDomainMessage(_nonce, _sender, _target, _value, _gasLimit, _data));
    }

    /// @notice The hash of a version 0 (legacy) cross-domain message.
    function hashCrossDomainMessageV0(
        address _target,
        address _sender,
        bytes memory _data,
        uint256 _nonce
    )
        internal
        pure
        returns (bytes32)
    {
        return keccak256(Encoding.encodeCrossDomainMessageV0(_target, _sender, _data, _nonce));
    }

    /// @notice The hash of a version 1 cross-domain message.
    function hashCrossDomainMessageV1(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _gasLimit,
        bytes memory _data
    )
        internal
        pure
        returns (bytes32)
    {
        return keccak256(Encoding.encodeCrossDomainMessageV1(_nonce, _sender, _target, _value, _gasLimit, _data));
    }

    /// @notice The withdrawal hash: the key of sentMessages on L2 and of the portal's bookkeeping
    ///         on L1 (specs withdrawals.md "Withdrawal hash").
    function hashWithdrawal(Types.WithdrawalTransaction memory _tx) internal pure returns (bytes32) {
        return keccak256(abi.encode(_tx.nonce, _tx.sender, _tx.target, _tx.value, _tx.gasLimit, _tx.data));
    }

    /// @notice The output root of a version 0 output (specs proposals.md).
    function hashOutputRootProof(Types.OutputRootProof memory _proof) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(_proof.version, _proof.stateRoot, _proof.messagePasserStorageRoot, _proof.latestBlockhash)
        );
    }
}
