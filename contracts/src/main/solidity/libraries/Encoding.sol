// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Encoding
/// @notice Message encodings and the versioned nonce of the cross-domain messengers
///         (specs messengers.md).
library Encoding {
    /// @notice A nonce version this library does not know.
    error UnknownMessageVersion(uint16 version);

    /// @notice The relayMessage calldata of a message, by the version in its nonce.
    function encodeCrossDomainMessage(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _gasLimit,
        bytes memory _data
    )
        internal
        pure
        returns (bytes memory)
    {
        (, uint16 version) = decodeVersionedNonce(_nonce);
        if (version == 0) {
            return encodeCrossDomainMessageV0(_target, _sender, _data, _nonce);
        } else if (version == 1) {
            return encodeCrossDomainMessageV1(_nonce, _sender, _target, _value, _gasLimit, _data);
        }
        revert UnknownMessageVersion(version);
    }

    /// @notice Version 0: the legacy messenger's relayMessage(address,address,bytes,uint256).
    function encodeCrossDomainMessageV0(
        address _target,
        address _sender,
        bytes memory _data,
        uint256 _nonce
    )
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature("relayMessage(address,address,bytes,uint256)", _target, _sender, _data, _nonce);
    }

    /// @notice Version 1: relayMessage(uint256,address,address,uint256,uint256,bytes).
    function encodeCrossDomainMessageV1(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _gasLimit,
        bytes memory _data
    )
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSignature(
            "relayMessage(uint256,address,address,uint256,uint256,bytes)",
            _nonce,
            _sender,
            _target,
            _value,
            _gasLimit,
            _data
        );
    }

    /// @notice A nonce with its version in the top two bytes.
    function encodeVersionedNonce(uint240 _nonce, uint16 _version) internal pure returns (uint256) {
        return (uint256(_version) << 240) | uint256(_nonce);
    }

    /// @notice The nonce and version of a versioned nonce.
    function decodeVersionedNonce(uint256 _nonce) internal pure returns (uint240 nonce_, uint16 version_) {
        nonce_ = uint240(_nonce);
        version_ = uint16(_nonce >> 240);
    }
}
