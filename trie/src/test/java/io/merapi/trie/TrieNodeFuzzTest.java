package io.merapi.trie;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The decoder of stored trie nodes, which come from peers and RPC callers. Without {@code
 * JAZZER_FUZZ=1} this replays the seed corpus in {@code src/test/resources/.../
 * TrieNodeFuzzTestInputs}; {@code TrieProperties} runs the same checks on mutated real nodes in
 * every build. One target per class: in fuzz mode Jazzer runs only a class's first target.
 */
class TrieNodeFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void nodeDecodingIsStrictAndTotal(byte[] input) {
    NodeChecks.decodeIsStrictAndTotal(input);
  }
}
