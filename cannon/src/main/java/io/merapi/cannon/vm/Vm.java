package io.merapi.cannon.vm;

import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.Memory;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.oracle.PreimageReader;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.StepWitness;
import io.merapi.cannon.state.ThreadState;
import io.merapi.cannon.syscall.SyscallHandler;
import io.merapi.cannon.syscall.SyscallOutcome;
import java.io.OutputStream;
import java.util.List;

/**
 * The step function of the multithreaded MIPS64 FPVM over a {@link State}, in the contract's order:
 * exited → unchanged; step++; an exited active thread is popped; a thread past its quantum is
 * preempted; else the instruction at the PC runs (syscall, ll/sc, or the core set). {@link
 * #step(boolean)} can record the proof data for the on-chain step; {@link #run(long)} is the fast
 * loop, allocating nothing per step.
 */
public final class Vm {
  private static final int OP_SPECIAL = 0;
  private static final int FUN_SYSCALL = 0xC;

  private final State state;
  private final AccessProofs proofs;
  private final PreimageReader preimages;
  private final SyscallHandler syscalls;
  private final LinkedAccess linked;
  private final CoreInstructions core;

  // Caches for the step loop, valid within one run() or step(boolean) call (the caller may change
  // the state between calls): the active thread until the next scheduling change, and the page
  // the PC is in (page arrays are stable: a write changes the array the fetch reads).
  private ThreadState current;
  private long codeIndex = -1;
  private long[] codePage;

  public Vm(State state, PreimageOracle oracle, OutputStream stdout, OutputStream stderr) {
    this.state = state;
    this.proofs = new AccessProofs(state.memory);
    this.preimages = new PreimageReader(oracle);
    this.syscalls = new SyscallHandler(state, proofs, preimages, stdout, stderr);
    this.linked = new LinkedAccess(state, proofs);
    this.core = new CoreInstructions(state, proofs);
  }

  public State state() {
    return state;
  }

  /** Runs until the VM exits or {@code maxSteps} steps have been taken; returns steps taken. */
  public long run(long maxSteps) {
    long start = state.step;
    long end = start + maxSteps;
    forgetCaches();
    while (!state.exited && Long.compareUnsigned(state.step, end) < 0) {
      step();
    }
    return state.step - start;
  }

  /** One step; with {@code proof} the witness carries the proof data for the on-chain step. */
  public StepWitness step(boolean proof) {
    if (!proof) {
      forgetCaches();
      step();
      return null;
    }
    forgetCaches();
    byte[] pre = state.encodeWitness();
    byte[] proofData = new byte[0];
    preimages.resetReadOffset();
    if (!state.exited) {
      byte[] threadProof = state.encodeThreadProof();
      byte[] insnProof = state.memory.merkleProof(state.currentThread().pc);
      proofs.start();
      try {
        step();
      } finally {
        proofs.stop();
      }
      proofData = concat(threadProof, insnProof, proofs.first(), proofs.second());
    }
    long offset = preimages.readOffset();
    if (offset < 0) {
      return new StepWitness(pre, State.stateHash(pre), proofData, null, null, 0);
    }
    return new StepWitness(
        pre, State.stateHash(pre), proofData, preimages.key(), preimages.value(), offset);
  }

  private void forgetCaches() {
    current = null;
    codeIndex = -1;
    codePage = null;
  }

  private void step() {
    State s = state;
    if (s.exited) {
      return;
    }
    s.step++;
    ThreadState t = current;
    if (t == null) {
      List<ThreadState> stack = s.activeStack();
      if (stack.isEmpty()) {
        s.step--;
        throw new VmException("invalid thread state: the active thread stack is empty");
      }
      t = stack.get(stack.size() - 1);
      current = t;
    }
    if (t.exited) {
      Scheduler.popExited(s);
      current = null;
      return;
    }
    if (s.stepsSinceLastContextSwitch >= Scheduler.SCHED_QUANTUM) {
      Scheduler.preempt(s, t);
      current = null;
      return;
    }
    s.stepsSinceLastContextSwitch++;
    int insn = fetch(t.pc);
    int opcode = insn >>> 26;
    int fun = insn & 0x3F;
    if (opcode == OP_SPECIAL && fun == FUN_SYSCALL) {
      syscall(t);
      current = null; // a syscall may yield, spawn or exit
    } else if (LinkedAccess.isLinked(opcode)) {
      linked.execute(t, insn, opcode);
    } else {
      core.execute(t, insn, opcode, fun);
    }
  }

  private int fetch(long pc) {
    if ((pc & 3) != 0) {
      throw new VmException(String.format("unaligned instruction fetch: PC = 0x%x", pc));
    }
    long index = pc >>> Memory.PAGE_ADDR_SIZE;
    if (index != codeIndex) {
      long[] page = state.memory.page(index);
      if (page == null) {
        return 0; // not cached: a later write may allocate the page
      }
      codeIndex = index;
      codePage = page;
    }
    long word = codePage[(int) ((pc >>> 3) & (Memory.PAGE_WORDS - 1))];
    return (pc & 4) == 0 ? (int) (word >>> 32) : (int) word;
  }

  private void syscall(ThreadState t) {
    switch (syscalls.handle(t)) {
      case SyscallOutcome.Advance a -> ControlFlow.advance(t);
      case SyscallOutcome.Yield y -> {
        ControlFlow.advance(t);
        Scheduler.preempt(state, t);
      }
      case SyscallOutcome.Halt h -> {}
      case SyscallOutcome.Spawn spawn -> {
        ControlFlow.advance(t);
        Scheduler.spawn(state, spawn.child());
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
