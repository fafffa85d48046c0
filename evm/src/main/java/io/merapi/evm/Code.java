package io.merapi.evm;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/**
 * Contract code prepared for execution: the bytes padded with 33 zero bytes (so a PUSH32 at the end
 * reads zeros and running off the end meets STOP, without bounds checks in the loop) and the valid
 * jump destinations as a bitset. Immutable; shared by every frame running the same code (see {@link
 * CodeCache}).
 */
public final class Code {
  private static final int PADDING = 33;

  public static final Code EMPTY = new Code(new byte[0], Keccak256.EMPTY);

  final byte[] padded;
  final int length;
  final long[] jumpDestinations;
  private final Hash hash;

  private Code(byte[] bytes, Hash hash) {
    this.length = bytes.length;
    this.padded = Arrays.copyOf(bytes, bytes.length + PADDING);
    this.jumpDestinations = analyse(bytes);
    this.hash = hash;
  }

  /** Analyses {@code bytes}, whose keccak-256 is {@code hash}. */
  public static Code of(byte[] bytes, Hash hash) {
    return bytes.length == 0 ? EMPTY : new Code(bytes, hash);
  }

  /** Analyses {@code bytes}, hashing them. */
  public static Code of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Code(bytes, Keccak256.digest(bytes));
  }

  /** Analyses init code, which is not stored by hash and is not hashed here. */
  static Code ofInitcode(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Code(bytes, Hash.ZERO);
  }

  public int length() {
    return length;
  }

  public Hash hash() {
    return hash;
  }

  /** A copy of the code bytes. */
  public byte[] bytes() {
    return Arrays.copyOf(padded, length);
  }

  /** True if {@code pc} is a JUMPDEST instruction (not a byte inside PUSH data). */
  public boolean isJumpDestination(long pc) {
    return pc >= 0 && pc < length && (jumpDestinations[(int) (pc >>> 6)] & (1L << pc)) != 0;
  }

  private static long[] analyse(byte[] code) {
    long[] bits = new long[(code.length + 63) >>> 6];
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xff;
      if (op == Opcodes.JUMPDEST) {
        bits[pc >>> 6] |= 1L << pc;
        pc++;
      } else if (op >= Opcodes.PUSH1 && op <= Opcodes.PUSH32) {
        pc += op - Opcodes.PUSH0 + 1;
      } else {
        pc++;
      }
    }
    return bits;
  }
}
