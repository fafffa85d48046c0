package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Conversions between stack words ({@link WordMath} layout) and chain data types. */
final class Words {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Words() {}

  /** The low 20 bytes of the word as an address (how CALL and BALANCE read addresses). */
  static Address toAddress(long[] s, int o) {
    byte[] a = new byte[Address.LENGTH];
    INT_BE.set(a, 0, (int) s[o + 2]);
    LONG_BE.set(a, 4, s[o + 1]);
    LONG_BE.set(a, 12, s[o]);
    return Address.wrap(a);
  }

  static void setAddress(long[] s, int o, Address address) {
    byte[] a = address.array();
    s[o + 3] = 0;
    s[o + 2] = (int) INT_BE.get(a, 0) & 0xffffffffL;
    s[o + 1] = (long) LONG_BE.get(a, 4);
    s[o] = (long) LONG_BE.get(a, 12);
  }

  static UInt256 toUInt256(long[] s, int o) {
    return UInt256.fromLimbs(s[o + 3], s[o + 2], s[o + 1], s[o]);
  }

  static void setUInt256(long[] s, int o, UInt256 v) {
    s[o] = v.limb(0);
    s[o + 1] = v.limb(1);
    s[o + 2] = v.limb(2);
    s[o + 3] = v.limb(3);
  }

  static void setHash(long[] s, int o, Hash h) {
    setBytes32(s, o, h.array(), 0);
  }

  static void setBytes32(long[] s, int o, byte[] b, int offset) {
    s[o + 3] = (long) LONG_BE.get(b, offset);
    s[o + 2] = (long) LONG_BE.get(b, offset + 8);
    s[o + 1] = (long) LONG_BE.get(b, offset + 16);
    s[o] = (long) LONG_BE.get(b, offset + 24);
  }

  static Hash toHash(long[] s, int o) {
    byte[] b = new byte[32];
    LONG_BE.set(b, 0, s[o + 3]);
    LONG_BE.set(b, 8, s[o + 2]);
    LONG_BE.set(b, 16, s[o + 1]);
    LONG_BE.set(b, 24, s[o]);
    return Hash.wrap(b);
  }

  /** The word as an unsigned long, or {@code Long.MAX_VALUE} if it does not fit a signed long. */
  static long clampToLong(long[] s, int o) {
    if ((s[o + 1] | s[o + 2] | s[o + 3]) != 0 || s[o] < 0) {
      return Long.MAX_VALUE;
    }
    return s[o];
  }
}
