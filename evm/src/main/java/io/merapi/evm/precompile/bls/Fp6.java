package io.merapi.evm.precompile.bls;

/** F_p6 = F_p2[v] / (v^3 - xi), immutable: {@code b0 + b1 v + b2 v^2}. */
record Fp6(Fp2 b0, Fp2 b1, Fp2 b2) {
  static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
  static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

  Fp6 add(Fp6 y) {
    return new Fp6(b0.add(y.b0), b1.add(y.b1), b2.add(y.b2));
  }

  Fp6 sub(Fp6 y) {
    return new Fp6(b0.sub(y.b0), b1.sub(y.b1), b2.sub(y.b2));
  }

  Fp6 neg() {
    return new Fp6(b0.neg(), b1.neg(), b2.neg());
  }

  Fp6 mul(Fp6 y) {
    // Karatsuba over the three coefficients (six F_p2 products).
    Fp2 t0 = b0.mul(y.b0);
    Fp2 t1 = b1.mul(y.b1);
    Fp2 t2 = b2.mul(y.b2);
    Fp2 c0 = b1.add(b2).mul(y.b1.add(y.b2)).sub(t1).sub(t2).mulByXi().add(t0);
    Fp2 c1 = b0.add(b1).mul(y.b0.add(y.b1)).sub(t0).sub(t1).add(t2.mulByXi());
    Fp2 c2 = b0.add(b2).mul(y.b0.add(y.b2)).sub(t0).sub(t2).add(t1);
    return new Fp6(c0, c1, c2);
  }

  /** this * (a0 + a1 v): a line's sparse factor, five F_p2 products instead of six. */
  Fp6 mulBy01(Fp2 a0, Fp2 a1) {
    Fp2 t0 = b0.mul(a0);
    Fp2 t1 = b1.mul(a1);
    Fp2 c0 = b2.mul(a1).mulByXi().add(t0);
    Fp2 c1 = b0.add(b1).mul(a0.add(a1)).sub(t0).sub(t1);
    Fp2 c2 = b2.mul(a0).add(t1);
    return new Fp6(c0, c1, c2);
  }

  /** this * (a1 v). */
  Fp6 mulBy1(Fp2 a1) {
    return new Fp6(b2.mul(a1).mulByXi(), b0.mul(a1), b1.mul(a1));
  }

  Fp6 square() {
    return mul(this);
  }

  /** this * v = xi b2 + b0 v + b1 v^2. */
  Fp6 mulByV() {
    return new Fp6(b2.mulByXi(), b0, b1);
  }

  Fp6 inverse() {
    Fp2 t0 = b0.square().sub(b1.mul(b2).mulByXi());
    Fp2 t1 = b2.square().mulByXi().sub(b0.mul(b1));
    Fp2 t2 = b1.square().sub(b0.mul(b2));
    Fp2 den = b0.mul(t0).add(b2.mul(t1).add(b1.mul(t2)).mulByXi());
    Fp2 inv = den.inverse();
    return new Fp6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
  }

  boolean isZero() {
    return b0.isZero() && b1.isZero() && b2.isZero();
  }
}
