package io.merapi.evm.precompile.bls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties the vector files do not spell out: the fast subgroup checks agree with multiplying by
 * r, and the pairing is bilinear and non-degenerate.
 */
class GroupAndPairingTest {
  private static final byte[] ORDER = G1.unsigned(G1.ORDER);

  @Test
  void fastSubgroupChecksAgreeWithMultiplicationByTheOrder() {
    for (int i = 1; i <= 4; i++) {
      Point<Fp> g1 = MapToG1.map(Fp.of(i));
      assertThat(G1.inSubgroup(g1)).isTrue();
      assertThat(G1.CURVE.mul(g1, ORDER).isInfinity()).isTrue();
      Point<Fp2> g2 = MapToG2.map(Fp2.of(i, i + 1));
      assertThat(G2.inSubgroup(g2)).isTrue();
      assertThat(G2.CURVE.mul(g2, ORDER).isInfinity()).isTrue();
    }
  }

  @Test
  void pointsOutsideTheSubgroupAreRejected() {
    // x = 4 - 4 = 0 gives y^2 = 4 on E: (0, 2) is on the curve; its order divides h r but not r.
    Point<Fp> p = G1.CURVE.fromAffine(Fp.ZERO, Fp.of(2));
    assertThat(G1.CURVE.isOnCurve(Fp.ZERO, Fp.of(2))).isTrue();
    assertThat(G1.inSubgroup(p)).isEqualTo(G1.CURVE.mul(p, ORDER).isInfinity());
    assertThat(G1.inSubgroup(p)).isFalse();
    // psi maps G2 into itself.
    Point<Fp2> q = G2.psi(G2.CURVE.dbl(MapToG2.map(Fp2.of(5, 6))));
    assertThat(G2.inSubgroup(q)).isTrue();
  }

  @Test
  void pairingIsBilinearAndNonDegenerate() {
    Point<Fp> p = G1.CURVE.normalize(MapToG1.map(Fp.of(3)));
    Point<Fp2> q = G2.CURVE.normalize(MapToG2.map(Fp2.of(7, 8)));
    byte[] a = BigInteger.valueOf(0x1234_5678_9abcL).toByteArray();
    Point<Fp> ap = G1.CURVE.normalize(G1.CURVE.mul(p, a));
    Point<Fp2> aq = G2.CURVE.normalize(G2.CURVE.mul(q, a));
    // e(aP, Q) e(-P, aQ) = 1
    assertThat(
            Pairing.productIsOne(
                List.of(
                    new Pairing.Pair(ap.x(), ap.y(), q.x(), q.y()),
                    new Pairing.Pair(p.x(), p.y().neg(), aq.x(), aq.y()))))
        .isTrue();
    assertThat(Pairing.productIsOne(List.of(new Pairing.Pair(p.x(), p.y(), q.x(), q.y()))))
        .isFalse();
    assertThat(
            Pairing.productIsOne(
                List.of(
                    new Pairing.Pair(ap.x(), ap.y(), q.x(), q.y()),
                    new Pairing.Pair(p.x(), p.y().neg(), q.x(), q.y()))))
        .isFalse();
  }
}
