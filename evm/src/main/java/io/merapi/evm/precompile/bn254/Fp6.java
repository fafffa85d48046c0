package io.merapi.evm.precompile.bn254;

/**
 * An element {@code c0 + c1*v + c2*v^2} of F_p^6 = F_p^2[v]/(v^3 - xi), xi = 9 + u, mutable. As in
 * {@link Fp2}, results are written after all operands are read and the scratch elements are this
 * instance's own.
 */
final class Fp6 {
  final Fp2 c0 = new Fp2();
  final Fp2 c1 = new Fp2();
  final Fp2 c2 = new Fp2();

  private final Fp2 t0 = new Fp2();
  private final Fp2 t1 = new Fp2();
  private final Fp2 t2 = new Fp2();
  private final Fp2 s0 = new Fp2();
  private final Fp2 s1 = new Fp2();
  private final Fp2 r0 = new Fp2();
  private final Fp2 r1 = new Fp2();

  void set(Fp6 x) {
    c0.set(x.c0);
    c1.set(x.c1);
    c2.set(x.c2);
  }

  void setZero() {
    c0.setZero();
    c1.setZero();
    c2.setZero();
  }

  void setOne() {
    c0.setOne();
    c1.setZero();
    c2.setZero();
  }

  boolean isZero() {
    return c0.isZero() && c1.isZero() && c2.isZero();
  }

  boolean isEqual(Fp6 x) {
    return c0.isEqual(x.c0) && c1.isEqual(x.c1) && c2.isEqual(x.c2);
  }

  void add(Fp6 x, Fp6 y) {
    c0.add(x.c0, y.c0);
    c1.add(x.c1, y.c1);
    c2.add(x.c2, y.c2);
  }

  void sub(Fp6 x, Fp6 y) {
    c0.sub(x.c0, y.c0);
    c1.sub(x.c1, y.c1);
    c2.sub(x.c2, y.c2);
  }

  void neg(Fp6 x) {
    c0.neg(x.c0);
    c1.neg(x.c1);
    c2.neg(x.c2);
  }

  /**
   * Karatsuba-style multiplication with six F_p^2 products (Devegili, O hEigeartaigh, Scott, Dahab,
   * "Multiplication and Squaring on Pairing-Friendly Fields", 2006, section 4).
   */
  void mul(Fp6 x, Fp6 y) {
    t0.mul(x.c0, y.c0);
    t1.mul(x.c1, y.c1);
    t2.mul(x.c2, y.c2);
    // r0 = ((x1 + x2)(y1 + y2) - t1 - t2) * xi + t0
    s0.add(x.c1, x.c2);
    s1.add(y.c1, y.c2);
    r0.mul(s0, s1);
    r0.sub(r0, t1);
    r0.sub(r0, t2);
    r0.mulByXi(r0);
    r0.add(r0, t0);
    // r1 = (x0 + x1)(y0 + y1) - t0 - t1 + xi * t2
    s0.add(x.c0, x.c1);
    s1.add(y.c0, y.c1);
    r1.mul(s0, s1);
    r1.sub(r1, t0);
    r1.sub(r1, t1);
    s0.mulByXi(t2);
    r1.add(r1, s0);
    // c2 = (x0 + x2)(y0 + y2) - t0 - t2 + t1
    s0.add(x.c0, x.c2);
    s1.add(y.c0, y.c2);
    c2.mul(s0, s1);
    c2.sub(c2, t0);
    c2.sub(c2, t2);
    c2.add(c2, t1);
    c0.set(r0);
    c1.set(r1);
  }

  void square(Fp6 x) {
    mul(x, x);
  }

  /** Multiplies by an F_p^2 scalar. */
  void mul(Fp6 x, Fp2 y) {
    c0.mul(x.c0, y);
    c1.mul(x.c1, y);
    c2.mul(x.c2, y);
  }

  /**
   * Multiplies by the sparse {@code b0 + b1*v} (a line's shape), five F_p^2 products instead of
   * six.
   */
  void mulBy01(Fp6 x, Fp2 b0, Fp2 b1) {
    t0.mul(x.c0, b0);
    t1.mul(x.c1, b1);
    // r0 = ((x1 + x2) * b1 - t1) * xi + t0
    s0.add(x.c1, x.c2);
    r0.mul(s0, b1);
    r0.sub(r0, t1);
    r0.mulByXi(r0);
    r0.add(r0, t0);
    // r1 = (x0 + x1)(b0 + b1) - t0 - t1
    s0.add(x.c0, x.c1);
    s1.add(b0, b1);
    r1.mul(s0, s1);
    r1.sub(r1, t0);
    r1.sub(r1, t1);
    // c2 = (x0 + x2) * b0 - t0 + t1
    s0.add(x.c0, x.c2);
    c2.mul(s0, b0);
    c2.sub(c2, t0);
    c2.add(c2, t1);
    c0.set(r0);
    c1.set(r1);
  }

  /** Multiplies by v: (c0, c1, c2) -> (xi * c2, c0, c1). */
  void mulByV(Fp6 x) {
    t0.mulByXi(x.c2);
    t1.set(x.c1);
    c1.set(x.c0);
    c2.set(t1);
    c0.set(t0);
  }

  /**
   * 1 / x via the norm to F_p^2: with A = c0^2 - xi c1 c2, B = xi c2^2 - c0 c1, C = c1^2 - c0 c2,
   * x^-1 = (A + Bv + Cv^2) / (c0 A + xi (c2 B + c1 C)).
   */
  void inverse(Fp6 x) {
    // t0 = A
    t0.square(x.c0);
    s0.mul(x.c1, x.c2);
    s0.mulByXi(s0);
    t0.sub(t0, s0);
    // t1 = B
    t1.square(x.c2);
    t1.mulByXi(t1);
    s0.mul(x.c0, x.c1);
    t1.sub(t1, s0);
    // t2 = C
    t2.square(x.c1);
    s0.mul(x.c0, x.c2);
    t2.sub(t2, s0);
    // s1 = 1 / (c0 A + xi (c2 B + c1 C))
    s0.mul(x.c2, t1);
    s1.mul(x.c1, t2);
    s0.add(s0, s1);
    s0.mulByXi(s0);
    s1.mul(x.c0, t0);
    s1.add(s1, s0);
    s1.inverse(s1);
    c0.mul(t0, s1);
    c1.mul(t1, s1);
    c2.mul(t2, s1);
  }
}
