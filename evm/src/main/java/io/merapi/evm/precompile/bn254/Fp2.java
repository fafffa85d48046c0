package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * An element {@code c0 + c1*u} of F_p^2 = F_p[u]/(u^2 + 1), mutable. The twist's coordinates and
 * the coefficients of the towers above live here. Results are written into {@code this} after all
 * operands are read, so {@code this} may alias an operand; the three scratch elements belong to
 * this instance and are only used while it is the destination.
 */
final class Fp2 {
  final Fp c0 = new Fp();
  final Fp c1 = new Fp();

  private final Fp t0 = new Fp();
  private final Fp t1 = new Fp();
  private final Fp t2 = new Fp();

  Fp2() {}

  static Fp2 of(BigInteger c0, BigInteger c1) {
    Fp2 x = new Fp2();
    x.c0.set(c0);
    x.c1.set(c1);
    return x;
  }

  static Fp2 one() {
    Fp2 x = new Fp2();
    x.setOne();
    return x;
  }

  Fp2 copy() {
    Fp2 x = new Fp2();
    x.set(this);
    return x;
  }

  void set(Fp2 x) {
    c0.set(x.c0);
    c1.set(x.c1);
  }

  void setZero() {
    c0.setZero();
    c1.setZero();
  }

  void setOne() {
    c0.setOne();
    c1.setZero();
  }

  boolean isZero() {
    return c0.isZero() && c1.isZero();
  }

  boolean isOne() {
    return c1.isZero() && c0.isEqual(Fp.one());
  }

  boolean isEqual(Fp2 x) {
    return c0.isEqual(x.c0) && c1.isEqual(x.c1);
  }

  void add(Fp2 x, Fp2 y) {
    c0.add(x.c0, y.c0);
    c1.add(x.c1, y.c1);
  }

  void sub(Fp2 x, Fp2 y) {
    c0.sub(x.c0, y.c0);
    c1.sub(x.c1, y.c1);
  }

  void dbl(Fp2 x) {
    c0.dbl(x.c0);
    c1.dbl(x.c1);
  }

  void neg(Fp2 x) {
    c0.neg(x.c0);
    c1.neg(x.c1);
  }

  void halve(Fp2 x) {
    c0.halve(x.c0);
    c1.halve(x.c1);
  }

  /** The Frobenius map on F_p^2: {@code c0 - c1*u}. */
  void conjugate(Fp2 x) {
    c0.set(x.c0);
    c1.neg(x.c1);
  }

  /**
   * (a + bu)(c + du) = (ac - bd) + (ad + bc)u as two sums of products, each with one Montgomery
   * reduction ({@link Fp#mulSum}): the same limb products as Karatsuba's three multiplications,
   * without its five additions and subtractions.
   */
  void mul(Fp2 x, Fp2 y) {
    t1.neg(x.c1);
    t0.mulSum(x.c0, y.c0, t1, y.c1);
    c1.mulSum(x.c0, y.c1, x.c1, y.c0);
    c0.set(t0);
  }

  /** (a + bu)^2 = (a + b)(a - b) + 2ab u. */
  void square(Fp2 x) {
    t0.add(x.c0, x.c1);
    t1.sub(x.c0, x.c1);
    t2.mul(x.c0, x.c1);
    c0.mul(t0, t1);
    c1.dbl(t2);
  }

  void mul(Fp2 x, Fp y) {
    c0.mul(x.c0, y);
    c1.mul(x.c1, y);
  }

  /** Multiplies by the sextic non-residue xi = 9 + u: (a + bu)(9 + u) = (9a - b) + (a + 9b)u. */
  void mulByXi(Fp2 x) {
    t0.mulBy9(x.c0);
    t1.mulBy9(x.c1);
    t2.set(x.c0);
    c0.sub(t0, x.c1);
    c1.add(t1, t2);
  }

  /** 1 / (a + bu) = (a - bu) / (a^2 + b^2). */
  void inverse(Fp2 x) {
    t0.square(x.c0);
    t1.square(x.c1);
    t0.add(t0, t1);
    t0.inverse(t0);
    t2.neg(x.c1);
    c0.mul(x.c0, t0);
    c1.mul(t2, t0);
  }

  /** this = x^e for a non-negative exponent (cold paths: constants). */
  void pow(Fp2 x, BigInteger e) {
    Fp2 base = x.copy();
    Fp2 result = one();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      result.square(result);
      if (e.testBit(i)) {
        result.mul(result, base);
      }
    }
    set(result);
  }

  @Override
  public String toString() {
    return "(" + c0 + " + " + c1 + "*u)";
  }
}
