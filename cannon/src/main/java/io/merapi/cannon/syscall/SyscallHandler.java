package io.merapi.cannon.syscall;

import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.oracle.PreimageReader;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;
import java.io.OutputStream;

/**
 * The spec's syscall table (specs/fault-proof/cannon-fault-proof-vm.md "Syscalls"): dispatches on
 * $v0 to the group that implements it; no-op syscalls return 0 and anything else stops the VM.
 */
public final class SyscallHandler {
  private final MemorySyscalls memory;
  private final ThreadSyscalls threads;
  private final ClockAndRandom clockAndRandom;
  private final FileSyscalls files;

  public SyscallHandler(
      State state,
      AccessProofs proofs,
      PreimageReader preimages,
      OutputStream stdout,
      OutputStream stderr) {
    this.memory = new MemorySyscalls(state);
    this.threads = new ThreadSyscalls(state, proofs);
    this.clockAndRandom = new ClockAndRandom(state, proofs);
    this.files = new FileSyscalls(state, proofs, preimages, stdout, stderr);
  }

  /** Runs the syscall thread {@code t} is at; sets $v0/$a3 unless the thread or VM halts. */
  public SyscallOutcome handle(ThreadState t) {
    long[] r = t.registers;
    long num = r[2];
    long a0 = r[4];
    long a1 = r[5];
    long a2 = r[6];
    return switch ((int) num == num ? (int) num : -1) {
      case Syscalls.MMAP -> memory.mmap(t, a0, a1);
      case Syscalls.BRK -> Errno.ok(t, AddressSpace.PROGRAM_BREAK);
      case Syscalls.CLONE -> threads.clone(t, a0, a1);
      case Syscalls.EXIT_GROUP -> threads.exitGroup(a0);
      case Syscalls.EXIT -> threads.exit(t, a0);
      case Syscalls.FUTEX -> threads.futex(t, a0, a1, a2);
      case Syscalls.SCHED_YIELD, Syscalls.NANOSLEEP -> threads.yieldThread(t);
      case Syscalls.GETTID -> Errno.ok(t, t.threadId);
      case Syscalls.GETPID -> Errno.ok(t, 0);
      case Syscalls.READ -> files.read(t, a0, a1, a2);
      case Syscalls.WRITE -> files.write(t, a0, a1, a2);
      case Syscalls.FCNTL -> files.fcntl(t, a0, a1);
      case Syscalls.OPEN -> Errno.fail(t, Errno.EBADF);
      case Syscalls.EVENTFD2 -> files.eventfd2(t, a1);
      case Syscalls.CLOCK_GETTIME -> clockAndRandom.clockGettime(t, a0, a1);
      case Syscalls.GETRANDOM -> clockAndRandom.getrandom(t, a0, a1);
      default -> {
        if (!Syscalls.isNoop(num)) {
          throw new VmException("unsupported syscall: " + num);
        }
        yield Errno.ok(t, 0);
      }
    };
  }
}
