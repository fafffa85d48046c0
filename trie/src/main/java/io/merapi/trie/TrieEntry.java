package io.merapi.trie;

import io.merapi.base.bytes.Bytes;

/** A key and its value, as iteration yields them. */
public record TrieEntry(Bytes key, Bytes value) {}
