package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * A point of G1, the curve y^2 = x^3 + 3 over F_p (EIP-196), in Jacobian coordinates (x = X/Z^2, y
 * = Y/Z^3; Z = 0 is the point at infinity), mutable. The cofactor is 1, so every point on the curve
 * is in the group of prime order r.
 */
final class G1 {
  static final BigInteger B = BigInteger.valueOf(3);
  private static final Fp CURVE_B = Fp.of(B);

  final Fp x = new Fp();
  final Fp y = new Fp();
  final Fp z = new Fp();

  private final Fp a = new Fp();
  private final Fp b = new Fp();
  private final Fp c = new Fp();
  private final Fp d = new Fp();
  private final Fp e = new Fp();
  private final Fp f = new Fp();
  private final Fp g = new Fp();

  static G1 infinity() {
    G1 p = new G1();
    p.setInfinity();
    return p;
  }

  void setInfinity() {
    x.setOne();
    y.setOne();
    z.setZero();
  }

  boolean isInfinity() {
    return z.isZero();
  }

  void set(G1 p) {
    x.set(p.x);
    y.set(p.y);
    z.set(p.z);
  }

  void setAffine(Fp ax, Fp ay) {
    x.set(ax);
    y.set(ay);
    z.setOne();
  }

  /**
   * Decodes the 64-byte encoding (x, y big-endian) at {@code offset}; (0, 0) is the point at
   * infinity. EIP-196: each coordinate must be below p and the point must be on the curve.
   */
  static G1 decode(byte[] in, int offset) throws InvalidPointException {
    G1 point = new G1();
    if (!point.x.setBytes(in, offset) || !point.y.setBytes(in, offset + 32)) {
      throw new InvalidPointException("G1 coordinate is not below the field modulus");
    }
    if (point.x.isZero() && point.y.isZero()) {
      point.setInfinity();
      return point;
    }
    point.z.setOne();
    if (!isOnCurve(point.x, point.y)) {
      throw new InvalidPointException("G1 point is not on the curve");
    }
    return point;
  }

  static boolean isOnCurve(Fp ax, Fp ay) {
    Fp lhs = new Fp();
    lhs.square(ay);
    Fp rhs = new Fp();
    rhs.square(ax);
    rhs.mul(rhs, ax);
    rhs.add(rhs, CURVE_B);
    return lhs.isEqual(rhs);
  }

  /** Writes the affine encoding (64 bytes; infinity as zeros) at {@code offset}. */
  void encode(byte[] out, int offset) {
    if (isInfinity()) {
      java.util.Arrays.fill(out, offset, offset + 64, (byte) 0);
      return;
    }
    Fp zInverse = new Fp();
    zInverse.inverse(z);
    Fp zInverse2 = new Fp();
    zInverse2.square(zInverse);
    Fp ax = new Fp();
    ax.mul(x, zInverse2);
    Fp ay = new Fp();
    ay.mul(y, zInverse2);
    ay.mul(ay, zInverse);
    ax.toBytes(out, offset);
    ay.toBytes(out, offset + 32);
  }

  /** this = 2p ("dbl-2009-l", a = 0: Bernstein and Lange, Explicit-Formulas Database). */
  void dbl(G1 p) {
    if (p.isInfinity()) {
      setInfinity();
      return;
    }
    a.square(p.x); // A = X^2
    b.square(p.y); // B = Y^2
    c.square(b); // C = B^2
    d.add(p.x, b); // D = 2((X + B)^2 - A - C)
    d.square(d);
    d.sub(d, a);
    d.sub(d, c);
    d.dbl(d);
    e.dbl(a); // E = 3A
    e.add(e, a);
    f.square(e); // F = E^2
    z.mul(p.y, p.z); // Z3 = 2YZ (written first: p's X and Y are not needed after this point)
    z.dbl(z);
    x.sub(f, d); // X3 = F - 2D
    x.sub(x, d);
    y.sub(d, x); // Y3 = E(D - X3) - 8C
    y.mul(y, e);
    c.dbl(c);
    c.dbl(c);
    c.dbl(c);
    y.sub(y, c);
  }

  /** this = p + q ("add-2007-bl"), handling infinity and p = +-q. */
  void add(G1 p, G1 q) {
    if (p.isInfinity()) {
      set(q);
      return;
    }
    if (q.isInfinity()) {
      set(p);
      return;
    }
    a.square(p.z); // Z1Z1
    b.square(q.z); // Z2Z2
    c.mul(p.x, b); // U1 = X1 Z2Z2
    d.mul(q.x, a); // U2 = X2 Z1Z1
    e.mul(p.y, q.z); // S1 = Y1 Z2 Z2Z2
    e.mul(e, b);
    f.mul(q.y, p.z); // S2 = Y2 Z1 Z1Z1
    f.mul(f, a);
    d.sub(d, c); // H = U2 - U1
    f.sub(f, e); // S2 - S1
    if (d.isZero()) {
      if (f.isZero()) {
        dbl(p);
      } else {
        setInfinity();
      }
      return;
    }
    f.dbl(f); // r = 2(S2 - S1)
    // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H, computed before Z1 and Z2 can be overwritten.
    g.add(p.z, q.z);
    g.square(g);
    g.sub(g, a);
    g.sub(g, b);
    g.mul(g, d);
    a.dbl(d); // I = (2H)^2
    a.square(a);
    b.mul(d, a); // J = H I
    c.mul(c, a); // V = U1 I
    e.mul(e, b); // S1 J
    z.set(g);
    x.square(f); // X3 = r^2 - J - 2V
    x.sub(x, b);
    x.sub(x, c);
    x.sub(x, c);
    y.sub(c, x); // Y3 = r (V - X3) - 2 S1 J
    y.mul(y, f);
    e.dbl(e);
    y.sub(y, e);
  }

