package io.merapi.cannon.syscall;

import io.merapi.cannon.state.ThreadState;

/**
 * What the step does after a syscall has set its return registers: the scheduling part of a syscall
 * is the VM's job, so a handler only says which one it is.
 */
public sealed interface SyscallOutcome {
  /** Go on with the next instruction. */
  record Advance() implements SyscallOutcome {}

  /** Go on with the next instruction, but in the next thread (sched_yield, futex, nanosleep). */
  record Yield() implements SyscallOutcome {}

  /** The thread or the whole VM exited: the PC stays where it is. */
  record Halt() implements SyscallOutcome {}

  /** clone: go on, and push the new thread on the active stack (it runs next). */
  record Spawn(ThreadState child) implements SyscallOutcome {}

  SyscallOutcome ADVANCE = new Advance();
  SyscallOutcome YIELD = new Yield();
  SyscallOutcome HALT = new Halt();
}
