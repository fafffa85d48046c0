package io.merapi.cannon;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.cannon.memory.MerkleTree;
import io.merapi.cannon.state.StepWitness;
import io.merapi.cannon.state.ThreadState;
import java.util.Arrays;

/** Checks a step's proof data the way the on-chain step reads it. */
final class ProofChecks {
  private ProofChecks() {}

  /** The thread witness hashes to the active stack root; the instruction proof hits memRoot. */
  static void assertProofsMatch(StepWitness w) {
    byte[] pre = w.state();
    byte[] memRoot = Arrays.copyOfRange(pre, 0, 32);
    boolean traverseRight = pre[115] == 1;
    byte[] activeRoot =
        Arrays.copyOfRange(pre, traverseRight ? 148 : 116, traverseRight ? 180 : 148);
    byte[] proof = w.proofData();
    byte[] thread = Arrays.copyOfRange(proof, 0, ThreadState.SERIALIZED_SIZE);
    byte[] inner =
        Arrays.copyOfRange(proof, ThreadState.SERIALIZED_SIZE, ThreadState.SERIALIZED_SIZE + 32);
    byte[] threadHash = io.merapi.base.crypto.Keccak256.hash(thread);
    assertThat(MerkleTree.hashPair(inner, threadHash)).isEqualTo(activeRoot);
    long pc = ThreadState.decode(thread, 0).pc;
    int insnOffset = ThreadState.SERIALIZED_SIZE + 32;
    assertThat(rootFromProof(proof, insnOffset, pc & ~7L)).isEqualTo(memRoot);
  }

  static byte[] rootFromProof(byte[] proof, int offset, long addr) {
    byte[] node = Arrays.copyOfRange(proof, offset, offset + 32);
    long path = addr >>> 5;
    for (int i = 0; i < 59; i++) {
      byte[] sibling = Arrays.copyOfRange(proof, offset + 32 * (i + 1), offset + 32 * (i + 2));
      node =
          ((path >>> i) & 1) == 0
              ? MerkleTree.hashPair(node, sibling)
              : MerkleTree.hashPair(sibling, node);
    }
    return node;
  }
}
