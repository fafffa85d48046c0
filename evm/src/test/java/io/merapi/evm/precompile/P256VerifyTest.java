package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * P256VERIFY (RIP-7212). Vectors hand-picked from go-ethereum's
 * core/vm/testdata/precompiles/p256Verify.json (Wycheproof's ECDSA P-256 cases and op-geth's own
 * invalid-key cases); the rest signed here with BouncyCastle.
 */
class P256VerifyTest {
  static final List<Vectors.Success> VECTORS =
      List.of(
          new Vectors.Success(
              "wycheproof #1 signature malleability",
              "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
                  + "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
                  + "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
                  + "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
                  + "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e",
              3450,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "wycheproof #3 r plus the group order",
              "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
                  + "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739"
                  + "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db"
                  + "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
                  + "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e",
              3450,
              ""),
          new Vectors.Success(
              "wycheproof #58 edge case for Shamir multiplication",
              "70239dd877f7c944c422f44dea4ed1a52f2627416faf2f072fa50c772ed6f807"
                  + "64a1aab5000d0e804f3e2fc02bdee9be8ff312334e2ba16d11547c97711c898e"
                  + "6af015971cc30be6d1a206d4e013e0997772a2f91d73286ffd683b9bb2cf4f1b"
                  + "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
                  + "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e",
              3450,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "wycheproof #136 point at infinity during verify",
              "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
                  + "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8"
                  + "555555550000000055555555555555553ef7a8e48d07df81a693439654210c70"
                  + "b533d4695dd5b8c5e07757e55e6e516f7e2c88fa0239e23f60e8ec07dd70f287"
                  + "1b134ee58cc583278456863f33c3a85d881f7d4a39850143e29d4eaf009afe47",
              3450,
              ""),
          new Vectors.Success(
              "wycheproof #208 large public key x",
              "2f77668a9dfbf8d5848b9eeb4a7145ca94c6ed9236e4a773f6dcafa5132b2f91"
                  + "766456dce1857c906f9996af729339464d27e9d98edc2d0e3b760297067421f6"
                  + "402385ecadae0d8081dccaf5d19037ec4e55376eced699e93646bfbbf19d0b41"
                  + "fffffff948081e6a0458dd8f9e738f2665ff9059ad6aac0708318c4ca9a7a4f5"
                  + "5a8abcba2dda8474311ee54149b973cae0c0fb89557ad0bf78e6529a1663bd73",
              3450,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "invalid public key x",
              "2f77668a9dfbf8d5848b9eeb4a7145ca94c6ed9236e4a773f6dcafa5132b2f91"
                  + "70bebe684cdcb5ca72a42f0d873879359bd1781a591809947628d313a3814f67"
                  + "aec03aca8f5587a4d535fa31027bbe9cc0e464b1c3577f4c2dcde6b2094798a9"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "fffffffeecad44b6f05d15b33146549c2297b522a5eed8430cff596758e6c43d",
              3450,
              ""),
          new Vectors.Success(
              "reference point (0, 0)",
              "2f77668a9dfbf8d5848b9eeb4a7145ca94c6ed9236e4a773f6dcafa5132b2f91"
                  + "70bebe684cdcb5ca72a42f0d873879359bd1781a591809947628d313a3814f67"
                  + "aec03aca8f5587a4d535fa31027bbe9cc0e464b1c3577f4c2dcde6b2094798a9"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000",
              3450,
              ""));

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
  private static final BigInteger N = CURVE.getN();
  private static final BigInteger P = CURVE.getCurve().getField().getCharacteristic();

  @ParameterizedTest(name = "{0}")
  @FieldSource("VECTORS")
  void vectors(Vectors.Success vector) {
    Vectors.check(P256Verify.RIP7212, vector);
  }

  static String input(byte[] hash, BigInteger r, BigInteger s, BigInteger x, BigInteger y) {
    return Hex.encodePlain(hash) + String.format("%064x%064x%064x%064x", r, s, x, y);
  }

  record Signed(byte[] hash, BigInteger r, BigInteger s, BigInteger x, BigInteger y) {
    String input() {
      return P256VerifyTest.input(hash, r, s, x, y);
    }
  }

  static Signed sign(byte[] hash, BigInteger privateKey) {
    ECDSASigner signer = new ECDSASigner();
    signer.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
    BigInteger[] rs = signer.generateSignature(hash);
    ECPoint q = DOMAIN.getG().multiply(privateKey).normalize();
    return new Signed(
        hash, rs[0], rs[1], q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  private static final String ONE = "00".repeat(31) + "01";

  @Test
  void malformedInputsAreInvalidSignaturesNotFailures() {
    // A non-zero hash: with e = 0, u1 = 0 and the negated key (x, -y) would verify too.
    Signed good = sign(Hex.decode("11".repeat(32)), BigInteger.valueOf(123456789));
    Vectors.check(P256Verify.RIP7212, new Vectors.Success("valid", good.input(), 3450, ONE));
    for (var bad :
        List.of(
            new Vectors.Success("159 bytes", good.input().substring(2), 3450, ""),
            new Vectors.Success("161 bytes", good.input() + "00", 3450, ""),
            new Vectors.Success("empty", "", 3450, ""),
            new Vectors.Success(
                "r = 0",
                input(good.hash(), BigInteger.ZERO, good.s(), good.x(), good.y()),
                3450,
                ""),
            new Vectors.Success(
                "s = 0",
                input(good.hash(), good.r(), BigInteger.ZERO, good.x(), good.y()),
                3450,
                ""),
            new Vectors.Success(
                "r = n", input(good.hash(), N, good.s(), good.x(), good.y()), 3450, ""),
            new Vectors.Success(
                "s = n", input(good.hash(), good.r(), N, good.x(), good.y()), 3450, ""),
            new Vectors.Success(
                "x = p", input(good.hash(), good.r(), good.s(), P, good.y()), 3450, ""),
            new Vectors.Success(
                "y flipped",
                input(good.hash(), good.r(), good.s(), good.x(), P.subtract(good.y())),
                3450,
                ""),
            new Vectors.Success(
                "point (0, 0)",
                input(good.hash(), good.r(), good.s(), BigInteger.ZERO, BigInteger.ZERO),
                3450,
                ""))) {
      Vectors.check(P256Verify.RIP7212, bad);
    }
  }

  @Property(tries = 30)
  void signaturesVerifyAndTamperingBreaksThem(@ForAll @Size(32) byte[] hash) {
    BigInteger key =
        new BigInteger(256, new SecureRandom()).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    Signed signed = sign(hash, key);
    P256Verify precompile = P256Verify.RIP7212;
    assertThat(output(precompile.execute(Hex.decode(signed.input()), 3450)))
        .isEqualTo(Hex.decode(ONE));
    // High s is as valid as low s for P-256 (no malleability rule).
    Signed flipped = new Signed(hash, signed.r(), N.subtract(signed.s()), signed.x(), signed.y());
    assertThat(output(precompile.execute(Hex.decode(flipped.input()), 3450)))
        .isEqualTo(Hex.decode(ONE));
    byte[] tampered = hash.clone();
    tampered[0] ^= 1;
    Signed wrongHash = new Signed(tampered, signed.r(), signed.s(), signed.x(), signed.y());
    assertThat(output(precompile.execute(Hex.decode(wrongHash.input()), 3450))).isEmpty();
  }

  private static byte[] output(PrecompileResult result) {
    return ((PrecompileResult.Success) result).output();
  }
}
