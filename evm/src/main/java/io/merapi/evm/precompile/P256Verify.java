package io.merapi.evm.precompile;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * P256VERIFY at 0x100: ECDSA verification over secp256r1, on OP chains from Fjord (RIP-7212,
 * specs/protocol/precompiles.md, 3450 gas) and on L1 from Osaka (EIP-7951, 6900 gas; the same
 * checks and answers, only the price differs). Input is exactly 160 bytes: {@code hash, r, s, x,
 * y}. Output is the word 1 when the signature is valid and empty otherwise; any malformed input
 * (wrong length, r or s outside [1, n-1], a coordinate not below p, a point off the curve) is an
 * invalid signature, not a failed call, and pays full price.
 *
 * <p>Verification accepts when the x coordinate of {@code u1*G + u2*Q}, reduced mod n, equals r and
 * rejects the point at infinity, as op-geth's Go {@code crypto/ecdsa} does (EIP-7951 later made
 * both explicit).
 */
public final class P256Verify implements Precompile {
  /** RIP-7212's price, on OP chains. */
  public static final P256Verify RIP7212 = new P256Verify(3450);

  /** EIP-7951's price, on L1 from Osaka. */
  public static final P256Verify EIP7951 = new P256Verify(6900);

  private static final int INPUT_LENGTH = 160;
  private static final byte[] VALID = wordOne();
  private static final byte[] INVALID = new byte[0];

  private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256r1");
  private static final ECCurve CURVE = CURVE_PARAMS.getCurve();
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE, CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  private static final BigInteger P = CURVE.getField().getCharacteristic();

  private final long gas;

  private P256Verify(long gas) {
    this.gas = gas;
  }

  public long gas() {
    return gas;
  }

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    return new PrecompileResult.Success(verify(input) ? VALID.clone() : INVALID, gas);
  }

  static boolean verify(byte[] input) {
    if (input.length != INPUT_LENGTH) {
      return false;
    }
    BigInteger r = integer(input, 32);
    BigInteger s = integer(input, 64);
    BigInteger x = integer(input, 96);
    BigInteger y = integer(input, 128);
    BigInteger n = DOMAIN.getN();
    if (r.signum() == 0 || r.compareTo(n) >= 0 || s.signum() == 0 || s.compareTo(n) >= 0) {
      return false;
    }
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      return false;
    }
    ECPoint q;
    try {
      // Rejects points off the curve, including (0, 0), which some encodings use for infinity.
      q = CURVE.validatePoint(x, y);
    } catch (IllegalArgumentException notOnCurve) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
    byte[] hash = new byte[32];
    System.arraycopy(input, 0, hash, 0, 32);
    return verifier.verifySignature(hash, r, s);
  }

  private static BigInteger integer(byte[] input, int offset) {
    byte[] word = new byte[32];
    System.arraycopy(input, offset, word, 0, 32);
    return new BigInteger(1, word);
  }

  private static byte[] wordOne() {
    byte[] word = new byte[32];
    word[31] = 1;
    return word;
  }
}
