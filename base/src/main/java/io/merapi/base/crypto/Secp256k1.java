package io.merapi.base.crypto;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDSA over secp256k1 as Ethereum uses it: deterministic signing (RFC 6979) normalised to low s
 * (EIP-2), and public-key recovery from a signature and message hash. Signing uses BouncyCastle;
 * recovery, the hot path of sender recovery and ecrecover, uses libsecp256k1 where it loads (see
 * {@link KeyRecovery}).
 */
public final class Secp256k1 {
  private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters CURVE =
      new ECDomainParameters(
          CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  private static final BigInteger N = CURVE_PARAMS.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);

  /** The curve order n. */
  public static final UInt256 ORDER = UInt256.valueOf(N);

  /** n / 2: the largest s allowed under EIP-2. */
  public static final UInt256 HALF_ORDER = UInt256.valueOf(HALF_N);

  // After CURVE and ORDER: choosing probes the native library against BouncyCastle, which uses
  // them.
  private static final KeyRecovery RECOVERY = KeyRecovery.forThisPlatform();

  private Secp256k1() {}

  /** A private key: a scalar in [1, n-1]. */
  public static final class PrivateKey {
    private final BigInteger d;
    private final byte[] publicKey;

    private PrivateKey(BigInteger d) {
      this.d = d;
      ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), d).normalize();
      byte[] encoded = q.getEncoded(false);
      this.publicKey = Arrays.copyOfRange(encoded, 1, 65);
    }

    /** From 32 big-endian bytes. */
    public static PrivateKey fromBytes(byte[] key) {
      if (key.length != 32) {
        throw new IllegalArgumentException("a private key has 32 bytes, got " + key.length);
      }
      BigInteger d = new BigInteger(1, key);
      if (d.signum() == 0 || d.compareTo(N) >= 0) {
        throw new IllegalArgumentException("private key out of range [1, n-1]");
      }
      return new PrivateKey(d);
    }

    public static PrivateKey fromHex(String hex) {
      return fromBytes(io.merapi.base.bytes.Hex.decode(hex));
    }

    /** The 64-byte uncompressed public key (x then y, no 0x04 prefix). */
    public byte[] publicKey() {
      return publicKey.clone();
    }

    public Address address() {
      return addressOf(publicKey);
    }

    public byte[] toBytes() {
      return UInt256.valueOf(d).toBytes();
    }

    @Override
    public String toString() {
      return "PrivateKey[" + address() + "]";
    }
  }

  /** Signs a 32-byte message hash; the result has low s and the matching recovery id. */
  public static Signature sign(Hash messageHash, PrivateKey key) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(key.d, CURVE));
    BigInteger[] rs = signer.generateSignature(messageHash.array());
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (s.compareTo(HALF_N) > 0) {
      s = N.subtract(s);
    }
    UInt256 r256 = UInt256.valueOf(r);
    UInt256 s256 = UInt256.valueOf(s);
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      Signature candidate = new Signature(r256, s256, recoveryId);
      Optional<byte[]> recovered = recoverPublicKey(messageHash, candidate);
      if (recovered.isPresent() && Arrays.equals(recovered.get(), key.publicKey)) {
        return candidate;
      }
    }
    throw new IllegalStateException("could not find the recovery id of a fresh signature");
  }

  /**
   * Recovers the 64-byte public key that produced {@code signature} over {@code messageHash}, or
   * empty if the signature is not valid (r or s out of [1, n-1], or no curve point for r). High s
   * is accepted: EIP-2's low-s rule belongs to transactions, not to ecrecover.
   */
  public static Optional<byte[]> recoverPublicKey(Hash messageHash, Signature signature) {
    return recoverPublicKey(RECOVERY, messageHash, signature);
  }

  /** The range checks every implementation relies on, then {@code recovery}. */
  static Optional<byte[]> recoverPublicKey(
      KeyRecovery recovery, Hash messageHash, Signature signature) {
    UInt256 r = signature.r();
    UInt256 s = signature.s();
    if (!isScalar(r) || !isScalar(s)) {
      return Optional.empty();
    }
    return recovery.recover(messageHash.array(), r, s, signature.recoveryId());
  }

  /**
   * Which implementation recovers keys in this JVM: libsecp256k1 where its bundled library loads
   * (Linux x86_64 and aarch64) unless {@code -Dmerapi.secp256k1.native=false}, else BouncyCastle.
   */
  public static String recoveryImplementation() {
    return RECOVERY.name();
  }

  /** The address of the signer, or empty if the signature is not valid. */
  public static Optional<Address> recoverAddress(Hash messageHash, Signature signature) {
    return recoverPublicKey(messageHash, signature).map(Secp256k1::addressOf);
  }

  /** The address of a 64-byte public key: the last 20 bytes of its keccak-256. */
  public static Address addressOf(byte[] publicKey) {
    if (publicKey.length != 64) {
      throw new IllegalArgumentException("a public key has 64 bytes, got " + publicKey.length);
    }
    byte[] digest = Keccak256.hash(publicKey);
    return Address.copyOf(digest, 12);
  }

  /** In [1, n-1]. */
  private static boolean isScalar(UInt256 value) {
    return !value.isZero() && value.compareTo(ORDER) < 0;
  }
}
