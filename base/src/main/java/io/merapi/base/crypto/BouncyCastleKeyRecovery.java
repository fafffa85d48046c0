package io.merapi.base.crypto;

import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Recovery in Java on BouncyCastle's custom secp256k1 curve: the portable fallback, and the
 * reference the native path is checked against.
 */
final class BouncyCastleKeyRecovery implements KeyRecovery {
  static final BouncyCastleKeyRecovery INSTANCE = new BouncyCastleKeyRecovery();

  private BouncyCastleKeyRecovery() {}

  @Override
  public Optional<byte[]> recover(byte[] messageHash, UInt256 r, UInt256 s, int recoveryId) {
    // R has x = r: r < n < p, and the x = r + n candidates (recovery ids 2 and 3) are outside
    // Ethereum's yParity.
    Optional<ECPoint> bigR = decompress(r, recoveryId == 1);
    if (bigR.isEmpty()) {
      return Optional.empty();
    }
    BigInteger n = Secp256k1.CURVE.getN();
    BigInteger e = new BigInteger(1, messageHash);
    BigInteger rInverse = r.toBigInteger().modInverse(n);
    // Q = r^-1 (s R - e G)
    BigInteger u1 = n.subtract(e).multiply(rInverse).mod(n);
    BigInteger u2 = s.toBigInteger().multiply(rInverse).mod(n);
    ECPoint q =
        ECAlgorithms.sumOfTwoMultiplies(Secp256k1.CURVE.getG(), u1, bigR.get(), u2).normalize();
    if (q.isInfinity()) {
      return Optional.empty();
    }
    byte[] encoded = q.getEncoded(false);
    return Optional.of(Arrays.copyOfRange(encoded, 1, 65));
  }

  @Override
  public String name() {
    return "BouncyCastle";
  }

  private static Optional<ECPoint> decompress(UInt256 x, boolean yOdd) {
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (yOdd ? 0x03 : 0x02);
    x.toBytes(compressed, 1);
    try {
      return Optional.of(Secp256k1.CURVE.getCurve().decodePoint(compressed));
    } catch (IllegalArgumentException notOnCurve) {
      return Optional.empty();
    }
  }
}
