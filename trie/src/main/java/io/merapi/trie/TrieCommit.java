package io.merapi.trie;

import io.merapi.base.bytes.Hash;
import java.util.List;

/**
 * What a commit produced: the root and every node created since the last commit, to be written in
 * one atomic batch so that a crash never leaves a root whose nodes are half stored. Nodes under 32
 * bytes live inside their parents and are not listed, except a short root, which is stored under
 * its hash like any root.
 */
public record TrieCommit(Hash root, List<EncodedNode> nodes) {
  public TrieCommit {
    nodes = List.copyOf(nodes);
  }
}
