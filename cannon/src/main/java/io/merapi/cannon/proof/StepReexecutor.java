package io.merapi.cannon.proof;

import io.merapi.cannon.memory.MerkleTree;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.state.Bytes8;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;
import io.merapi.cannon.vm.Vm;
import java.util.Arrays;
import java.util.List;

/**
 * Re-executes one step from what the on-chain MIPS64 step receives and nothing else: the 188-byte
 * pre-state witness ({@code state-data}), the proof data (thread witness, instruction proof, two
 * memory proofs) and, for a pre-image read, the oracle's key and value. It checks every piece
 * against the witness's roots, as the contract does, and returns the post-state hash.
 *
 * <p>The instruction semantics are the VM's own: the step runs in a {@link Vm} over a state holding
 * only the active thread and the proven memory leaves, each leaf installed just before the access
 * that reads it ({@link Vm#stepReplaying}). What the VM cannot know — the roots of the threads
 * below the active one and of the other stack, the rest of memory — is carried here and combined
 * with what the step changed, the way the contract updates its roots.
 */
public final class StepReexecutor {
  private static final int THREAD_WITNESS = ThreadState.SERIALIZED_SIZE + 32;
  static final int INSN_PROOF = THREAD_WITNESS;
  static final int FIRST_PROOF = INSN_PROOF + MerkleTree.PROOF_SIZE;
  static final int SECOND_PROOF = FIRST_PROOF + MerkleTree.PROOF_SIZE;
  private static final int PROOF_DATA_SIZE = SECOND_PROOF + MerkleTree.PROOF_SIZE;

  /** The pre-image a step reads, as a proof carries it (value with its 8-byte length prefix). */
  public record Preimage(byte[] key, byte[] value) {}

  private StepReexecutor() {}

  /**
   * The post-state hash of the step; {@code preimage} may be null when the step reads none. Throws
   * {@link InvalidProofException} when the data do not match the witness, and {@code VmException}
   * when the step itself is invalid.
   */
  public static byte[] postStateHash(byte[] stateData, byte[] proofData, Preimage preimage) {
    if (stateData.length != State.WITNESS_SIZE) {
      throw new InvalidProofException(
          "state data has " + stateData.length + " bytes, not " + State.WITNESS_SIZE);
    }
    if (stateData[98] == 1) {
      return State.stateHash(stateData); // an exited VM does not change
    }
    if (proofData.length != PROOF_DATA_SIZE) {
      throw new InvalidProofException(
          "proof data has " + proofData.length + " bytes, not " + PROOF_DATA_SIZE);
    }
    byte[] memRoot = Arrays.copyOfRange(stateData, 0, 32);
    boolean traverseRight = flag(stateData[115], "traverseRight");
    byte[] leftRoot = Arrays.copyOfRange(stateData, 116, 148);
    byte[] rightRoot = Arrays.copyOfRange(stateData, 148, 180);

    ThreadState thread;
    try {
      thread = ThreadState.decode(proofData, 0);
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException("thread witness: " + e.getMessage());
    }
    byte[] inner = Arrays.copyOfRange(proofData, ThreadState.SERIALIZED_SIZE, THREAD_WITNESS);
    byte[] activeRoot = traverseRight ? rightRoot : leftRoot;
    byte[] otherRoot = traverseRight ? leftRoot : rightRoot;
    if (!Arrays.equals(MerkleTree.hashPair(inner, thread.hash()), activeRoot)) {
      throw new InvalidProofException("the thread witness does not match the active stack root");
    }

    State s = stateWithout(stateData, thread, traverseRight);
    ProvenMemory memory = new ProvenMemory(s, proofData, memRoot);
    memory.install(INSN_PROOF, thread.pc, memRoot, "instruction");
    List<ThreadState> active = s.activeStack();
    List<ThreadState> other = traverseRight ? s.leftThreadStack : s.rightThreadStack;
    Vm vm = new Vm(s, oracle(preimage), null, null);
    vm.stepReplaying(memory);

    byte[] post = s.encodeWitness();
    System.arraycopy(memory.postRoot(), 0, post, 0, 32);
    byte[] activePost = State.stackRoot(inner, active, active.size());
    byte[] otherPost = State.stackRoot(otherRoot, other, other.size());
    // The VM saw an active stack of one thread: when it emptied it, it turned the traversal; the
    // real stack only turns when nothing is left below that thread either.
    boolean turned = s.traverseRight != traverseRight;
    boolean realTurn = turned && Arrays.equals(inner, State.EMPTY_THREADS_ROOT);
    post[115] = (byte) ((traverseRight ^ realTurn) ? 1 : 0);
    System.arraycopy(traverseRight ? otherPost : activePost, 0, post, 116, 32);
    System.arraycopy(traverseRight ? activePost : otherPost, 0, post, 148, 32);
    return State.stateHash(post);
  }

  /** The witness's fields in a state whose active stack holds only {@code thread}. */
  private static State stateWithout(byte[] w, ThreadState thread, boolean traverseRight) {
    State s = new State();
    s.preimageKey = Arrays.copyOfRange(w, 32, 64);
    s.preimageOffset = Bytes8.get(w, 64);
    s.heap = Bytes8.get(w, 72);
    s.llReservationStatus = w[80] & 0xFF;
    s.llAddress = Bytes8.get(w, 81);
    s.llOwnerThread = Bytes8.get(w, 89);
    s.exitCode = w[97] & 0xFF;
    s.exited = flag(w[98], "exited");
    s.step = Bytes8.get(w, 99);
    s.stepsSinceLastContextSwitch = Bytes8.get(w, 107);
    s.traverseRight = traverseRight;
    s.nextThreadId = Bytes8.get(w, 180);
    s.activeStack().add(thread);
    return s;
  }

  private static boolean flag(byte b, String name) {
    if (b != 0 && b != 1) {
      throw new InvalidProofException(name + " is " + (b & 0xFF) + ", not 0 or 1");
    }
    return b == 1;
  }

  private static PreimageOracle oracle(Preimage preimage) {
    return new PreimageOracle() {
      @Override
      public void hint(byte[] hint) {} // hints do not change the state

      @Override
      public byte[] getPreimage(byte[] key) {
        if (preimage == null || !Arrays.equals(key, preimage.key())) {
          throw new InvalidProofException("the step reads a pre-image the proof does not carry");
        }
        byte[] v = preimage.value();
        if (v.length < 8 || Bytes8.get(v, 0) != v.length - 8) {
          throw new InvalidProofException("the pre-image value lacks its length prefix");
        }
        return Arrays.copyOfRange(v, 8, v.length);
      }
    };
  }
}
