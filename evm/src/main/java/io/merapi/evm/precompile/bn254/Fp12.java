package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * An element {@code c0 + c1*w} of F_p^12 = F_p^6[w]/(w^2 - v), mutable: the target group of the
 * pairing. Seen over F_p^2 it is {@code g0 + g1 w + ... + g5 w^5} with w^6 = xi, where {@code g0,
 * g2, g4} are {@code c0}'s coefficients and {@code g1, g3, g5} are {@code c1}'s; the Frobenius maps
 * and the cyclotomic squaring use that view.
 */
final class Fp12 {
  final Fp6 c0 = new Fp6();
  final Fp6 c1 = new Fp6();

  private final Fp6 t0 = new Fp6();
  private final Fp6 t1 = new Fp6();
  private final Fp6 t2 = new Fp6();
  private final Fp2 lineSum = new Fp2();

  static Fp12 one() {
    Fp12 x = new Fp12();
    x.setOne();
    return x;
  }

  Fp12 copy() {
    Fp12 x = new Fp12();
    x.set(this);
    return x;
  }

  void set(Fp12 x) {
    c0.set(x.c0);
    c1.set(x.c1);
  }

  void setOne() {
    c0.setOne();
    c1.setZero();
  }

  boolean isOne() {
    return c1.isZero()
        && c0.c1.isZero()
        && c0.c2.isZero()
        && c0.c0.c1.isZero()
        && c0.c0.c0.isEqual(Fp.one());
  }

  boolean isEqual(Fp12 x) {
    return c0.isEqual(x.c0) && c1.isEqual(x.c1);
  }

  /** Karatsuba over F_p^6: three F_p^6 products. */
  void mul(Fp12 x, Fp12 y) {
    t0.mul(x.c0, y.c0);
    t1.mul(x.c1, y.c1);
    t2.add(x.c0, x.c1);
    c1.add(y.c0, y.c1);
    c1.mul(c1, t2);
    c1.sub(c1, t0);
    c1.sub(c1, t1);
    t1.mulByV(t1);
    c0.add(t0, t1);
  }

  /** Complex squaring: (a + bw)^2 = ((a + b)(a + vb) - ab - v ab) + 2ab w. */
  void square(Fp12 x) {
    t0.mul(x.c0, x.c1);
    t1.add(x.c0, x.c1);
    t2.mulByV(x.c1);
    t2.add(t2, x.c0);
    c0.mul(t1, t2);
    c0.sub(c0, t0);
    t1.mulByV(t0);
    c0.sub(c0, t1);
    c1.add(t0, t0);
  }

  /** The p^6-th power: a + bw -> a - bw; the inverse for elements of the cyclotomic subgroup. */
  void conjugate(Fp12 x) {
    c0.set(x.c0);
    c1.neg(x.c1);
  }

  /** 1 / (a + bw) = (a - bw) / (a^2 - v b^2). */
  void inverse(Fp12 x) {
    t0.square(x.c0);
    t1.square(x.c1);
    t1.mulByV(t1);
    t0.sub(t0, t1);
    t0.inverse(t0);
    c0.mul(x.c0, t0);
    t2.neg(x.c1);
    c1.mul(t2, t0);
  }

  /**
   * Multiplies by a line value {@code a + b w + c vw} (the shape every Miller-loop line has with a
   * D-type twist): thirteen F_p^2 products instead of eighteen.
   */
  void mulByLine(Fp12 x, Fp2 a, Fp2 b, Fp2 c) {
    // The line is A0 + A1 w with A0 = (a, 0, 0) and A1 = (b, c, 0).
    t0.mul(x.c0, a);
    t1.mulBy01(x.c1, b, c);
    t2.add(x.c0, x.c1);
    lineSum.add(a, b);
    c1.mulBy01(t2, lineSum, c);
    c1.sub(c1, t0);
    c1.sub(c1, t1);
    t1.mulByV(t1);
    c0.add(t0, t1);
  }

  /**
   * The Frobenius map x -> x^(p^k) for k = 1, 2, 3: each coefficient g_i of w^i is conjugated k
   * times and multiplied by xi^(i (p^k - 1) / 6), since (w^i)^(p^k) = w^i * (w^6)^(i (p^k - 1)/6).
   */
  void frobenius(Fp12 x, int k) {
    Fp2[] gamma = Frobenius.GAMMA[k];
    boolean conjugate = (k & 1) == 1;
    frobeniusCoefficient(c0.c0, x.c0.c0, null, conjugate);
    frobeniusCoefficient(c1.c0, x.c1.c0, gamma[1], conjugate);
    frobeniusCoefficient(c0.c1, x.c0.c1, gamma[2], conjugate);
    frobeniusCoefficient(c1.c1, x.c1.c1, gamma[3], conjugate);
    frobeniusCoefficient(c0.c2, x.c0.c2, gamma[4], conjugate);
    frobeniusCoefficient(c1.c2, x.c1.c2, gamma[5], conjugate);
  }

  private static void frobeniusCoefficient(Fp2 out, Fp2 in, Fp2 gamma, boolean conjugate) {
    if (conjugate) {
      out.conjugate(in);
    } else {
      out.set(in);
    }
    if (gamma != null) {
      out.mul(out, gamma);
    }
  }

