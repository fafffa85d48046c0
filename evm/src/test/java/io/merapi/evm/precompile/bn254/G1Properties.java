package io.merapi.evm.precompile.bn254;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** G1 in Jacobian coordinates against affine BigInteger arithmetic. */
class G1Properties {
  private static final BigInteger R = ReferenceBn254.R;
  private static final BigInteger[] G = ReferenceBn254.G1_GENERATOR;

  @Provide
  Arbitrary<BigInteger> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers()
            .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            R.subtract(BigInteger.ONE),
            R,
            R.add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
  }

  @Property(tries = 300)
  void multiplicationMatchesTheReference(
      @ForAll("scalars") BigInteger a, @ForAll("scalars") BigInteger k) {
    BigInteger[] point = ReferenceBn254.g1Mul(G, a.mod(R));
    byte[] input = new byte[96];
    System.arraycopy(Conversions.encodeG1(point), 0, input, 0, 64);
    Conversions.word(k, input, 64);
    BigInteger[] expected = ReferenceBn254.g1Mul(point, k);
    assertThat(call(() -> Bn254.mul(input))).isEqualTo(Conversions.encodeG1(expected));
  }

  @Property(tries = 200)
  void additionMatchesTheReference(
      @ForAll("scalars") BigInteger a, @ForAll("scalars") BigInteger b) {
    BigInteger[] p = ReferenceBn254.g1Mul(G, a.mod(R));
    BigInteger[] q = ReferenceBn254.g1Mul(G, b.mod(R));
    byte[] input = concat(Conversions.encodeG1(p), Conversions.encodeG1(q));
    assertThat(call(() -> Bn254.add(input)))
        .isEqualTo(Conversions.encodeG1(ReferenceBn254.g1Add(p, q)));
  }

  @Test
  void glvConstants() {
    BigInteger lambda = G1.LAMBDA;
    assertThat(lambda.pow(2).add(lambda).add(BigInteger.ONE).mod(R)).isZero();
    assertThat(G1.GLV_A1.add(G1.GLV_B1.multiply(lambda)).mod(R)).isZero();
    assertThat(G1.GLV_A2.add(G1.GLV_B2.multiply(lambda)).mod(R)).isZero();
    // phi(G) = (beta, 2) must be [lambda] G, beta a cube root of unity.
    BigInteger[] phiG = ReferenceBn254.g1Mul(G, lambda);
    assertThat(phiG[1]).isEqualTo(BigInteger.TWO);
    assertThat(phiG[0]).isEqualTo(G1.BETA.toBigInteger());
    assertThat(phiG[0].pow(3).mod(ReferenceBn254.P)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void specialSums() throws Exception {
    BigInteger[] p = ReferenceBn254.g1Mul(G, BigInteger.valueOf(12345));
    BigInteger[] minusP = {p[0], ReferenceBn254.P.subtract(p[1])};
    byte[] zero = new byte[64];
    // P + P doubles, P + (-P) is infinity, infinity is the identity on both sides.
    assertThat(Bn254.add(concat(Conversions.encodeG1(p), Conversions.encodeG1(p))))
        .isEqualTo(Conversions.encodeG1(ReferenceBn254.g1Mul(p, BigInteger.TWO)));
    assertThat(Bn254.add(concat(Conversions.encodeG1(p), Conversions.encodeG1(minusP))))
        .isEqualTo(zero);
    assertThat(Bn254.add(concat(zero, Conversions.encodeG1(p)))).isEqualTo(Conversions.encodeG1(p));
    assertThat(Bn254.add(concat(Conversions.encodeG1(p), zero))).isEqualTo(Conversions.encodeG1(p));
    assertThat(Bn254.add(concat(zero, zero))).isEqualTo(zero);
  }

  @Test
  void invalidPointsAreRejected() {
    byte[] offCurve = Conversions.encodeG1(new BigInteger[] {BigInteger.ONE, BigInteger.ONE});
    assertThatThrownBy(() -> Bn254.add(concat(offCurve, new byte[64])))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("not on the curve");
    // (1, 2 + p): the coordinate is not reduced.
    byte[] unreduced = Conversions.encodeG1(new BigInteger[] {BigInteger.ONE, BigInteger.TWO});
    Conversions.word(BigInteger.TWO.add(ReferenceBn254.P), unreduced, 32);
    assertThatThrownBy(() -> Bn254.mul(concat(unreduced, new byte[32])))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("not below the field modulus");
    // (0, 3) and (0, -3): x = 0 gives y^2 = 3, which has no root, so only (0, 0) is meaningful.
    byte[] zeroX = Conversions.encodeG1(new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(3)});
    assertThatThrownBy(() -> Bn254.add(concat(zeroX, new byte[64])))
        .isInstanceOf(InvalidPointException.class);
  }

  interface Call {
    byte[] run() throws InvalidPointException;
  }

  private static byte[] call(Call call) {
    try {
      return call.run();
    } catch (InvalidPointException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
