package io.merapi.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.math.ec.ECPoint;

/**
 * libsecp256k1 (the native recovery) answers exactly as BouncyCastle does, on valid signatures and
 * on arbitrary, often invalid, r, s and recovery ids. Where the bundled library has no build (not
 * Linux x86_64 or aarch64) there is nothing to compare and the comparisons pass trivially; {@link
 * #nativeLoadsWhereItIsBundled} says which case ran.
 */
class Secp256k1RecoveryProperties {
  private static final BigInteger N = Secp256k1.CURVE.getN();
  private static final BigInteger P = Secp256k1.CURVE.getCurve().getField().getCharacteristic();
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private static final boolean BUNDLED =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
          && (System.getProperty("os.arch").equals("amd64")
              || System.getProperty("os.arch").equals("x86_64")
              || System.getProperty("os.arch").equals("aarch64"));
  private static final KeyRecovery NATIVE = loadNative();
  private static final KeyRecovery JAVA = BouncyCastleKeyRecovery.INSTANCE;

  private static KeyRecovery loadNative() {
    if (!BUNDLED) {
      return BouncyCastleKeyRecovery.INSTANCE;
    }
    try {
      return NativeKeyRecovery.load();
    } catch (Exception e) {
      throw new AssertionError("libsecp256k1 is bundled for this platform but did not load", e);
    }
  }

  @Example
  void nativeLoadsWhereItIsBundled() {
    boolean enabled = Boolean.parseBoolean(System.getProperty(KeyRecovery.NATIVE_PROPERTY, "true"));
    if (BUNDLED) {
      assertThat(NATIVE).isInstanceOf(NativeKeyRecovery.class);
    } else {
      System.out.println("libsecp256k1 is not bundled for this platform: comparisons are trivial");
    }
    assertThat(Secp256k1.recoveryImplementation())
        .startsWith(BUNDLED && enabled ? "libsecp256k1" : "BouncyCastle");
  }

  @Property(tries = 200)
  void agreeOnSignaturesOfRandomKeys(
      @ForAll("scalars") BigInteger d, @ForAll @Size(32) byte[] messageBytes) {
    Secp256k1.PrivateKey key = Secp256k1.PrivateKey.fromBytes(UInt256.valueOf(d).toBytes());
    Hash message = Hash.wrap(messageBytes);
    Signature signature = Secp256k1.sign(message, key);
    assertThat(hex(Secp256k1.recoverPublicKey(NATIVE, message, signature)))
        .contains(HexFormat.of().formatHex(key.publicKey()));
    // The other parity, and the same signature with high s (which ecrecover accepts).
    Signature flipped = new Signature(signature.r(), signature.s(), 1 - signature.recoveryId());
    Signature highS =
        new Signature(
            signature.r(), Secp256k1.ORDER.subtract(signature.s()), signature.recoveryId());
    for (Signature variant : new Signature[] {flipped, highS}) {
      assertThat(hex(Secp256k1.recoverPublicKey(NATIVE, message, variant)))
          .isEqualTo(hex(Secp256k1.recoverPublicKey(JAVA, message, variant)))
          .isPresent();
    }
  }

  @Property(tries = 2000)
  void agreeOnArbitraryRAndS(
      @ForAll("words") BigInteger r,
      @ForAll("words") BigInteger s,
      @ForAll @IntRange(min = 0, max = 1) int recoveryId,
      @ForAll("messages") byte[] messageBytes) {
    Hash message = Hash.wrap(messageBytes);
    Signature signature = new Signature(UInt256.valueOf(r), UInt256.valueOf(s), recoveryId);
    Optional<String> expected = hex(Secp256k1.recoverPublicKey(JAVA, message, signature));
    assertThat(hex(Secp256k1.recoverPublicKey(NATIVE, message, signature))).isEqualTo(expected);
    if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
      assertThat(expected).isEmpty();
    }
  }

  /** R = kG and e = s k make s R - e G the point at infinity: no key, on both sides. */
  @Property(tries = 100)
  void agreeThatInfinityIsNoKey(@ForAll("scalars") BigInteger k, @ForAll("scalars") BigInteger s) {
    ECPoint bigR = Secp256k1.CURVE.getG().multiply(k).normalize();
    BigInteger r = bigR.getAffineXCoord().toBigInteger();
    Assume.that(r.compareTo(N) < 0);
    int recoveryId = bigR.getAffineYCoord().testBitZero() ? 1 : 0;
    Hash message = Hash.wrap(UInt256.valueOf(s.multiply(k).mod(N)).toBytes());
    Signature signature = new Signature(UInt256.valueOf(r), UInt256.valueOf(s), recoveryId);
    assertThat(Secp256k1.recoverPublicKey(JAVA, message, signature)).isEmpty();
    assertThat(Secp256k1.recoverPublicKey(NATIVE, message, signature)).isEmpty();
  }

  /**
   * Below the range checks, the library itself refuses r or s of zero or at least n with an
   * exception that recovery turns into empty (it does not abort): a second line of defence.
   */
  @Example
  void nativeRefusesOutOfRangeScalarsByItself() {
    byte[] message = Keccak256.hash(new byte[] {7});
    UInt256 n = Secp256k1.ORDER;
    UInt256 valid = UInt256.valueOf(Secp256k1.CURVE.getG().getAffineXCoord().toBigInteger());
    for (UInt256[] rs :
        new UInt256[][] {
          {UInt256.ZERO, valid},
          {valid, UInt256.ZERO},
          {n, valid},
          {valid, n},
          {UInt256.MAX_VALUE, valid}
        }) {
      assertThat(NATIVE.recover(message, rs[0], rs[1], 0)).isEmpty();
    }
    assertThat(NATIVE.recover(message, valid, UInt256.ONE, 0)).isPresent();
  }

  @Provide
  Arbitrary<BigInteger> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.of(BigInteger.ONE, BigInteger.TWO, N.subtract(BigInteger.ONE), N.shiftRight(1)),
        Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE)));
  }

  /** 256-bit words weighted towards the edges of [1, n-1] and past them. */
  @Provide
  Arbitrary<BigInteger> words() {
    BigInteger one = BigInteger.ONE;
    return Arbitraries.frequencyOf(
        Tuple.of(
            3,
            Arbitraries.of(
                BigInteger.ZERO,
                one,
                BigInteger.TWO,
                N.shiftRight(1),
                N.shiftRight(1).add(one),
                N.subtract(BigInteger.TWO),
                N.subtract(one),
                N,
                N.add(one),
                P.subtract(one),
                P,
                MAX)),
        Tuple.of(6, Arbitraries.bigIntegers().between(one, N.subtract(one))),
        Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.ZERO, MAX)));
  }

  /** Random hashes, and the ones whose value is 0 or at least n (reduced mod n by both). */
  @Provide
  Arbitrary<byte[]> messages() {
    return Arbitraries.oneOf(
        Arbitraries.of(BigInteger.ZERO, N.subtract(BigInteger.ONE), N, N.add(BigInteger.ONE), MAX)
            .map(e -> UInt256.valueOf(e).toBytes()),
        Arbitraries.bytes().array(byte[].class).ofSize(32),
        Arbitraries.bytes().array(byte[].class).ofSize(32),
        Arbitraries.bytes().array(byte[].class).ofSize(32));
  }

  private static Optional<String> hex(Optional<byte[]> key) {
    return key.map(HexFormat.of()::formatHex);
  }
}
