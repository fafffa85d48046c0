package io.merapi.devnet.load;

/**
 * How many transactions are due at a moment so that the count sent since the start follows {@code
 * perSecond}: a sender that falls behind (all senders busy, a slow answer) catches up, but by at
 * most {@code maxBacklog} at once; what lies beyond is given up and counted as {@link #skipped}, so
 * a long stall does not end in a burst far above the target rate. Pure: the caller passes the
 * clock.
 */
final class Pacer {
  private final double perSecond;
  private final long startNanos;
  private final long maxBacklog;
  private long issued;
  private long skipped;

  Pacer(double perSecond, long startNanos, long maxBacklog) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("the rate must be positive, got " + perSecond);
    }
    if (maxBacklog < 1) {
      throw new IllegalArgumentException("the backlog must be at least 1, got " + maxBacklog);
    }
    this.perSecond = perSecond;
    this.startNanos = startNanos;
    this.maxBacklog = maxBacklog;
  }

  /** How many transactions to send at {@code nowNanos} (0 or more, at most the backlog). */
  int due(long nowNanos) {
    long target = (long) Math.floor(Math.max(0, nowNanos - startNanos) * perSecond / 1e9);
    long owed = target - issued - skipped;
    if (owed > maxBacklog) {
      skipped += owed - maxBacklog;
      owed = maxBacklog;
    }
    return (int) Math.max(0, owed);
  }

  /** Counts {@code count} transactions as sent (at most what {@link #due} gave). */
  void issued(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative count " + count);
    }
    issued += count;
  }

  /** Transactions sent so far. */
  long issued() {
    return issued;
  }

  /** Transactions that fell due but were given up because the backlog was full. */
  long skipped() {
    return skipped;
  }
}
