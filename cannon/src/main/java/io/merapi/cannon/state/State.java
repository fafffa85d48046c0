package io.merapi.cannon.state;

import io.merapi.base.crypto.Keccak256;
import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.memory.Memory;
import io.merapi.cannon.memory.MerkleTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The VM state of specs/fault-proof/cannon-fault-proof-vm.md "FPVM State" (state version 8, the
 * current MIPS64 contract): every field, the two thread stacks as lists (top = last element), and
 * the memory. {@link #encodeWitness()} packs the 188-byte witness; {@link #stateHash} sets the VM
 * status byte.
 */
public final class State {
  public static final int WITNESS_SIZE = 188;

  /** keccak256(bytes32(0) ++ bytes32(0)), the empty thread stack. */
  public static final byte[] EMPTY_THREADS_ROOT = MerkleTree.hashPair(new byte[32], new byte[32]);

  public static final int STATUS_VALID = 0;
  public static final int STATUS_INVALID = 1;
  public static final int STATUS_PANIC = 2;
  public static final int STATUS_UNFINISHED = 3;

  public Memory memory = new Memory();
  public byte[] preimageKey = new byte[32];
  public long preimageOffset;
  public long heap;
  public int llReservationStatus;
  public long llAddress;
  public long llOwnerThread;
  public int exitCode;
  public boolean exited;
  public long step;
  public long stepsSinceLastContextSwitch;
  public boolean traverseRight;
  public final List<ThreadState> leftThreadStack = new ArrayList<>();
  public final List<ThreadState> rightThreadStack = new ArrayList<>();
  public long nextThreadId;

  /** Buffered hint bytes not yet forming a whole hint; not part of the hashed state. */
  public byte[] lastHint = new byte[0];

  /** A state with one thread (id 0) at {@code pc}, as the ELF loader creates it. */
  public static State initial(long pc, long heapStart) {
    State s = new State();
    ThreadState t = new ThreadState();
    t.pc = pc;
    t.nextPc = pc + 4;
    s.leftThreadStack.add(t);
    s.nextThreadId = 1;
    s.heap = heapStart;
    return s;
  }

  /**
   * Any write to the reserved word breaks an ll/sc reservation (the contract's handleMemoryUpdate).
   */
  public void invalidateReservation(long effAddr) {
    if (effAddr == (llAddress & AddressSpace.ADDRESS_MASK)) {
      llReservationStatus = 0;
      llAddress = 0;
      llOwnerThread = 0;
    }
  }

  public List<ThreadState> activeStack() {
    return traverseRight ? rightThreadStack : leftThreadStack;
  }

  public ThreadState currentThread() {
    List<ThreadState> stack = activeStack();
    if (stack.isEmpty()) {
      throw new VmException("invalid thread state: the active thread stack is empty");
    }
    return stack.get(stack.size() - 1);
  }

  public int threadCount() {
    return leftThreadStack.size() + rightThreadStack.size();
  }

  public int vmStatus() {
    return vmStatus(exited, exitCode);
  }

  static int vmStatus(boolean exited, int exitCode) {
    if (!exited) {
      return STATUS_UNFINISHED;
    }
    return switch (exitCode) {
      case 0 -> STATUS_VALID;
      case 1 -> STATUS_INVALID;
      default -> STATUS_PANIC;
    };
  }

  /** The hash onion over a stack's threads, bottom first. */
  static byte[] stackRoot(List<ThreadState> stack, int count) {
    return stackRoot(EMPTY_THREADS_ROOT, stack, count);
  }

  /**
   * The hash onion over {@code count} threads laid on a stack whose lower part has root {@code
   * base}.
   */
  public static byte[] stackRoot(byte[] base, List<ThreadState> stack, int count) {
    byte[] root = base;
    for (int i = 0; i < count; i++) {
      root = MerkleTree.hashPair(root, stack.get(i).hash());
    }
    return root;
  }

  /** The 188-byte witness the on-chain step reads as {@code _stateData}. */
  public byte[] encodeWitness() {
    byte[] out = new byte[WITNESS_SIZE];
    System.arraycopy(memory.merkleRoot(), 0, out, 0, 32);
    System.arraycopy(preimageKey, 0, out, 32, 32);
    int p = Bytes8.put(out, 64, preimageOffset);
    p = Bytes8.put(out, p, heap);
    out[p++] = (byte) llReservationStatus;
    p = Bytes8.put(out, p, llAddress);
    p = Bytes8.put(out, p, llOwnerThread);
    out[p++] = (byte) exitCode;
    out[p++] = (byte) (exited ? 1 : 0);
    p = Bytes8.put(out, p, step);
    p = Bytes8.put(out, p, stepsSinceLastContextSwitch);
    out[p++] = (byte) (traverseRight ? 1 : 0);
    System.arraycopy(stackRoot(leftThreadStack, leftThreadStack.size()), 0, out, p, 32);
    System.arraycopy(stackRoot(rightThreadStack, rightThreadStack.size()), 0, out, p + 32, 32);
    Bytes8.put(out, p + 64, nextThreadId);
    return out;
  }

  /** keccak256(witness) with the high-order byte replaced by the VM status. */
  public static byte[] stateHash(byte[] witness) {
    if (witness.length != WITNESS_SIZE) {
      throw new IllegalArgumentException(
          "state witness has " + witness.length + " bytes, not " + WITNESS_SIZE);
    }
    byte[] hash = Keccak256.hash(witness);
    int exitCode = witness[97] & 0xFF;
    int exitedByte = witness[98] & 0xFF;
    hash[0] = (byte) vmStatus(exitedByte == 1, exitCode);
    return hash;
  }

  /** The thread witness: the active thread's 298 bytes and the root of the stack below it. */
  public byte[] encodeThreadProof() {
    List<ThreadState> stack = activeStack();
    if (stack.isEmpty()) {
      throw new VmException("invalid thread state: the active thread stack is empty");
    }
    byte[] out = new byte[ThreadState.SERIALIZED_SIZE + 32];
    System.arraycopy(stack.get(stack.size() - 1).encode(), 0, out, 0, ThreadState.SERIALIZED_SIZE);
    System.arraycopy(stackRoot(stack, stack.size() - 1), 0, out, ThreadState.SERIALIZED_SIZE, 32);
    return out;
  }
}
