// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { RLPReader } from "libraries/rlp/RLPReader.sol";

/// @title MerkleTrie
/// @notice Verifies proofs of Ethereum's hexary Merkle-Patricia tries (yellow paper, appendix D):
///         a proof lists the RLP of the nodes on a key's path, root first. Each node must be the one
///         its parent commits to: by its keccak-256 when its encoding has 32 bytes or more, by the
///         encoding itself (inlined in the parent) when it is shorter.
///
///         A node inlined in its parent may be given again as the next proof element (as the OP
///         Stack's verifier requires and viem's maybeAddProofNode adds); when the proof ends
///         instead, as eth_getProof's do, the inlined node is read from the parent where it stands.
///         Both are sound: either way the bytes are those the parent, and so the root, commit to.
library MerkleTrie {
    /// @notice Children of a branch node; the 17th item is the branch's value.
    uint256 internal constant TREE_RADIX = 16;

    /// @notice Items of a branch node.
    uint256 internal constant BRANCH_NODE_LENGTH = TREE_RADIX + 1;

    /// @notice Items of a leaf or extension node: the compact-encoded path and the value or child.
    uint256 internal constant LEAF_OR_EXTENSION_NODE_LENGTH = 2;

    /// @notice The first nibble of a compact path: extension or leaf, with an even or odd number
    ///         of nibbles (an even path has a zero padding nibble after this flag).
    uint8 internal constant PREFIX_EXTENSION_EVEN = 0;
    uint8 internal constant PREFIX_EXTENSION_ODD = 1;
    uint8 internal constant PREFIX_LEAF_EVEN = 2;
    uint8 internal constant PREFIX_LEAF_ODD = 3;

    /// @notice Whether `_proof` shows that `_key` maps to `_value` in the trie of root `_root`.
    ///         Reverts, rather than answering false, when the proof itself is malformed.
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
        bytes memory value = get(_key, _proof, _root);
        valid_ = value.length == _value.length && keccak256(value) == keccak256(_value);
    }

    /// @notice The value `_proof` shows for `_key` in the trie of root `_root`. Empty values do not
    ///         exist in Ethereum's tries, so a proof that ends in one (an exclusion) reverts.
    function get(bytes memory _key, bytes[] memory _proof, bytes32 _root) internal pure returns (bytes memory value_) {
        require(_key.length > 0, "MerkleTrie: empty key");

        bytes memory key = _toNibbles(_key);
        uint256 keyIndex = 0; // nibbles of the key consumed
        uint256 proofIndex = 0; // proof elements consumed
        // The reference the next node must match: its hash, or its whole encoding if inlined.
        bytes memory nodeId = abi.encodePacked(_root);

        while (true) {
            require(keyIndex <= key.length, "MerkleTrie: key index exceeds total key length");
            bytes memory encoded = _nextNode(_proof, proofIndex, nodeId);
            if (proofIndex < _proof.length) {
                proofIndex += 1;
            }
            RLPReader.RLPItem[] memory node = RLPReader.readList(encoded);

            if (node.length == BRANCH_NODE_LENGTH) {
                if (keyIndex == key.length) {
                    // The key ends at this branch: its value is the 17th item. An empty value means
                    // the key is absent (geth reads it so), which is no inclusion.
                    value_ = RLPReader.readBytes(node[TREE_RADIX]);
                    require(value_.length > 0, "MerkleTrie: value length must be greater than zero (branch)");
                    require(proofIndex == _proof.length, "MerkleTrie: value node must be last node in proof (branch)");
                    return value_;
                }
                nodeId = _nodeId(node[uint8(key[keyIndex])]);
                keyIndex += 1;
            } else if (node.length == LEAF_OR_EXTENSION_NODE_LENGTH) {
                bool isLeaf;
                (isLeaf, keyIndex) = _followPath(node, key, keyIndex);
                if (isLeaf) {
                    value_ = RLPReader.readBytes(node[1]);
                    require(value_.length > 0, "MerkleTrie: value length must be greater than zero (leaf)");
                    require(proofIndex == _proof.length, "MerkleTrie: value node must be last node in proof (leaf)");
                    return value_;
                }
                nodeId = _nodeId(node[1]);
            } else {
                revert("MerkleTrie: received an unparseable node");
            }
        }
    }

    /// @notice Follows the path of a leaf or extension node from nibble `_keyIndex` of the key (as
    ///         nibbles): the path must be a prefix of what is left of the key, and for a leaf all of it.
    /// @return isLeaf_   Whether the node is a leaf (the key ends here).
    /// @return keyIndex_ The key's nibbles consumed after the node.
    function _followPath(
        RLPReader.RLPItem[] memory _node,
        bytes memory _key,
        uint256 _keyIndex
    )
        private
        pure
        returns (bool isLeaf_, uint256 keyIndex_)
    {
        bytes memory path = _toNibbles(RLPReader.readBytes(_node[0]));
        require(path.length > 0, "MerkleTrie: received a node with an unknown prefix");
        uint8 prefix = uint8(path[0]);
        // An odd path starts right after the flag nibble, an even one after the padding nibble.
        uint256 pathStart = 2 - (prefix % 2);
        uint256 pathLength = path.length - pathStart;
        uint256 keyRemainder = _key.length - _keyIndex;

        uint256 shared = _sharedPrefix(
            path, pathStart, _key, _keyIndex, pathLength < keyRemainder ? pathLength : keyRemainder
        );
        require(shared == pathLength, "MerkleTrie: path remainder must share all nibbles with key");

        if (prefix == PREFIX_LEAF_EVEN || prefix == PREFIX_LEAF_ODD) {
            require(keyRemainder == shared, "MerkleTrie: key remainder must be identical to path remainder");
            isLeaf_ = true;
        } else if (prefix != PREFIX_EXTENSION_EVEN && prefix != PREFIX_EXTENSION_ODD) {
            revert("MerkleTrie: received a node with an unknown prefix");
        }
        keyIndex_ = _keyIndex + shared;
    }

    /// @notice The next node on the path: the next proof element, checked against `_expectedId`, or,
    ///         when the proof is used up and the reference is an inlined node, that node.
    function _nextNode(
        bytes[] memory _proof,
        uint256 _proofIndex,
        bytes memory _expectedId
    )
        private
        pure
        returns (bytes memory encoded_)
    {
        if (_proofIndex < _proof.length) {
            encoded_ = _proof[_proofIndex];
            if (_proofIndex == 0) {
                // The root is always referenced by its hash, however short its encoding.
                require(_equal(abi.encodePacked(keccak256(encoded_)), _expectedId), "MerkleTrie: invalid root hash");
            } else if (encoded_.length >= 32) {
                require(
                    _equal(abi.encodePacked(keccak256(encoded_)), _expectedId), "MerkleTrie: invalid large internal hash"
                );
            } else {
                require(_equal(encoded_, _expectedId), "MerkleTrie: invalid internal node hash");
            }
        } else if (_proofIndex > 0 && _expectedId.length < 32 && uint8(_expectedId[0]) >= 0xc0) {
            // An inlined node (always a list) that eth_getProof leaves out of the proof.
            encoded_ = _expectedId;
        } else {
            revert("MerkleTrie: ran out of proof elements");
        }
    }

    /// @notice The reference a parent holds to a child: the child's encoding itself when shorter
    ///         than 32 bytes (inlined), else the hash the item holds.
    function _nodeId(RLPReader.RLPItem memory _item) private pure returns (bytes memory id_) {
        id_ = _item.length < 32 ? RLPReader.readRawBytes(_item) : RLPReader.readBytes(_item);
    }

    /// @notice The nibbles of `_bytes`, one per byte, high nibble first.
    function _toNibbles(bytes memory _bytes) private pure returns (bytes memory nibbles_) {
        nibbles_ = new bytes(_bytes.length * 2);
        assembly ("memory-safe") {
            let src := add(_bytes, 0x20)
            let dst := add(nibbles_, 0x20)
            let end := add(src, mload(_bytes))
            for { } lt(src, end) { src := add(src, 1) } {
                let b := byte(0, mload(src))
                mstore8(dst, shr(4, b))
                mstore8(add(dst, 1), and(b, 0x0f))
                dst := add(dst, 2)
            }
        }
    }

    /// @notice How many of the `_max` nibbles from `_a[_aStart]` and `_b[_bStart]` on are equal,
    ///         compared 32 at a time (the caller keeps `_max` within both arrays; bytes read past
    ///         their ends only ever count up to `_max`).
    function _sharedPrefix(
        bytes memory _a,
        uint256 _aStart,
        bytes memory _b,
        uint256 _bStart,
        uint256 _max
    )
        private
        pure
        returns (uint256 shared_)
    {
        assembly ("memory-safe") {
            let pa := add(add(_a, 0x20), _aStart)
            let pb := add(add(_b, 0x20), _bStart)
            for { } lt(shared_, _max) { } {
                let x := xor(mload(add(pa, shared_)), mload(add(pb, shared_)))
                if iszero(x) {
                    shared_ := add(shared_, 32)
                    continue
                }
                // The equal leading bytes: count the zero bytes at the top of x.
                let z := 0
                if iszero(shr(128, x)) {
                    z := 16
                    x := shl(128, x)
                }
                if iszero(shr(192, x)) {
                    z := add(z, 8)
                    x := shl(64, x)
                }
                if iszero(shr(224, x)) {
                    z := add(z, 4)
                    x := shl(32, x)
                }
                if iszero(shr(240, x)) {
                    z := add(z, 2)
                    x := shl(16, x)
                }
                if iszero(shr(248, x)) { z := add(z, 1) }
                shared_ := add(shared_, z)
                break
            }
            if gt(shared_, _max) { shared_ := _max }
        }
    }

    /// @notice Whether two byte strings are equal.
    function _equal(bytes memory _a, bytes memory _b) private pure returns (bool) {
        return _a.length == _b.length && keccak256(_a) == keccak256(_b);
    }
}
