package io.merapi.evm.precompile.bls;

/**
 * The field operations the curve code needs, so that G1 (over F_p) and G2 (over F_p2) share one
 * implementation of point arithmetic ({@link Curve}).
 */
interface Field<F extends Field<F>> {
  F add(F y);

  F sub(F y);

  F mul(F y);

  F square();

  F neg();

  F dbl();

  F inverse();

  boolean isZero();

  boolean isOne();

  /** A square root, or null when this is not a square. */
  F sqrt();

  /** RFC 9380 sgn0: the "sign" used to pick one of the two square roots. */
  int sgn0();
}
