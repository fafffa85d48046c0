package io.merapi.evm.precompile.bn254;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.evm.precompile.bn254.ReferenceBn254.F2;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** G2: arithmetic against the reference, and the fast subgroup test against its definition. */
class G2Test {
  private static final BigInteger P = ReferenceBn254.P;
  private static final BigInteger R = ReferenceBn254.R;

  /** #E'(F_p^2) = r * c with the cofactor c = 2p - r for BN curves. */
  private static final BigInteger COFACTOR = P.shiftLeft(1).subtract(R);

  /** The prime factors of c (square-free), computed offline and checked below. */
  private static final List<BigInteger> COFACTOR_PRIMES =
      List.of(
          BigInteger.valueOf(10069),
          BigInteger.valueOf(5864401),
          BigInteger.valueOf(1875725156269L),
          new BigInteger("197620364512881247228717050342013327560683201906968909"));

  @Test
  void cofactorFactorisation() {
    assertThat(COFACTOR_PRIMES.stream().reduce(BigInteger.ONE, BigInteger::multiply))
        .isEqualTo(COFACTOR);
    for (BigInteger prime : COFACTOR_PRIMES) {
      assertThat(prime.isProbablePrime(64)).as("%s", prime).isTrue();
    }
  }

  @Test
  void generatorAndMultiplesAreInTheSubgroup() {
    G2 generator = Conversions.g2(ReferenceBn254.G2_GENERATOR);
    assertThat(generator.isInSubgroup()).isTrue();
    assertThat(generator.isInSubgroupByOrder()).isTrue();
    for (long k : new long[] {2, 3, 1_000_003, Long.MAX_VALUE}) {
      G2 multiple =
          Conversions.g2(ReferenceBn254.g2Mul(ReferenceBn254.G2_GENERATOR, BigInteger.valueOf(k)));
      assertThat(multiple.isInSubgroup()).as("[%d]G", k).isTrue();
    }
  }

  /** psi acts as p on G2, so the fast test's relation must vanish mod r. */
  @Test
  void fastSubgroupRelationHoldsOnG2() {
    BigInteger u = BigInteger.valueOf(Pairing.U);
    BigInteger relation =
        u.add(BigInteger.ONE)
            .add(u.multiply(P))
            .add(u.multiply(P.pow(2)))
            .subtract(u.shiftLeft(1).multiply(P.pow(3)));
    assertThat(relation.mod(R)).isZero();
  }

  /**
   * The twist's group is cyclic of square-free order r * c, so psi acts on each prime-order part as
   * a scalar: one point of each prime order l | c decides whether the fast test's relation holds on
   * that whole part. It must hold on none of them, which makes the fast test exact.
   */
  @Test
  void fastSubgroupTestRejectsEveryCofactorComponent() {
    Random random = new Random(7);
    F2[] t = Conversions.randomTwistPoint(random);
    assertThat(ReferenceBn254.g2Mul(t, R.multiply(COFACTOR))).as("group order").isNull();
    for (BigInteger prime : COFACTOR_PRIMES) {
      F2[] ofOrderL = ReferenceBn254.g2Mul(t, R.multiply(COFACTOR.divide(prime)));
      assertThat(ofOrderL).as("a point of order %s", prime).isNotNull();
      G2 point = Conversions.g2(ofOrderL);
      assertThat(point.isInSubgroup()).as("order %s", prime).isFalse();
      assertThat(point.isInSubgroupByOrder()).isFalse();
      // Mixed with a G2 component as well.
      F2[] mixed = ReferenceBn254.g2Add(ofOrderL, ReferenceBn254.G2_GENERATOR);
      assertThat(Conversions.g2(mixed).isInSubgroup()).isFalse();
    }
  }

  @Test
  void randomTwistPointsAgreeWithTheDefinition() {
    Random random = new Random(11);
    for (int i = 0; i < 20; i++) {
      G2 point = Conversions.g2(Conversions.randomTwistPoint(random));
      assertThat(point.isInSubgroup()).isEqualTo(point.isInSubgroupByOrder());
    }
  }

  @Test
  void arithmeticMatchesTheReference() {
    Random random = new Random(3);
    for (int i = 0; i < 10; i++) {
      F2[] a = Conversions.randomTwistPoint(random);
      F2[] b = Conversions.randomTwistPoint(random);
      G2 sum = new G2();
      sum.add(Conversions.g2(a), Conversions.g2(b));
      assertThat(sum.isEqual(Conversions.g2(ReferenceBn254.g2Add(a, b)))).isTrue();
      G2 twice = new G2();
      twice.dbl(Conversions.g2(a));
      assertThat(twice.isEqual(Conversions.g2(ReferenceBn254.g2Add(a, a)))).isTrue();
      BigInteger k = new BigInteger(200, random);
      G2 product = new G2();
      product.mul(Conversions.g2(a), Wnaf.digits(k, 4));
      assertThat(product.isEqual(Conversions.g2(ReferenceBn254.g2Mul(a, k)))).isTrue();
    }
  }

  @Test
  void decodingValidatesCoordinatesCurveAndSubgroup() throws Exception {
    byte[] generator = Conversions.encodeG2(ReferenceBn254.G2_GENERATOR);
    assertThat(G2.decode(generator, 0).encode()).isEqualTo(generator);
    assertThat(G2.decode(new byte[128], 0).isInfinity()).isTrue();

    byte[] unreduced = generator.clone();
    Conversions.word(ReferenceBn254.G2_GENERATOR[0].b().add(P), unreduced, 0);
    assertThatThrownBy(() -> G2.decode(unreduced, 0))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("not below");

    byte[] offCurve = generator.clone();
    offCurve[127] ^= 1;
    assertThatThrownBy(() -> G2.decode(offCurve, 0))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("not on the twist");

    byte[] outsideG2 = Conversions.encodeG2(Conversions.randomTwistPoint(new Random(5)));
    assertThatThrownBy(() -> G2.decode(outsideG2, 0))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("subgroup");

    // Swapping the real and imaginary parts (a common encoding mistake) leaves the curve.
    byte[] swapped = new byte[128];
    System.arraycopy(generator, 32, swapped, 0, 32);
    System.arraycopy(generator, 0, swapped, 32, 32);
    System.arraycopy(generator, 96, swapped, 64, 32);
    System.arraycopy(generator, 64, swapped, 96, 32);
    assertThatThrownBy(() -> G2.decode(swapped, 0)).isInstanceOf(InvalidPointException.class);
  }
}
