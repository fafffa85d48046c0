package io.merapi.evm.precompile.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** F_p on 64-bit limbs against BigInteger arithmetic mod p. */
class FpProperties {
  private static final BigInteger P = ReferenceBn254.P;

  @Provide
  Arbitrary<BigInteger> elements() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, P.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            P.subtract(BigInteger.ONE),
            P.subtract(BigInteger.TWO),
            P.shiftRight(1),
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(192)));
  }

  @Property(tries = 2000)
  void arithmeticMatchesBigInteger(
      @ForAll("elements") BigInteger a, @ForAll("elements") BigInteger b) {
    Fp x = Fp.of(a);
    Fp y = Fp.of(b);
    Fp z = new Fp();
    z.add(x, y);
    assertThat(z.toBigInteger()).isEqualTo(a.add(b).mod(P));
    z.sub(x, y);
    assertThat(z.toBigInteger()).isEqualTo(a.subtract(b).mod(P));
    z.mul(x, y);
    assertThat(z.toBigInteger()).isEqualTo(a.multiply(b).mod(P));
    z.square(x);
    assertThat(z.toBigInteger()).isEqualTo(a.multiply(a).mod(P));
    z.neg(x);
    assertThat(z.toBigInteger()).isEqualTo(a.negate().mod(P));
    z.halve(x);
    assertThat(z.toBigInteger()).isEqualTo(a.multiply(BigInteger.TWO.modInverse(P)).mod(P));
    z.dbl(x);
    assertThat(z.toBigInteger()).isEqualTo(a.shiftLeft(1).mod(P));
    z.mulBy9(x);
    assertThat(z.toBigInteger()).isEqualTo(a.multiply(BigInteger.valueOf(9)).mod(P));
  }

  @Property(tries = 2000)
  void sumOfProductsMatchesBigInteger(
      @ForAll("elements") BigInteger a,
      @ForAll("elements") BigInteger b,
      @ForAll("elements") BigInteger c,
      @ForAll("elements") BigInteger d) {
    Fp z = new Fp();
    z.mulSum(Fp.of(a), Fp.of(b), Fp.of(c), Fp.of(d));
    assertThat(z.toBigInteger()).isEqualTo(a.multiply(b).add(c.multiply(d)).mod(P));
  }

  @Test
  void sumOfProductsAtTheLargestOperands() {
    // All four operands p - 1: the accumulator's worst case, and a result that needs the final
    // subtraction.
    BigInteger max = P.subtract(BigInteger.ONE);
    Fp x = Fp.of(max);
    x.mulSum(x, x, x, x);
    assertThat(x.toBigInteger()).isEqualTo(max.multiply(max).shiftLeft(1).mod(P));
  }

  @Property(tries = 200)
  void inverse(@ForAll("elements") BigInteger a) {
    Fp z = new Fp();
    z.inverse(Fp.of(a));
    BigInteger expected = a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P);
    assertThat(z.toBigInteger()).isEqualTo(expected);
  }

  @Property(tries = 500)
  void operandsMayAliasTheResult(
      @ForAll("elements") BigInteger a, @ForAll("elements") BigInteger b) {
    Fp x = Fp.of(a);
    x.mul(x, Fp.of(b));
    assertThat(x.toBigInteger()).isEqualTo(a.multiply(b).mod(P));
    Fp y = Fp.of(b);
    y.sub(Fp.of(a), y);
    assertThat(y.toBigInteger()).isEqualTo(a.subtract(b).mod(P));
  }

  @Property(tries = 500)
  void bytesRoundTrip(@ForAll("elements") BigInteger a) {
    byte[] word = new byte[40];
    Conversions.word(a, word, 4);
    Fp x = new Fp();
    assertThat(x.setBytes(word, 4)).isTrue();
    assertThat(x.toBigInteger()).isEqualTo(a);
    byte[] out = new byte[40];
    x.toBytes(out, 4);
    assertThat(out).isEqualTo(word);
  }

  @Test
  void encodingsAtOrAboveTheModulusAreRejected() {
    Fp x = new Fp();
    for (BigInteger value :
        new BigInteger[] {
          P, P.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
        }) {
      byte[] word = new byte[32];
      Conversions.word(value, word, 0);
      assertThat(x.setBytes(word, 0)).as("%s", value).isFalse();
    }
    byte[] largest = new byte[32];
    Conversions.word(P.subtract(BigInteger.ONE), largest, 0);
    assertThat(x.setBytes(largest, 0)).isTrue();
  }
}
