package io.merapi.evm.precompile.bls;

/**
 * A point in Jacobian coordinates, (X, Y, Z) standing for (X / Z^2, Y / Z^3); Z = 0 is the point at
 * infinity. Immutable; the arithmetic lives in {@link Curve}.
 */
record Point<F extends Field<F>>(F x, F y, F z) {
  boolean isInfinity() {
    return z.isZero();
  }
}
