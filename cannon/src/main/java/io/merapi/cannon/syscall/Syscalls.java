package io.merapi.cannon.syscall;

/** The MIPS64 n64 syscall numbers and file descriptors the spec's tables name. */
public final class Syscalls {
  public static final int MMAP = 5009;
  public static final int BRK = 5012;
  public static final int CLONE = 5055;
  public static final int EXIT_GROUP = 5205;
  public static final int READ = 5000;
  public static final int WRITE = 5001;
  public static final int FCNTL = 5070;
  public static final int EXIT = 5058;
  public static final int SCHED_YIELD = 5023;
  public static final int GETTID = 5178;
  public static final int FUTEX = 5194;
  public static final int OPEN = 5002;
  public static final int NANOSLEEP = 5034;
  public static final int CLOCK_GETTIME = 5222;
  public static final int GETPID = 5038;
  public static final int GETRANDOM = 5313;
  public static final int EVENTFD2 = 5284;

  public static final long FD_STDIN = 0;
  public static final long FD_STDOUT = 1;
  public static final long FD_STDERR = 2;
  public static final long FD_HINT_READ = 3;
  public static final long FD_HINT_WRITE = 4;
  public static final long FD_PREIMAGE_READ = 5;
  public static final long FD_PREIMAGE_WRITE = 6;

  /** Bound on one write's length that this implementation copies out (the state is unaffected). */
  public static final long MAX_IO = 1 << 24;

  /** The spec's no-op table (plus mprotect, a no-op in the current contract): $v0 = $a3 = 0. */
  private static final int[] NOOPS = {
    5011, 5010, 5196, 5027, 5014, 5129, 5013, 5297, 5003, 5016, 5004, 5005, 5247, 5087, 5257, 5015,
    5285, 5287, 5208, 5272, 5061, 5100, 5102, 5026, 5225, 5095, 5008, 5036, 5216, 5217, 5220
  };

  private Syscalls() {}

  public static boolean isNoop(long num) {
    for (int n : NOOPS) {
      if (n == num) {
        return true;
      }
    }
    return false;
  }
}
