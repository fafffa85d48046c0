package io.merapi.cannon.memory;

/**
 * The Merkle proofs of the memory words one step touched, recorded only while a step is being
 * proven: the on-chain step takes at most two data words (clock_gettime writes two), each proven
 * against the pre-state root, so a proof is taken before the word is changed.
 */
public final class AccessProofs {
  /** Told of each proven access before it happens, when re-executing a step from its proofs. */
  public interface Replay {
    /** {@code which} is 0 for the step's first data access, 1 for the second. */
    void access(int which, long effAddr);
  }

  private final Memory memory;
  private boolean recording;
  private Replay replay;
  private boolean active; // recording or replaying: the one test on the hot path
  private byte[] first;
  private byte[] second;

  public AccessProofs(Memory memory) {
    this.memory = memory;
  }

  public void start() {
    recording = true;
    active = true;
    first = null;
    second = null;
  }

  public void stop() {
    recording = false;
    replay = null;
    active = false;
  }

  /** Until {@link #stop()}, accesses go to {@code replay} instead of being proven. */
  public void replay(Replay replay) {
    this.replay = replay;
    recording = false;
    active = true;
  }

  public boolean recording() {
    return recording;
  }

  /** The step's (first) data access. */
  public void access(long effAddr) {
    if (active) {
      if (replay != null) {
        replay.access(0, effAddr);
      } else {
        first = memory.merkleProof(effAddr);
      }
    }
  }

  /** The step's second data access (clock_gettime's nanoseconds word). */
  public void secondAccess(long effAddr) {
    if (active) {
      if (replay != null) {
        replay.access(1, effAddr);
      } else {
        second = memory.merkleProof(effAddr);
      }
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
