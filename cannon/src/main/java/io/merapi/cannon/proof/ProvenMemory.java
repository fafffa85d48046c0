package io.merapi.cannon.proof;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.Memory;
import io.merapi.cannon.memory.MerkleTree;
import io.merapi.cannon.state.Bytes8;
import io.merapi.cannon.state.State;
import java.util.Arrays;

/**
 * The memory side of a re-executed step: installs each proven 32-byte leaf into the VM's (otherwise
 * empty) memory once its proof checks against the current root, and tracks the root through the
 * step's writes as the contract does — a proof is read against the root left by the accesses before
 * it, and the root after a write is the proof's path with the leaf as the step left it.
 */
final class ProvenMemory implements AccessProofs.Replay {
  private static final int FIRST_PROOF = StepReexecutor.FIRST_PROOF;
  private static final int SECOND_PROOF = StepReexecutor.SECOND_PROOF;

  private final Memory memory;
  private final byte[] proofData;
  private byte[] root;
  private final long[] accessed = {-1, -1};

  ProvenMemory(State state, byte[] proofData, byte[] preRoot) {
    this.memory = state.memory;
    this.proofData = proofData;
    this.root = preRoot;
  }

  /**
   * Checks the proof at {@code offset} for {@code addr} against {@code expected}, then installs it.
   */
  void install(int offset, long addr, byte[] expected, String what) {
    byte[] leaf = Arrays.copyOfRange(proofData, offset, offset + 32);
    if (!Arrays.equals(MerkleTree.rootFromProof(proofData, offset, leaf, addr), expected)) {
      throw new InvalidProofException(
          String.format("the %s proof for 0x%x does not match the memory root", what, addr));
    }
    long base = addr & ~31L;
    for (int i = 0; i < 4; i++) {
      memory.setWord(base + 8L * i, Bytes8.get(leaf, 8 * i));
    }
  }

  @Override
  public void access(int which, long effAddr) {
    if (accessed[which] != -1) {
      throw new IllegalStateException("data access " + which + " announced twice in one step");
    }
    if (which == 0) {
      install(FIRST_PROOF, effAddr, root, "memory");
    } else {
      if (accessed[0] != -1) {
        root = pathRoot(FIRST_PROOF, accessed[0]); // the first access's write is in the root now
      }
      install(SECOND_PROOF, effAddr, root, "second memory");
    }
    accessed[which] = effAddr;
  }

  /** The memory root after the step. */
  byte[] postRoot() {
    if (accessed[1] != -1) {
      return pathRoot(SECOND_PROOF, accessed[1]);
    }
    if (accessed[0] != -1) {
      return pathRoot(FIRST_PROOF, accessed[0]);
    }
    return root;
  }

  /** The root of the proof's path with the leaf at {@code addr} as memory holds it now. */
  private byte[] pathRoot(int offset, long addr) {
    byte[] leaf = new byte[32];
    long base = addr & ~31L;
    for (int i = 0; i < 4; i++) {
      Bytes8.put(leaf, 8 * i, memory.getWord(base + 8L * i));
    }
    return MerkleTree.rootFromProof(proofData, offset, leaf, addr);
  }
}
