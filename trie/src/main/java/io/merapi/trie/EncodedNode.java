package io.merapi.trie;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;

/** A trie node as stored: its RLP under its keccak-256. */
public record EncodedNode(Hash hash, Bytes rlp) {}
