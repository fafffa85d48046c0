package io.merapi.cannon;

/** The MIPS64 n64 syscall numbers and file descriptors the spec's tables name. */
final class Syscalls {
  static final int MMAP = 5009;
  static final int BRK = 5012;
  static final int CLONE = 5055;
  static final int EXIT_GROUP = 5205;
  static final int READ = 5000;
  static final int WRITE = 5001;
  static final int FCNTL = 5070;
  static final int EXIT = 5058;
  static final int SCHED_YIELD = 5023;
  static final int GETTID = 5178;
  static final int FUTEX = 5194;
  static final int OPEN = 5002;
  static final int NANOSLEEP = 5034;
  static final int CLOCK_GETTIME = 5222;
  static final int GETPID = 5038;
  static final int GETRANDOM = 5313;
  static final int EVENTFD2 = 5284;

  static final long FUTEX_WAIT_PRIVATE = 128;
  static final long FUTEX_WAKE_PRIVATE = 129;

  static final long FD_STDIN = 0;
  static final long FD_STDOUT = 1;
  static final long FD_STDERR = 2;
  static final long FD_HINT_READ = 3;
  static final long FD_HINT_WRITE = 4;
  static final long FD_PREIMAGE_READ = 5;
  static final long FD_PREIMAGE_WRITE = 6;

  /** Bound on one write's length that this implementation copies out (the state is unaffected). */
  static final long MAX_IO = 1 << 24;

  /** The spec's no-op table (plus mprotect, a no-op in the current contract): $v0 = $a3 = 0. */
  private static final int[] NOOPS = {
    5011, 5010, 5196, 5027, 5014, 5129, 5013, 5297, 5003, 5016, 5004, 5005, 5247, 5087, 5257, 5015,
    5285, 5287, 5208, 5272, 5061, 5100, 5102, 5026, 5225, 5095, 5008, 5036, 5216, 5217, 5220
  };

  private Syscalls() {}

  static boolean isNoop(long num) {
    for (int n : NOOPS) {
      if (n == num) {
        return true;
      }
    }
    return false;
  }
}
