package io.merapi.cannon.syscall;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;

/**
 * clock_gettime and getrandom, both derived from the step counter so that every run and the
 * on-chain step agree.
 */
final class ClockAndRandom {
  /** Steps per second of the monotonic clock. */
  static final long HZ = 10_000_000;

  private final State state;
  private final AccessProofs proofs;

  ClockAndRandom(State state, AccessProofs proofs) {
    this.state = state;
    this.proofs = proofs;
  }

  /** MONOTONIC counts steps; REALTIME stays at the epoch, as the contract writes zeros. */
  SyscallOutcome clockGettime(ThreadState t, long clock, long addr) {
    if (clock != 0 && clock != 1) {
      return Errno.fail(t, Errno.EINVAL);
    }
    long secs = 0;
    long nsecs = 0;
    if (clock == 1) {
      secs = Long.divideUnsigned(state.step, HZ);
      nsecs = Long.remainderUnsigned(state.step, HZ) * (1_000_000_000L / HZ);
    }
    long effAddr = addr & AddressSpace.ADDRESS_MASK;
    proofs.access(effAddr);
    state.memory.setWord(effAddr, secs);
    state.invalidateReservation(effAddr);
    proofs.secondAccess(effAddr + 8);
    state.memory.setWord(effAddr + 8, nsecs);
    state.invalidateReservation(effAddr + 8);
    return Errno.ok(t, 0);
  }

  /** Writes splitmix64(step)'s bytes into the buffer, at most up to the end of its first word. */
  SyscallOutcome getrandom(ThreadState t, long addr, long length) {
    long effAddr = addr & AddressSpace.ADDRESS_MASK;
    proofs.access(effAddr);
    long memVal = state.memory.getWord(effAddr);
    long random = splitmix64(state.step);
    long index = addr - effAddr;
    long count = Long.compareUnsigned(8 - index, length) < 0 ? 8 - index : length;
    long mask = count == 8 ? -1L : (1L << (count * 8)) - 1;
    mask <<= (8 - count) * 8;
    mask >>>= index * 8;
    if (count == 0) {
      mask = 0;
    }
    state.memory.setWord(effAddr, (memVal & ~mask) | (random & mask));
    state.invalidateReservation(effAddr);
    return Errno.ok(t, count);
  }

  /** splitmix64 of the step, the generator getrandom uses (prng.di.unimi.it/splitmix64.c). */
  static long splitmix64(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
