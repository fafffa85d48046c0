package io.merapi.evm.precompile.bn254;

import static io.merapi.evm.precompile.bn254.Conversions.randomFp12;
import static io.merapi.evm.precompile.bn254.Conversions.toReference;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.evm.precompile.bn254.ReferenceBn254.F12;
import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The F_p^2 / F_p^6 / F_p^12 tower against the reference's F_p[w]/(w^12 - 18 w^6 + 82): the two
 * must be the same field, so every operation must commute with the change of representation.
 */
class TowerProperties {
  private static final BigInteger P = ReferenceBn254.P;

  @Property(tries = 40)
  void multiplicationAndSquaring(@ForAll long seed) {
    Random random = new Random(seed);
    Fp12 x = randomFp12(random);
    Fp12 y = randomFp12(random);
    Fp12 z = new Fp12();
    z.mul(x, y);
    assertThat(toReference(z)).isEqualTo(toReference(x).mul(toReference(y)));
    z.square(x);
    assertThat(toReference(z)).isEqualTo(toReference(x).mul(toReference(x)));
    // In place: the destination is also an operand.
    Fp12 w = x.copy();
    w.mul(w, y);
    assertThat(toReference(w)).isEqualTo(toReference(x).mul(toReference(y)));
  }

  @Property(tries = 20)
  void inverse(@ForAll long seed) {
    Fp12 x = randomFp12(new Random(seed));
    Fp12 z = new Fp12();
    z.inverse(x);
    assertThat(toReference(z)).isEqualTo(toReference(x).inverse());
    z.mul(z, x);
    assertThat(z.isOne()).isTrue();
  }

  @Property(tries = 10)
  void frobeniusIsThePowerP(@ForAll long seed) {
    Fp12 x = randomFp12(new Random(seed));
    F12 reference = toReference(x);
    F12 power = reference;
    for (int k = 1; k <= 3; k++) {
      power = power.pow(P);
      Fp12 z = new Fp12();
      z.frobenius(x, k);
      assertThat(toReference(z)).as("p^%d", k).isEqualTo(power);
    }
    for (int k = 4; k <= 6; k++) {
      power = power.pow(P);
    }
    Fp12 conjugate = new Fp12();
    conjugate.conjugate(x);
    assertThat(toReference(conjugate)).as("p^6").isEqualTo(power);
  }

  @Property(tries = 20)
  void lineMultiplicationMatchesTheDenseProduct(@ForAll long seed) {
    Random random = new Random(seed);
    Fp12 x = randomFp12(random);
    Fp2 a = Conversions.toFast(Conversions.randomF2(random));
    Fp2 b = Conversions.toFast(Conversions.randomF2(random));
    Fp2 c = Conversions.toFast(Conversions.randomF2(random));
    Fp12 line = new Fp12();
    line.c0.c0.set(a);
    line.c1.c0.set(b);
    line.c1.c1.set(c);
    Fp12 expected = new Fp12();
    expected.mul(x, line);
    Fp12 sparse = new Fp12();
    sparse.mulByLine(x, a, b, c);
    assertThat(sparse.isEqual(expected)).isTrue();
  }

  @Property(tries = 20)
  void cyclotomicSquaringOnTheCyclotomicSubgroup(@ForAll long seed) {
    Fp12 f = cyclotomic(randomFp12(new Random(seed)));
    Fp12 fast = new Fp12();
    fast.cyclotomicSquare(f);
    Fp12 plain = new Fp12();
    plain.square(f);
    assertThat(fast.isEqual(plain)).isTrue();
    Fp12 power = new Fp12();
    power.cyclotomicPow(f, Wnaf.digits(BigInteger.valueOf(Pairing.U), 4), work());
    Fp12 expected = new Fp12();
    expected.pow(f, BigInteger.valueOf(Pairing.U));
    assertThat(power.isEqual(expected)).isTrue();
  }

  @Property(tries = 20)
  void windowedCyclotomicPowerMatchesSquareAndMultiply(
      @ForAll long seed, @ForAll @LongRange(min = 0) long exponent) {
    Fp12 f = cyclotomic(randomFp12(new Random(seed)));
    BigInteger e = BigInteger.valueOf(exponent);
    Fp12 power = new Fp12();
    power.cyclotomicPow(f, Wnaf.digits(e, 4), work());
    Fp12 expected = new Fp12();
    expected.pow(f, e);
    assertThat(power.isEqual(expected)).isTrue();
  }

  private static Fp12[] work() {
    return new Fp12[] {new Fp12(), new Fp12(), new Fp12(), new Fp12(), new Fp12()};
  }

  /** f^((p^6 - 1)(p^2 + 1)), the easy part of the final exponentiation. */
  private static Fp12 cyclotomic(Fp12 f) {
    Fp12 inverse = new Fp12();
    inverse.inverse(f);
    Fp12 g = new Fp12();
    g.conjugate(f);
    g.mul(g, inverse);
    Fp12 frobenius = new Fp12();
    frobenius.frobenius(g, 2);
    g.mul(g, frobenius);
    return g;
  }
}
