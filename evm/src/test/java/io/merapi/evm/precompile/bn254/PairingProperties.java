package io.merapi.evm.precompile.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.evm.precompile.bn254.ReferenceBn254.F2;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The pairing: equal to the textbook reference, bilinear, non-degenerate. */
class PairingProperties {
  private static final BigInteger P = ReferenceBn254.P;
  private static final BigInteger R = ReferenceBn254.R;

  @Provide
  Arbitrary<BigInteger> scalars() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, R.subtract(BigInteger.ONE));
  }

  @Test
  void hardPartExponentIsExact() {
    BigInteger u = BigInteger.valueOf(Pairing.U);
    BigInteger u2 = u.pow(2);
    BigInteger u3 = u.pow(3);
    BigInteger l0 =
        u3.multiply(BigInteger.valueOf(-36))
            .subtract(u2.multiply(BigInteger.valueOf(30)))
            .subtract(u.multiply(BigInteger.valueOf(18)))
            .subtract(BigInteger.TWO);
    BigInteger l1 =
        u3.multiply(BigInteger.valueOf(-36))
            .subtract(u2.multiply(BigInteger.valueOf(18)))
            .subtract(u.multiply(BigInteger.valueOf(12)))
            .add(BigInteger.ONE);
    BigInteger l2 = u2.multiply(BigInteger.valueOf(6)).add(BigInteger.ONE);
    BigInteger lambda = l0.add(l1.multiply(P)).add(l2.multiply(P.pow(2))).add(P.pow(3));
    assertThat(lambda).isEqualTo(P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(R));
    assertThat(P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).mod(R)).isZero();
  }

  @Test
  void equalsTheReferencePairing() {
    BigInteger[][] cases = {
      {BigInteger.ONE, BigInteger.ONE},
      {new BigInteger("123456789"), new BigInteger("987654321")},
      {R.subtract(BigInteger.ONE), new BigInteger("31415926535897932384626433832795028841971")}
    };
    for (BigInteger[] scalars : cases) {
      BigInteger[] p = ReferenceBn254.g1Mul(ReferenceBn254.G1_GENERATOR, scalars[0]);
      F2[] q = ReferenceBn254.g2Mul(ReferenceBn254.G2_GENERATOR, scalars[1]);
      Fp12 fast = Pairing.pair(Conversions.g1(p), Conversions.g2(q));
      ReferenceBn254.F12 reference =
          ReferenceBn254.pairing(
              ReferenceBn254.embed(p[0], p[1]), ReferenceBn254.untwist(q[0], q[1]));
      assertThat(Conversions.toReference(fast)).isEqualTo(reference);
    }
  }

  @Test
  void nonDegenerateOfOrderR() {
    Fp12 e = generatorPairing();
    assertThat(e.isOne()).isFalse();
    Fp12 power = new Fp12();
    power.pow(e, R);
    assertThat(power.isOne()).isTrue();
  }

  @Property(tries = 8)
  void bilinear(@ForAll("scalars") BigInteger a, @ForAll("scalars") BigInteger b) {
    G1 p = Conversions.g1(ReferenceBn254.g1Mul(ReferenceBn254.G1_GENERATOR, a));
    G2 q = Conversions.g2(ReferenceBn254.g2Mul(ReferenceBn254.G2_GENERATOR, b));
    Fp12 expected = new Fp12();
    expected.pow(generatorPairing(), a.multiply(b).mod(R));
    assertThat(Pairing.pair(p, q).isEqual(expected)).isTrue();
  }

  @Property(tries = 8)
  void productCheckAcceptsBalancedPairsOnly(
      @ForAll("scalars") BigInteger a, @ForAll("scalars") BigInteger b) {
    // e([a]G1, [b]G2) * e(-[ab]G1, G2) = 1, and changing any scalar breaks it.
    G1 p1 = Conversions.g1(ReferenceBn254.g1Mul(ReferenceBn254.G1_GENERATOR, a));
    G2 q1 = Conversions.g2(ReferenceBn254.g2Mul(ReferenceBn254.G2_GENERATOR, b));
    BigInteger ab = a.multiply(b).mod(R);
    G1 p2 = Conversions.g1(ReferenceBn254.g1Mul(ReferenceBn254.G1_GENERATOR, R.subtract(ab)));
    G2 q2 = Conversions.g2(ReferenceBn254.G2_GENERATOR);
    assertThat(Pairing.productIsOne(new G1[] {p1, p2}, new G2[] {q1, q2})).isTrue();
    G1 p2Off =
        Conversions.g1(
            ReferenceBn254.g1Mul(ReferenceBn254.G1_GENERATOR, R.subtract(ab).add(BigInteger.ONE)));
    assertThat(Pairing.productIsOne(new G1[] {p1, p2Off}, new G2[] {q1, q2})).isFalse();
  }

  @Test
  void pairsWithInfinityContributeOne() {
    G1 g1 = Conversions.g1(ReferenceBn254.G1_GENERATOR);
    G2 g2 = Conversions.g2(ReferenceBn254.G2_GENERATOR);
    assertThat(Pairing.productIsOne(new G1[] {G1.infinity()}, new G2[] {g2})).isTrue();
    assertThat(Pairing.productIsOne(new G1[] {g1}, new G2[] {G2.infinity()})).isTrue();
    assertThat(Pairing.productIsOne(new G1[0], new G2[0])).isTrue();
    assertThat(Pairing.productIsOne(new G1[] {g1}, new G2[] {g2})).isFalse();
  }

  private static Fp12 generatorPairing() {
    return Pairing.pair(
        Conversions.g1(ReferenceBn254.G1_GENERATOR), Conversions.g2(ReferenceBn254.G2_GENERATOR));
  }
}
