package io.merapi.evm.precompile.bls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The six-limb Montgomery arithmetic against BigInteger on random and edge values. */
class FpTest {
  private static final BigInteger P = Fp.MODULUS;

  @Test
  void arithmeticMatchesBigInteger() {
    Random random = new Random(381);
    BigInteger[] edges = {
      BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO)
    };
    for (int i = 0; i < 2000; i++) {
      BigInteger a = i < 16 ? edges[i % 4] : new BigInteger(381, random).mod(P);
      BigInteger b = i < 16 ? edges[i / 4] : new BigInteger(381, random).mod(P);
      Fp x = Fp.of(a);
      Fp y = Fp.of(b);
      assertThat(x.add(y).toBigInteger()).isEqualTo(a.add(b).mod(P));
      assertThat(x.sub(y).toBigInteger()).isEqualTo(a.subtract(b).mod(P));
      assertThat(x.mul(y).toBigInteger()).isEqualTo(a.multiply(b).mod(P));
      assertThat(x.square().toBigInteger()).isEqualTo(a.multiply(a).mod(P));
      assertThat(x.neg().toBigInteger()).isEqualTo(a.negate().mod(P));
      if (a.signum() != 0) {
        assertThat(x.inverse().toBigInteger()).isEqualTo(a.modInverse(P));
      }
      Fp root = x.square().sqrt();
      assertThat(root).isNotNull();
      assertThat(root.square()).isEqualTo(x.square());
    }
  }

  @Test
  void decodingRejectsValuesNotBelowTheModulus() {
    byte[] bytes = new byte[48];
    byte[] p = P.toByteArray();
    System.arraycopy(p, p.length - 48, bytes, 0, 48);
    assertThat(Fp.fromBytes(bytes, 0)).isNull();
    bytes[47]--;
    Fp max = Fp.fromBytes(bytes, 0);
    assertThat(max).isNotNull();
    assertThat(max.toBigInteger()).isEqualTo(P.subtract(BigInteger.ONE));
    byte[] out = new byte[48];
    max.toBytes(out, 0);
    assertThat(out).isEqualTo(bytes);
  }
}
