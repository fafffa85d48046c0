package io.merapi.base.uint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** UInt256 against BigInteger as the oracle. */
class UInt256Properties {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  @Provide
  Arbitrary<BigInteger> u256() {
    Arbitrary<BigInteger> any =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, MOD.subtract(BigInteger.ONE));
    Arbitrary<BigInteger> edges =
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
            BigInteger.TWO.pow(64),
            BigInteger.TWO.pow(128).subtract(BigInteger.ONE),
            BigInteger.TWO.pow(192),
            MOD.subtract(BigInteger.ONE));
    Arbitrary<BigInteger> small =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000_000));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, any),
        net.jqwik.api.Tuple.of(2, edges),
        net.jqwik.api.Tuple.of(2, small));
  }

  @Property(tries = 2000)
  void addSubtractMultiplyWrap(@ForAll("u256") BigInteger a, @ForAll("u256") BigInteger b) {
    UInt256 x = UInt256.valueOf(a);
    UInt256 y = UInt256.valueOf(b);
    assertThat(x.add(y).toBigInteger()).isEqualTo(a.add(b).mod(MOD));
    assertThat(x.subtract(y).toBigInteger()).isEqualTo(a.subtract(b).mod(MOD));
    assertThat(x.multiply(y).toBigInteger()).isEqualTo(a.multiply(b).mod(MOD));
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(a.compareTo(b));
    if (b.signum() != 0) {
      assertThat(x.divide(y).toBigInteger()).isEqualTo(a.divide(b));
      assertThat(x.mod(y).toBigInteger()).isEqualTo(a.mod(b));
    }
  }

  @Property(tries = 1000)
  void exactOperationsThrowOnOverflow(@ForAll("u256") BigInteger a, @ForAll("u256") BigInteger b) {
    UInt256 x = UInt256.valueOf(a);
    UInt256 y = UInt256.valueOf(b);
    if (a.add(b).bitLength() > 256) {
      assertThatThrownBy(() -> x.addExact(y)).isInstanceOf(ArithmeticException.class);
    } else {
      assertThat(x.addExact(y).toBigInteger()).isEqualTo(a.add(b));
    }
    if (a.multiply(b).bitLength() > 256) {
      assertThatThrownBy(() -> x.multiplyExact(y)).isInstanceOf(ArithmeticException.class);
    } else {
      assertThat(x.multiplyExact(y).toBigInteger()).isEqualTo(a.multiply(b));
    }
  }

  @Property(tries = 1000)
  void bytesAndQuantities(@ForAll("u256") BigInteger a) {
    UInt256 x = UInt256.valueOf(a);
    assertThat(UInt256.fromBytes(x.toBytes())).isEqualTo(x);
    assertThat(UInt256.fromBytes(x.toMinimalBytes())).isEqualTo(x);
    assertThat(x.toMinimalBytes().length).isEqualTo((a.bitLength() + 7) / 8);
    assertThat(x.toQuantity()).isEqualTo("0x" + a.toString(16));
    assertThat(UInt256.fromQuantity(x.toQuantity())).isEqualTo(x);
    assertThat(x.bitLength()).isEqualTo(a.bitLength());
  }

  @Test
  void rangeChecks() {
    assertThatThrownBy(() -> UInt256.valueOf(MOD)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> UInt256.valueOf(BigInteger.ONE.negate()))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> UInt256.MAX_VALUE.toLongExact())
        .isInstanceOf(ArithmeticException.class);
    assertThat(UInt256.valueOf(-1L).toDecimalString()).isEqualTo("18446744073709551615");
  }
}
