package io.merapi.derive;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/**
 * The two L1 fee scalars that the system config's {@code scalar} word encodes from Ecotone on
 * (specs system-config.md "Post-Ecotone Scalar Encoding"; op-service {@code eth.EcotoneScalars}).
 * Byte 0 is the version: 0 holds {@code baseFeeScalar} in bytes [28, 32) with bytes [1, 28) zero
 * (the Bedrock form, no blob scalar); 1 holds {@code blobBaseFeeScalar} in [24, 28) and {@code
 * baseFeeScalar} in [28, 32) with bytes [1, 24) zero.
 */
public record EcotoneScalars(long baseFeeScalar, long blobBaseFeeScalar) {
  /** The largest uint32, the base fee scalar of a version 0 word with bad padding. */
  public static final long MAX_UINT32 = 0xffff_ffffL;

  public EcotoneScalars {
    if (baseFeeScalar < 0 || baseFeeScalar > MAX_UINT32) {
      throw new IllegalArgumentException("baseFeeScalar must be a uint32");
    }
    if (blobBaseFeeScalar < 0 || blobBaseFeeScalar > MAX_UINT32) {
      throw new IllegalArgumentException("blobBaseFeeScalar must be a uint32");
    }
  }

  /**
   * Why a scalar word is not a valid Ecotone encoding (op-service {@code
   * CheckEcotoneL1SystemConfigScalar}): an unknown version, or padding that is not zero. A system
   * config update with such a scalar is ignored from Ecotone on.
   */
  public static Optional<String> check(Hash scalar) {
    byte[] s = scalar.array();
    return switch (s[0]) {
      case 0 -> zero(s, 1, 28) ? Optional.empty() : Optional.of("version 0 padding not zero");
      case 1 -> zero(s, 1, 24) ? Optional.empty() : Optional.of("version 1 padding not zero");
      default -> Optional.of("unknown version " + (s[0] & 0xff));
    };
  }

  /**
   * The scalars of a system config's {@code scalar} word (op-service {@code
   * SystemConfig.EcotoneScalars}). A version 0 word with non-zero padding gives {@code
   * baseFeeScalar} = 2^32 - 1 and no blob scalar, as the specs demand; words from before Ecotone
   * are version 0 numbers and read the same way.
   *
   * @throws IllegalArgumentException for an unknown version, or version 1 with bad padding
   */
  public static EcotoneScalars decode(Hash scalar) {
    byte[] s = scalar.array();
    return switch (s[0]) {
      case 0 ->
          zero(s, 1, 28) ? new EcotoneScalars(uint32(s, 28), 0) : new EcotoneScalars(MAX_UINT32, 0);
      case 1 -> {
        if (!zero(s, 1, 24)) {
          throw new IllegalArgumentException(
              "Ecotone scalar version 1 padding not zero: " + scalar);
        }
        yield new EcotoneScalars(uint32(s, 28), uint32(s, 24));
      }
      default -> throw new IllegalArgumentException("unexpected system config scalar: " + scalar);
    };
  }

  /** The version 1 word of these scalars (op-service {@code EncodeScalar}). */
  public Hash encode() {
    byte[] s = new byte[32];
    s[0] = 1;
    putUint32(s, 24, blobBaseFeeScalar);
    putUint32(s, 28, baseFeeScalar);
    return Hash.wrap(s);
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static long uint32(byte[] b, int offset) {
    return ((b[offset] & 0xffL) << 24)
        | ((b[offset + 1] & 0xffL) << 16)
        | ((b[offset + 2] & 0xffL) << 8)
        | (b[offset + 3] & 0xffL);
  }

  private static void putUint32(byte[] b, int offset, long value) {
    b[offset] = (byte) (value >>> 24);
    b[offset + 1] = (byte) (value >>> 16);
    b[offset + 2] = (byte) (value >>> 8);
    b[offset + 3] = (byte) value;
  }
}
