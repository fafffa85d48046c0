package io.merapi.cannon.syscall;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.memory.SubWord;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;

/** clone, exit, exit_group, futex and the yielding calls: the spec's "Threading" syscalls. */
final class ThreadSyscalls {
  /** The only clone flags accepted (Go's runtime uses exactly these); others panic the VM. */
  static final long VALID_CLONE_FLAGS = 0x100 | 0x200 | 0x400 | 0x800 | 0x40000 | 0x10000;

  static final long FUTEX_WAIT_PRIVATE = 128;
  static final long FUTEX_WAKE_PRIVATE = 129;

  private final State state;
  private final AccessProofs proofs;

  ThreadSyscalls(State state, AccessProofs proofs) {
    this.state = state;
    this.proofs = proofs;
  }

  SyscallOutcome clone(ThreadState t, long flags, long stackPtr) {
    if (flags != VALID_CLONE_FLAGS) {
      state.exited = true;
      state.exitCode = State.STATUS_PANIC;
      return SyscallOutcome.HALT;
    }
    ThreadState child = t.copy();
    child.threadId = state.nextThreadId;
    child.exitCode = 0;
    child.exited = false;
    child.pc = t.nextPc;
    child.nextPc = t.nextPc + 4;
    child.registers[29] = stackPtr;
    child.registers[2] = 0;
    child.registers[7] = 0;
    state.nextThreadId++;
    Errno.ok(t, child.threadId);
    return new SyscallOutcome.Spawn(child);
  }

  SyscallOutcome exitGroup(long code) {
    state.exited = true;
    state.exitCode = (int) (code & 0xFF);
    return SyscallOutcome.HALT;
  }

  /** The thread exits; the last thread's exit ends the VM with its code. */
  SyscallOutcome exit(ThreadState t, long code) {
    t.exited = true;
    t.exitCode = (int) (code & 0xFF);
    if (state.threadCount() == 1) {
      state.exited = true;
      state.exitCode = (int) (code & 0xFF);
    }
    return SyscallOutcome.HALT;
  }

  /**
   * FUTEX_WAIT_PRIVATE yields when the word still holds the expected value (the waiter retries when
   * scheduled again) and fails with EAGAIN otherwise; FUTEX_WAKE_PRIVATE just yields.
   */
  SyscallOutcome futex(ThreadState t, long addr, long op, long expected) {
    long effFutexAddr = addr & ~3L;
    if (op == FUTEX_WAIT_PRIVATE) {
      long word = effFutexAddr & AddressSpace.ADDRESS_MASK;
      proofs.access(word);
      long value = SubWord.select(effFutexAddr, state.memory.getWord(word), 4, false);
      if (value != (expected & 0xFFFFFFFFL)) {
        return Errno.fail(t, Errno.EAGAIN);
      }
      return yieldThread(t);
    }
    if (op == FUTEX_WAKE_PRIVATE) {
      return yieldThread(t);
    }
    return Errno.fail(t, Errno.EINVAL);
  }

  SyscallOutcome yieldThread(ThreadState t) {
    Errno.ok(t, 0);
    return SyscallOutcome.YIELD;
  }
}
