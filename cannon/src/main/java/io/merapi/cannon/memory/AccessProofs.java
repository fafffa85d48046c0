package io.merapi.cannon.memory;

/**
 * The Merkle proofs of the memory words one step touched, recorded only while a step is being
 * proven: the on-chain step takes at most two data words (clock_gettime writes two), each proven
 * against the pre-state root, so a proof is taken before the word is changed.
 */
public final class AccessProofs {
  private final Memory memory;
  private boolean recording;
  private byte[] first;
  private byte[] second;

  public AccessProofs(Memory memory) {
    this.memory = memory;
  }

  public void start() {
    recording = true;
    first = null;
    second = null;
  }

  public void stop() {
    recording = false;
  }

  public boolean recording() {
    return recording;
  }

  /** The step's (first) data access. */
  public void access(long effAddr) {
    if (recording) {
      first = memory.merkleProof(effAddr);
    }
  }

  /** The step's second data access (clock_gettime's nanoseconds word). */
  public void secondAccess(long effAddr) {
    if (recording) {
      second = memory.merkleProof(effAddr);
    }
  }

  /** The first proof, zeros when the step read no data word. */
  public byte[] first() {
    return first == null ? new byte[MerkleTree.PROOF_SIZE] : first;
  }

  public byte[] second() {
    return second == null ? new byte[MerkleTree.PROOF_SIZE] : second;
  }
}
