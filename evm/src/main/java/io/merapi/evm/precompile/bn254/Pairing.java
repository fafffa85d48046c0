package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The optimal ate pairing on BN254 (Vercauteren, "Optimal pairings", 2010), as a product check: is
 * e(P_1, Q_1) * ... * e(P_k, Q_k) = 1? One Miller loop runs over all pairs at once, sharing the
 * squarings of the accumulator, and one final exponentiation follows.
 *
 * <p>The loop walks the signed binary digits of 6u + 2 with the G2 points in homogeneous projective
 * coordinates, and evaluates each line at P directly as a sparse F_p^12 element (Costello, Lange,
 * Naehrig, "Faster pairing computations on curves with high-degree twists", PKC 2010; the D-type
 * twist forms of Aranha, Karabina, Longa, Gebotys, Lopez, "Faster explicit formulas for computing
 * pairings over ordinary curves", Eurocrypt 2011). Lines are scaled by factors in proper subfields,
 * which the final exponentiation removes.
 */
final class Pairing {
  /** The BN parameter u of the curve (EIP-196's curve is BN254 with this u). */
  static final long U = 4965661367192848881L;

  /** r, the order of G1, G2 and GT. */
  static final BigInteger ORDER =
      new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);

  /** u in width-4 NAF: 14 non-zero digits instead of 28 ones. */
  private static final int[] U_WNAF = Wnaf.digits(BigInteger.valueOf(U), 4);

  /** 6u + 2 in non-adjacent form, most significant digit first; the leading digit is 1. */
  private static final int[] LOOP_NAF =
      naf(BigInteger.valueOf(U).multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

  private Pairing() {}

  /**
   * True when the product of e(ps[i], qs[i]) is one. Pairs with a point at infinity contribute one
   * and are skipped; the points must already be validated (on their curves, Q in G2).
   */
  static boolean productIsOne(G1[] ps, G2[] qs) {
    Fp12 f = millerLoop(ps, qs);
    finalExponentiation(f);
    return f.isOne();
  }

  /** The full pairing value e(P, Q) (tests compare it with a reference implementation). */
  static Fp12 pair(G1 p, G2 q) {
    Fp12 f = millerLoop(new G1[] {p}, new G2[] {q});
    finalExponentiation(f);
    return f;
  }

  static Fp12 millerLoop(G1[] ps, G2[] qs) {
    int count = 0;
    PairState[] pairs = new PairState[ps.length];
    for (int i = 0; i < ps.length; i++) {
      if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
        pairs[count++] = new PairState(ps[i], qs[i]);
      }
    }
    Fp12 f = Fp12.one();
    if (count == 0) {
      return f;
    }
    Line line = new Line();
    for (int i = 1; i < LOOP_NAF.length; i++) {
      if (i > 1) {
        f.square(f);
      }
      for (int j = 0; j < count; j++) {
        pairs[j].doublingStep(line);
        f.mulByLine(f, line.a, line.b, line.c);
      }
      int digit = LOOP_NAF[i];
      if (digit != 0) {
        for (int j = 0; j < count; j++) {
          PairState pair = pairs[j];
          pair.additionStep(line, pair.qx, digit > 0 ? pair.qy : pair.qyNegated);
          f.mulByLine(f, line.a, line.b, line.c);
        }
      }
    }
    // The two extra lines of the optimal ate pairing for BN curves: through T and psi(Q), then
    // through T + psi(Q) and -psi^2(Q).
    Fp2 x = new Fp2();
    Fp2 y = new Fp2();
    for (int j = 0; j < count; j++) {
      PairState pair = pairs[j];
      x.conjugate(pair.qx);
      x.mul(x, Fp12.Frobenius.GAMMA[1][2]);
      y.conjugate(pair.qy);
      y.mul(y, Fp12.Frobenius.GAMMA[1][3]);
      pair.additionStep(line, x, y);
      f.mulByLine(f, line.a, line.b, line.c);
      x.mul(pair.qx, Fp12.Frobenius.GAMMA[2][2]);
      y.mul(pair.qy, Fp12.Frobenius.GAMMA[2][3]);
      y.neg(y);
      pair.additionStep(line, x, y);
      f.mulByLine(f, line.a, line.b, line.c);
    }
    return f;
  }

  /**
   * f^((p^12 - 1) / r), split as (p^6 - 1)(p^2 + 1) (the easy part: a conjugate, an inverse and a
   * Frobenius map) and (p^4 - p^2 + 1) / r (the hard part), computed with the addition chain of
   * Scott, Benger, Charlemagne, Dominguez Perez, Kachisa, "On the final exponentiation for
   * calculating pairings on ordinary elliptic curves" (Pairing 2009, section 5): the exponent is
   * written in base p with coefficients that are polynomials in u, so only three exponentiations by
   * u (63 bits, with cyclotomic squarings) are needed.
   */
  static void finalExponentiation(Fp12 f) {
    Fp12 t = new Fp12();
    // Easy part.
    t.inverse(f);
    f.conjugate(f);
    f.mul(f, t);
    t.frobenius(f, 2);
    f.mul(f, t);
    // Hard part: f^lambda = y0 * y1^2 * y2^6 * y3^12 * y4^18 * y5^30 * y6^36 with
    // y0 = f^p f^(p^2) f^(p^3), y1 = 1/f, y2 = (f^(u^2))^(p^2), y3 = 1/(f^u)^p,
    // y4 = 1/(f^u (f^(u^2))^p), y5 = 1/f^(u^2), y6 = 1/(f^(u^3) (f^(u^3))^p);
    // inverses are conjugates in the cyclotomic subgroup. Each y is built in place of the power it
    // last needs, and the powers' table is reused afterwards, so eight elements serve in all.
    Fp12[] work = {new Fp12(), new Fp12(), new Fp12(), new Fp12(), new Fp12()};
    Fp12 fu = new Fp12();
    fu.cyclotomicPow(f, U_WNAF, work);
    Fp12 fu2 = new Fp12();
    fu2.cyclotomicPow(fu, U_WNAF, work);
    Fp12 fu3 = new Fp12();
    fu3.cyclotomicPow(fu2, U_WNAF, work);

    Fp12 y0 = work[0];
    y0.frobenius(f, 1);
    t.frobenius(f, 2);
    y0.mul(y0, t);
    t.frobenius(f, 3);
    y0.mul(y0, t);
    Fp12 y1 = f;
    y1.conjugate(f);
    Fp12 y2 = work[1];
    y2.frobenius(fu2, 2);
    Fp12 y4 = work[2];
    y4.frobenius(fu2, 1);
    y4.mul(y4, fu);
    y4.conjugate(y4);
    Fp12 y3 = fu;
    t.frobenius(fu, 1);
    y3.conjugate(t);
    Fp12 y5 = fu2;
    y5.conjugate(fu2);
    Fp12 y6 = fu3;
    t.frobenius(fu3, 1);
    y6.mul(fu3, t);
    y6.conjugate(y6);

    // The addition chain for the exponents (1, 2, 6, 12, 18, 30, 36).
    Fp12 t0 = work[3];
    Fp12 t1 = work[4];
    t0.cyclotomicSquare(y6);
    t0.mul(t0, y4);
    t0.mul(t0, y5);
    t1.mul(y3, y5);
    t1.mul(t1, t0);
    t0.mul(t0, y2);
    t1.cyclotomicSquare(t1);
    t1.mul(t1, t0);
    t1.cyclotomicSquare(t1);
    t0.mul(t1, y1);
    t1.mul(t1, y0);
    t0.cyclotomicSquare(t0);
    t0.mul(t0, t1);
    f.set(t0);
  }

  /** A line value a + b w + c vw. */
  static final class Line {
    final Fp2 a = new Fp2();
    final Fp2 b = new Fp2();
    final Fp2 c = new Fp2();
  }

  /**
   * One (P, Q) pair in the Miller loop: the running point T = [k] Q and what the lines need of P.
   */
  private static final class PairState {
    final Fp2 qx;
    final Fp2 qy;
    final Fp2 qyNegated = new Fp2();
    // -yP, 3 xP and -xP: the factors by which the line coefficients depend on P.
    final Fp yPNegated = new Fp();
    final Fp xPTripled = new Fp();
    final Fp xPNegated = new Fp();
    final Fp yP;
    // T in homogeneous projective coordinates: x = X/Z, y = Y/Z.
    final Fp2 tx;
    final Fp2 ty;
    final Fp2 tz;

    private final Fp2 s0 = new Fp2();
    private final Fp2 s1 = new Fp2();
    private final Fp2 s2 = new Fp2();
    private final Fp2 s3 = new Fp2();
    private final Fp2 s4 = new Fp2();
    private final Fp2 s5 = new Fp2();
    private final Fp2 s6 = new Fp2();

    PairState(G1 p, G2 q) {
      // Both points are affine (Z = 1) as decoded.
      qx = q.x.copy();
      qy = q.y.copy();
      qyNegated.neg(qy);
      yP = p.y.copy();
      yPNegated.neg(p.y);
      xPTripled.dbl(p.x);
      xPTripled.add(xPTripled, p.x);
      xPNegated.neg(p.x);
      tx = q.x.copy();
      ty = q.y.copy();
      tz = Fp2.one();
    }

    /** T = 2T and the tangent line at T evaluated at P: -2YZ yP + 3X^2 xP w + (3b'Z^2 - Y^2) vw. */
    void doublingStep(Line line) {
      Fp2 a = s0, b = s1, c = s2, e = s3, f = s4, g = s5, h = s6;
      a.mul(tx, ty); // A = XY / 2
      a.halve(a);
      b.square(ty); // B = Y^2
      c.square(tz); // C = Z^2
      e.mul(c, THREE_B_TWIST); // E = 3b' C
      f.dbl(e); // F = 3E
      f.add(f, e);
      g.add(b, f); // G = (B + F) / 2
      g.halve(g);
      h.add(ty, tz); // H = (Y + Z)^2 - (B + C) = 2YZ
      h.square(h);
      c.add(b, c);
      h.sub(h, c);
      line.a.mul(h, yPNegated);
      line.b.square(tx); // 3 X^2 xP
      line.b.mul(line.b, xPTripled);
      line.c.sub(e, b); // I = E - B
      tx.sub(b, f); // X3 = A (B - F)
      tx.mul(tx, a);
      ty.square(g); // Y3 = G^2 - 3E^2
      e.square(e);
      c.dbl(e);
      c.add(c, e);
      ty.sub(ty, c);
      tz.mul(b, h); // Z3 = B H
    }

    /**
     * T = T + (x2, y2) and the line through them evaluated at P: lambda yP - theta xP w + (theta x2
     * - lambda y2) vw, with theta = Y - y2 Z and lambda = X - x2 Z.
     */
    void additionStep(Line line, Fp2 x2, Fp2 y2) {
      Fp2 theta = s0, lambda = s1, c = s2, d = s3, e = s4, g = s5, h = s6;
      theta.mul(y2, tz);
      theta.sub(ty, theta);
      lambda.mul(x2, tz);
      lambda.sub(tx, lambda);
      line.a.mul(lambda, yP);
      line.b.mul(theta, xPNegated);
      line.c.mul(theta, x2);
      c.mul(lambda, y2);
      line.c.sub(line.c, c);
      c.square(theta); // C = theta^2
      d.square(lambda); // D = lambda^2
      e.mul(lambda, d); // E = lambda^3
      g.mul(tx, d); // G = X D
      h.mul(tz, c); // H = E + Z C - 2G
      h.add(h, e);
      h.sub(h, g);
      h.sub(h, g);
      tx.mul(lambda, h); // X3 = lambda H
      g.sub(g, h); // Y3 = theta (G - H) - Y E
      g.mul(g, theta);
      ty.mul(ty, e);
      ty.sub(g, ty);
      tz.mul(tz, e); // Z3 = Z E
    }
  }

  private static final Fp2 THREE_B_TWIST = threeBTwist();

  private static Fp2 threeBTwist() {
    Fp2 three = new Fp2();
    three.dbl(G2.B_TWIST);
    three.add(three, G2.B_TWIST);
    return three;
  }

  /** Non-adjacent form digits of k > 0, most significant first. */
  static int[] naf(BigInteger k) {
    int[] digits = new int[k.bitLength() + 1];
    int length = 0;
    BigInteger n = k;
    while (n.signum() > 0) {
      int digit = 0;
      if (n.testBit(0)) {
        digit = 2 - n.mod(BigInteger.valueOf(4)).intValue(); // +1 or -1
        n = n.subtract(BigInteger.valueOf(digit));
      }
      digits[length++] = digit;
      n = n.shiftRight(1);
    }
    int[] mostSignificantFirst = new int[length];
    for (int i = 0; i < length; i++) {
      mostSignificantFirst[i] = digits[length - 1 - i];
    }
    return mostSignificantFirst;
  }
}
