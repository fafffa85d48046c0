// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { MerkleTrie } from "libraries/trie/MerkleTrie.sol";

/// @title SecureMerkleTrie
/// @notice Proofs of the "secure" tries Ethereum keeps accounts and storage in, whose paths are the
///         keccak-256 of the keys (yellow paper, appendix D; eth_getProof's storage proofs).
library SecureMerkleTrie {
    /// @notice Whether `_proof` shows that `_key` maps to `_value` in the secure trie `_root`.
    function verifyInclusionProof(
        bytes memory _key,
        bytes memory _value,
        bytes[] memory _proof,
        bytes32 _root
    )
        internal
        pure
        returns (bool valid_)
    {
        valid_ = MerkleTrie.verifyInclusionProof(_securePath(_key), _value, _proof, _root);
    }

    /// @notice The value `_proof` shows for `_key` in the secure trie `_root`.
    function get(bytes memory _key, bytes[] memory _proof, bytes32 _root) internal pure returns (bytes memory value_) {
        value_ = MerkleTrie.get(_securePath(_key), _proof, _root);
    }

    /// @notice The trie path of a key: its keccak-256.
    function _securePath(bytes memory _key) private pure returns (bytes memory path_) {
        path_ = abi.encodePacked(keccak256(_key));
    }
}