  /**
   * this = [k] p for a 256-bit big-endian scalar at {@code offset}, with the GLV method (Gallant,
   * Lambert, Vanstone, Crypto 2001): G1 has the endomorphism phi(x, y) = (beta x, y), beta a cube
   * root of unity in F_p, which acts as multiplication by lambda, a cube root of unity mod r. The
   * scalar is split as k = k1 + k2 lambda (mod r) with k1, k2 of about 128 bits using a short basis
   * of the lattice {(a, b) : a + b lambda = 0 mod r} (Guide to Elliptic Curve Cryptography,
   * algorithm 3.74), and [k1] p + [k2] phi(p) is computed with one shared chain of 128 doublings
   * and width-5 NAF additions. The scalar is not reduced first: p has order r, so the result is the
   * same.
   */
  void mul(G1 p, byte[] scalar, int offset) {
    BigInteger k = new BigInteger(1, java.util.Arrays.copyOfRange(scalar, offset, offset + 32));
    if (k.signum() == 0 || p.isInfinity()) {
      setInfinity();
      return;
    }
    BigInteger c1 = roundedDivision(GLV_B2.multiply(k), Pairing.ORDER);
    BigInteger c2 = roundedDivision(GLV_B1.negate().multiply(k), Pairing.ORDER);
    BigInteger k1 = k.subtract(c1.multiply(GLV_A1)).subtract(c2.multiply(GLV_A2));
    BigInteger k2 = c1.multiply(GLV_B1).add(c2.multiply(GLV_B2)).negate();
    G1 p1 = new G1();
    p1.set(p);
    if (k1.signum() < 0) {
      p1.y.neg(p1.y);
    }
    G1[] table1 = oddMultiples(p1);
    // phi is a group endomorphism, so the odd multiples of phi(p) are the images of p's: one F_p
    // product each ((X, Y, Z) -> (beta X, Y, Z) in Jacobian coordinates) instead of a doubling and
    // seven additions. Their y is negated when the signs of k1 and k2 differ.
    boolean flip = k1.signum() < 0 != k2.signum() < 0;
    G1[] table2 = new G1[table1.length];
    for (int i = 0; i < table1.length; i++) {
      G1 image = new G1();
      image.x.mul(table1[i].x, BETA);
      if (flip) {
        image.y.neg(table1[i].y);
      } else {
        image.y.set(table1[i].y);
      }
      image.z.set(table1[i].z);
      table2[i] = image;
    }
    int[] digits1 = Wnaf.digits(k1.abs(), WINDOW);
    int[] digits2 = Wnaf.digits(k2.abs(), WINDOW);
    G1 negated = new G1();
    G1 acc = infinity();
    for (int i = Math.max(digits1.length, digits2.length) - 1; i >= 0; i--) {
      acc.dbl(acc);
      if (i < digits1.length) {
        acc.addDigit(digits1[i], table1, negated);
      }
      if (i < digits2.length) {
        acc.addDigit(digits2[i], table2, negated);
      }
    }
    set(acc);
  }

  private void addDigit(int digit, G1[] odd, G1 scratch) {
    if (digit > 0) {
      add(this, odd[digit >> 1]);
    } else if (digit < 0) {
      scratch.set(odd[-digit >> 1]);
      scratch.y.neg(scratch.y);
      add(this, scratch);
    }
  }

  /** p, 3p, 5p, ..., (2^(WINDOW-1) - 1) p. */
  private static G1[] oddMultiples(G1 p) {
    G1[] odd = new G1[1 << (WINDOW - 2)];
    odd[0] = new G1();
    odd[0].set(p);
    G1 twice = new G1();
    twice.dbl(p);
    for (int i = 1; i < odd.length; i++) {
      odd[i] = new G1();
      odd[i].add(odd[i - 1], twice);
    }
    return odd;
  }

  /** round(n / d) for d > 0, rounding halves up, with floor semantics for negative n. */
  private static BigInteger roundedDivision(BigInteger n, BigInteger d) {
    BigInteger[] qr = n.shiftLeft(1).add(d).divideAndRemainder(d.shiftLeft(1));
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  private static final int WINDOW = 5;

  /** beta: the cube root of unity in F_p with phi(P) = [lambda] P on G1. */
  static final Fp BETA =
      Fp.of(new BigInteger("2203960485148121921418603742825762020974279258880205651966"));

  /** lambda: the matching cube root of unity mod r (lambda^2 + lambda + 1 = 0 mod r). */
  static final BigInteger LAMBDA =
      new BigInteger("4407920970296243842393367215006156084916469457145843978461");

  // A short basis (a1, b1), (a2, b2) of the GLV lattice, from the extended Euclidean algorithm on
  // (r, lambda); G1Properties checks a + b lambda = 0 mod r for both.
  static final BigInteger GLV_A1 = new BigInteger("9931322734385697763");
  static final BigInteger GLV_B1 = new BigInteger("-147946756881789319000765030803803410728");
  static final BigInteger GLV_A2 = new BigInteger("147946756881789319010696353538189108491");
  static final BigInteger GLV_B2 = new BigInteger("9931322734385697763");
}
