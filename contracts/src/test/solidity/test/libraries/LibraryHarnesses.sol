// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { RLPReader } from "libraries/rlp/RLPReader.sol";
import { MerkleTrie } from "libraries/trie/MerkleTrie.sol";
import { SecureMerkleTrie } from "libraries/trie/SecureMerkleTrie.sol";
import { Arithmetic } from "libraries/Arithmetic.sol";

/// @notice Exposes RLPReader to the tests.
contract RLPReaderHarness {
    /// @notice The raw encodings of the list's items.
    function readList(bytes memory _in) external pure returns (bytes[] memory items_) {
        RLPReader.RLPItem[] memory items = RLPReader.readList(_in);
        items_ = new bytes[](items.length);
        for (uint256 i = 0; i < items.length; i++) {
            items_[i] = RLPReader.readRawBytes(items[i]);
        }
    }

    function readBytes(bytes memory _in) external pure returns (bytes memory) {
        return RLPReader.readBytes(_in);
    }
}

/// @notice Exposes MerkleTrie and SecureMerkleTrie to the tests.
contract MerkleTrieHarness {
    function verifyInclusionProof(
        bytes memory _key,
        bytes memory _value,
        bytes[] memory _proof,
        bytes32 _root
    )
        external
        pure
        returns (bool)
    {
        return MerkleTrie.verifyInclusionProof(_key, _value, _proof, _root);
    }

    function get(bytes memory _key, bytes[] memory _proof, bytes32 _root) external pure returns (bytes memory) {
        return MerkleTrie.get(_key, _proof, _root);
    }

    function verifySecureInclusionProof(
        bytes memory _key,
        bytes memory _value,
        bytes[] memory _proof,
        bytes32 _root
    )
        external
        pure
        returns (bool)
    {
        return SecureMerkleTrie.verifyInclusionProof(_key, _value, _proof, _root);
    }

    function getSecure(bytes memory _key, bytes[] memory _proof, bytes32 _root) external pure returns (bytes memory) {
        return SecureMerkleTrie.get(_key, _proof, _root);
    }
}

/// @notice Exposes Arithmetic to the tests.
contract ArithmeticHarness {
    function clamp(int256 _value, int256 _min, int256 _max) external pure returns (int256) {
        return Arithmetic.clamp(_value, _min, _max);
    }

    function cdexp(int256 _coefficient, int256 _denominator, int256 _exponent) external pure returns (int256) {
        return Arithmetic.cdexp(_coefficient, _denominator, _exponent);
    }

    function lnWad(int256 _x) external pure returns (int256) {
        return Arithmetic.lnWad(_x);
    }

    function expWad(int256 _x) external pure returns (int256) {
        return Arithmetic.expWad(_x);
    }

    function powWad(int256 _x, int256 _y) external pure returns (int256) {
        return Arithmetic.powWad(_x, _y);
    }
}
