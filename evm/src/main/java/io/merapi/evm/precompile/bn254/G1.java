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
   * this = [k] p for a 256-bit big-endian scalar at {@code offset}: a fixed 4-bit window, 256
   * doublings and at most 64 additions. The scalar is not reduced: p has order r, so the result is
   * the same.
   */
  void mul(G1 p, byte[] scalar, int offset) {
    G1[] table = new G1[16];
    table[0] = infinity();
    table[1] = new G1();
    table[1].set(p);
    for (int i = 2; i < 16; i++) {
      table[i] = new G1();
      table[i].add(table[i - 1], p);
    }
    G1 acc = infinity();
    for (int i = 0; i < 32; i++) {
      int octet = scalar[offset + i] & 0xff;
      for (int half = 4; half >= 0; half -= 4) {
        acc.dbl(acc);
        acc.dbl(acc);
        acc.dbl(acc);
        acc.dbl(acc);
        int window = (octet >>> half) & 0xf;
        if (window != 0) {
          acc.add(acc, table[window]);
        }
      }
    }
    set(acc);
  }
}