  /**
   * Squaring in the cyclotomic subgroup (the elements whose order divides p^4 - p^2 + 1, as every
   * value does after the easy part of the final exponentiation): Granger and Scott, "Faster
   * Squaring in the Cyclotomic Subgroup of Sixth Degree Extensions" (PKC 2010). Seen as A + B t + C
   * t^2 over F_p^4 = F_p^2[s]/(s^2 - xi) with t = w and s = w^3, the square is (3A^2 - 2 conj(A)) +
   * (3 s C^2 + 2 conj(B)) t + (3 B^2 - 2 conj(C)) t^2: nine F_p^2 squarings.
   */
  void cyclotomicSquare(Fp12 x) {
    // A = g0 + g3 s, B = g1 + g4 s, C = g2 + g5 s.
    Fp2 g0 = x.c0.c0, g1 = x.c1.c0, g2 = x.c0.c1, g3 = x.c1.c1, g4 = x.c0.c2, g5 = x.c1.c2;
    Fp2 a0 = t0.c0, a1 = t0.c1, a2 = t0.c2; // A^2 = a0 + xi a1 + a2 s, a2 = 2 g0 g3
    Fp2 b0 = t1.c0, b1 = t1.c1, b2 = t1.c2; // B^2
    Fp2 d0 = t2.c0, d1 = t2.c1, d2 = t2.c2; // C^2
    squareFp4(a0, a1, a2, g0, g3);
    squareFp4(b0, b1, b2, g1, g4);
    squareFp4(d0, d1, d2, g2, g5);
    // A' = 3 A^2 - 2 conj(A): g0' = 3 (a0 + xi a1) - 2 g0, g3' = 3 a2 + 2 g3.
    a1.mulByXi(a1);
    a0.add(a0, a1);
    threeMinusTwo(c0.c0, a0, g0);
    threePlusTwo(c1.c1, a2, g3);
    // C' = 3 B^2 - 2 conj(C): g2' = 3 (b0 + xi b1) - 2 g2, g5' = 3 b2 + 2 g5.
    b1.mulByXi(b1);
    b0.add(b0, b1);
    threeMinusTwo(c0.c1, b0, g2);
    threePlusTwo(c1.c2, b2, g5);
    // B' = 3 s C^2 + 2 conj(B): g1' = 3 xi d2 + 2 g1, g4' = 3 (d0 + xi d1) - 2 g4.
    d1.mulByXi(d1);
    d0.add(d0, d1);
    threeMinusTwo(c0.c2, d0, g4);
    d2.mulByXi(d2);
    threePlusTwo(c1.c0, d2, g1);
  }

  /** (x + y s)^2 = (x^2 + xi y^2) + 2xy s, returned as x^2, y^2 and 2xy. */
  private static void squareFp4(Fp2 xx, Fp2 yy, Fp2 twoXy, Fp2 x, Fp2 y) {
    twoXy.add(x, y);
    twoXy.square(twoXy);
    xx.square(x);
    yy.square(y);
    twoXy.sub(twoXy, xx);
    twoXy.sub(twoXy, yy);
  }

  /** out = 3a - 2b = 2(a - b) + a; out may alias b but not a. */
  private static void threeMinusTwo(Fp2 out, Fp2 a, Fp2 b) {
    out.sub(a, b);
    out.dbl(out);
    out.add(out, a);
  }

  /** out = 3a + 2b = 2(a + b) + a; out may alias b but not a. */
  private static void threePlusTwo(Fp2 out, Fp2 a, Fp2 b) {
    out.add(a, b);
    out.dbl(out);
    out.add(out, a);
  }

  /**
   * x^e for e given by its width-4 NAF digits ({@link Wnaf#digits}, least significant first), with
   * cyclotomic squarings; x must be in the cyclotomic subgroup, where x^-1 is the conjugate and
   * costs nothing. For the BN parameter u the window cuts the multiplications from 23 (plain NAF)
   * to 13 plus 3 for the table of x, x^3, x^5, x^7; three such powers make up most of the final
   * exponentiation. {@code work} holds five elements the caller lends (an element here weighs about
   * 15 KB with its scratch, so the final exponentiation shares one set among its three powers);
   * this may not be one of them, x may be this.
   */
  void cyclotomicPow(Fp12 x, int[] digits, Fp12[] work) {
    Fp12 conjugate = work[4];
    work[0].set(x);
    conjugate.cyclotomicSquare(x);
    for (int i = 1; i < 4; i++) {
      work[i].mul(work[i - 1], conjugate);
    }
    int top = digits.length - 1;
    while (top >= 0 && digits[top] == 0) {
      top--;
    }
    if (top < 0) {
      setOne();
      return;
    }
    // The leading digit is positive (e > 0): start from its table entry rather than from one.
    set(work[digits[top] >> 1]);
    for (int i = top - 1; i >= 0; i--) {
      cyclotomicSquare(this);
      int digit = digits[i];
      if (digit > 0) {
        mul(this, work[digit >> 1]);
      } else if (digit < 0) {
        conjugate.conjugate(work[-digit >> 1]);
        mul(this, conjugate);
      }
    }
  }

  /** x^e by plain square-and-multiply (cold paths and tests). */
  void pow(Fp12 x, BigInteger e) {
    Fp12 base = x.copy();
    setOne();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      square(this);
      if (e.testBit(i)) {
        mul(this, base);
      }
    }
  }

  /** The F_p^2 constants of the Frobenius maps, computed once from their definition. */
  static final class Frobenius {
    /** GAMMA[k][i] = xi^(i (p^k - 1) / 6) for k = 1, 2, 3 and i = 0..5. */
    static final Fp2[][] GAMMA = new Fp2[4][];

    static {
      Fp2 xi = Fp2.of(BigInteger.valueOf(9), BigInteger.ONE);
      for (int k = 1; k <= 3; k++) {
        BigInteger exponent =
            Fp.MODULUS.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
        GAMMA[k] = new Fp2[6];
        for (int i = 0; i < 6; i++) {
          Fp2 gamma = new Fp2();
          gamma.pow(xi, exponent.multiply(BigInteger.valueOf(i)));
          GAMMA[k][i] = gamma;
        }
      }
    }

    private Frobenius() {}
  }
}
