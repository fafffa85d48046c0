package io.merapi.trie;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof verification over untrusted proofs (eth_getProof answers, fault-proof witnesses). Without
 * {@code JAZZER_FUZZ=1} this replays the seed corpus in {@code src/test/resources/.../
 * TrieProofFuzzTestInputs}. One target per class: in fuzz mode Jazzer runs only a class's first
 * target.
 */
class TrieProofFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void proofVerificationIsTotal(FuzzedDataProvider data) {
    byte[] key = data.consumeBytes(40);
    List<Bytes> proof = new ArrayList<>();
    int nodes = data.consumeInt(0, 8);
    for (int i = 0; i < nodes; i++) {
      proof.add(Bytes.wrap(data.consumeBytes(600)));
    }
    // Rooted at the first node, so that the walk gets past the root at least.
    Hash root =
        proof.isEmpty() ? Keccak256.digest(key) : Keccak256.digest(proof.getFirst().array());
    NodeChecks.verifyIsTotal(root, key, proof);
  }
}
