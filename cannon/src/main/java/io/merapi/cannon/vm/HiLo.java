package io.merapi.cannon.vm;

import io.merapi.cannon.VmException;
import io.merapi.cannon.state.ThreadState;

/**
 * The SPECIAL functions that use the HI/LO registers that run outside the {@link Interpreter}'s
 * switch: mthi/mtlo and the 32- and 64-bit divides (a division by zero is an invalid step).
 */
final class HiLo {
  private HiLo() {}

  /**
   * Runs the function and returns what the contract writes to rd (zero for those that only set HI
   * and LO: a nonzero rd then receives 0, as on-chain).
   */
  static long execute(ThreadState t, int fun, long rs, long rt) {
    long val = 0;
    switch (fun) {
      case 0x11 -> t.hi = rs; // mthi
      case 0x13 -> t.lo = rs; // mtlo
      case 0x1A -> { // div
        if ((int) rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = (int) rs % (int) rt;
        t.lo = (int) rs / (int) rt;
      }
      case 0x1B -> { // divu
        if ((int) rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = Integer.remainderUnsigned((int) rs, (int) rt);
        t.lo = Integer.divideUnsigned((int) rs, (int) rt);
      }
      case 0x1E -> { // ddiv
        if (rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = rs % rt;
        t.lo = rs / rt;
      }
      case 0x1F -> { // ddivu
        if (rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = Long.remainderUnsigned(rs, rt);
        t.lo = Long.divideUnsigned(rs, rt);
      }
      default -> throw new VmException(String.format("invalid hi/lo function: %02x", fun));
    }
    return val;
  }
}
