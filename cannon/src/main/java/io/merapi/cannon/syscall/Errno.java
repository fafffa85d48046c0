package io.merapi.cannon.syscall;

import io.merapi.cannon.state.ThreadState;

/**
 * Syscall results as the MIPS64 contract returns them (the Linux/MIPS convention): $v0 holds the
 * result or the errno, $a3 is 0 on success and MaxWord on error.
 */
final class Errno {
  static final long EBADF = 0x9;
  static final long EAGAIN = 0xB;
  static final long EINVAL = 0x16;

  /** $a3's error signal. */
  private static final long ERROR = -1L;

  private Errno() {}

  static SyscallOutcome ok(ThreadState t, long v0) {
    t.registers[2] = v0;
    t.registers[7] = 0;
    return SyscallOutcome.ADVANCE;
  }

  static SyscallOutcome fail(ThreadState t, long errno) {
    t.registers[2] = errno;
    t.registers[7] = ERROR;
    return SyscallOutcome.ADVANCE;
  }
}
