package io.merapi.evm.precompile.bls;

import java.math.BigInteger;

/** F_p2 = F_p[u] / (u^2 + 1), immutable: {@code c0 + c1 * u}. */
record Fp2(Fp c0, Fp c1) implements Field<Fp2> {
  static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
  static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);

  /** The sextic non-residue xi = 1 + u that defines F_p6 and the twist E': y^2 = x^3 + 4 xi. */
  static final Fp2 XI = new Fp2(Fp.ONE, Fp.ONE);

  private static final BigInteger P = Fp.MODULUS;
  private static final long[] SQRT_A1_EXPONENT =
      Fp.limbs(P.subtract(BigInteger.valueOf(3)).shiftRight(2));
  private static final long[] SQRT_B_EXPONENT = Fp.limbs(P.subtract(BigInteger.ONE).shiftRight(1));

  static Fp2 of(long c0, long c1) {
    return new Fp2(Fp.of(c0), Fp.of(c1));
  }

  static Fp2 of(String c0, String c1) {
    return new Fp2(Fp.of(c0), Fp.of(c1));
  }

  @Override
  public Fp2 add(Fp2 y) {
    return new Fp2(c0.add(y.c0), c1.add(y.c1));
  }

  @Override
  public Fp2 sub(Fp2 y) {
    return new Fp2(c0.sub(y.c0), c1.sub(y.c1));
  }

  @Override
  public Fp2 neg() {
    return new Fp2(c0.neg(), c1.neg());
  }

  @Override
  public Fp2 dbl() {
    return new Fp2(c0.dbl(), c1.dbl());
  }

  @Override
  public Fp2 mul(Fp2 y) {
    // Karatsuba: three base-field products.
    Fp a = c0.mul(y.c0);
    Fp b = c1.mul(y.c1);
    Fp cross = c0.add(c1).mul(y.c0.add(y.c1));
    return new Fp2(a.sub(b), cross.sub(a).sub(b));
  }

  Fp2 mul(Fp y) {
    return new Fp2(c0.mul(y), c1.mul(y));
  }

  @Override
  public Fp2 square() {
    // (a + bu)^2 = (a + b)(a - b) + 2ab u
    Fp ab = c0.mul(c1);
    return new Fp2(c0.add(c1).mul(c0.sub(c1)), ab.dbl());
  }

  /** this * xi = (c0 - c1) + (c0 + c1) u. */
  Fp2 mulByXi() {
    return new Fp2(c0.sub(c1), c0.add(c1));
  }

  Fp2 conjugate() {
    return new Fp2(c0, c1.neg());
  }

  @Override
  public Fp2 inverse() {
    Fp norm = c0.square().add(c1.square());
    Fp inv = norm.inverse();
    return new Fp2(c0.mul(inv), c1.neg().mul(inv));
  }

  @Override
  public boolean isZero() {
    return c0.isZero() && c1.isZero();
  }

  @Override
  public boolean isOne() {
    return c0.isOne() && c1.isZero();
  }

  /** RFC 9380 sgn0 for F_p2: the parity of c0, or of c1 when c0 is zero. */
  @Override
  public int sgn0() {
    int sign0 = c0.sgn0();
    return sign0 | (c0.isZero() ? c1.sgn0() : 0);
  }

  /**
   * A square root, or null when this is not a square. Since p = 3 mod 4 the "complex method"
   * applies: a1 = a^((p-3)/4), alpha = a1^2 a, x0 = a1 a; alpha = -1 gives u x0, otherwise (1 +
   * alpha)^((p-1)/2) x0; the candidate is checked by squaring.
   */
  @Override
  public Fp2 sqrt() {
    if (isZero()) {
      return this;
    }
    Fp2 a1 = pow(SQRT_A1_EXPONENT);
    Fp2 x0 = a1.mul(this);
    Fp2 alpha = a1.mul(x0);
    Fp2 root;
    if (alpha.equals(ONE.neg())) {
      root = new Fp2(x0.c1.neg(), x0.c0);
    } else {
      root = alpha.add(ONE).pow(SQRT_B_EXPONENT).mul(x0);
    }
    return root.square().equals(this) ? root : null;
  }

  Fp2 pow(long[] exponent) {
    Fp2 result = ONE;
    for (int i = exponent.length * 64 - 1; i >= 0; i--) {
      result = result.square();
      if (((exponent[i >>> 6] >>> (i & 63)) & 1) != 0) {
        result = result.mul(this);
      }
    }
    return result;
  }

  Fp2 pow(BigInteger exponent) {
    return pow(Fp.limbs(exponent));
  }
}
