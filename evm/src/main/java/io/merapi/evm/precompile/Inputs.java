package io.merapi.evm.precompile;

/**
 * Reading precompile input the way the EVM defines it: calldata is conceptually followed by
 * infinitely many zero bytes, so a read past its end yields zeros rather than an error.
 */
final class Inputs {
  /** The failure of a call whose gas does not cover the price; shared, it carries no state. */
  static final PrecompileResult.Failure OUT_OF_GAS = new PrecompileResult.Failure("out of gas");

  private Inputs() {}

  /** {@code length} bytes of {@code input} from {@code offset}, zero-filled past the end. */
  static byte[] padded(byte[] input, long offset, int length) {
    byte[] out = new byte[length];
    copyPadded(input, offset, out, 0, length);
    return out;
  }

  /**
   * Copies {@code length} bytes from {@code input[offset..]} into {@code out}, zeros past the end.
   */
  static void copyPadded(byte[] input, long offset, byte[] out, int outOffset, int length) {
    if (offset >= input.length || offset < 0) {
      return;
    }
    int available = (int) Math.min(length, input.length - offset);
    System.arraycopy(input, (int) offset, out, outOffset, available);
  }

  /** The number of 32-byte words needed to hold {@code length} bytes (the per-word gas unit). */
  static long words(int length) {
    return (length + 31L) / 32;
  }
}
