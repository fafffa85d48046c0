package io.merapi.evm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The limb arithmetic against BigInteger, with operands biased to limb boundaries. */
class WordMathProperties {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MASK = TWO_256.subtract(BigInteger.ONE);

  @Provide
  Arbitrary<BigInteger> word() {
    Arbitrary<BigInteger> small =
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1000));
    Arbitrary<BigInteger> anyWord = Arbitraries.bigIntegers().between(BigInteger.ZERO, MASK);
    Arbitrary<BigInteger> limbs =
        Combinators.combine(
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffffffffL)
                    .injectDuplicates(0.3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs())
            .as(
                (limb, position, noise) ->
                    unsigned(limb)
                        .shiftLeft(64 * position)
                        .add(position > 0 ? unsigned(noise) : BigInteger.ZERO)
                        .and(MASK));
    Arbitrary<BigInteger> powers =
        Arbitraries.integers().between(0, 255).map(BigInteger.ONE::shiftLeft);
    return Arbitraries.oneOf(
        small, anyWord, limbs, powers, powers.map(p -> p.subtract(BigInteger.ONE)));
  }

  private static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  private static long[] stackOf(BigInteger... topFirst) {
    long[] s = new long[Frame.STACK_LONGS];
    for (int i = 0; i < topFirst.length; i++) {
      int o = (topFirst.length - 1 - i) * 4;
      BigInteger v = topFirst[i];
      for (int l = 0; l < 4; l++) {
        s[o + l] = v.shiftRight(64 * l).longValue();
      }
    }
    return s;
  }

  private static BigInteger wordAt(long[] s, int o) {
    BigInteger v = BigInteger.ZERO;
    for (int l = 3; l >= 0; l--) {
      v = v.shiftLeft(64).or(unsigned(s[o + l]));
    }
    return v;
  }

  private static BigInteger signed(BigInteger v) {
    return v.testBit(255) ? v.subtract(TWO_256) : v;
  }

  private static BigInteger word(BigInteger signed) {
    return signed.and(MASK);
  }

  interface Binary {
    void apply(long[] s, int t, long[] scratch);
  }

  private static BigInteger binary(Binary op, BigInteger a, BigInteger b) {
    long[] s = stackOf(a, b);
    op.apply(s, 4, new long[40]);
    return wordAt(s, 0);
  }

  @Property
  void add(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    assertThat(binary((s, t, x) -> WordMath.add(s, t), a, b)).isEqualTo(a.add(b).and(MASK));
  }

  @Property
  void sub(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    assertThat(binary((s, t, x) -> WordMath.sub(s, t), a, b)).isEqualTo(a.subtract(b).and(MASK));
  }

  @Property
  void mul(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    assertThat(binary((s, t, x) -> WordMath.mul(s, t), a, b)).isEqualTo(a.multiply(b).and(MASK));
  }

  @Property
  void div(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    BigInteger expected = b.signum() == 0 ? BigInteger.ZERO : a.divide(b);
    assertThat(binary(WordMath::div, a, b)).isEqualTo(expected);
  }

  @Property
  void mod(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    BigInteger expected = b.signum() == 0 ? BigInteger.ZERO : a.mod(b);
    assertThat(binary(WordMath::mod, a, b)).isEqualTo(expected);
  }

  @Property
  void sdiv(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    BigInteger sa = signed(a);
    BigInteger sb = signed(b);
    BigInteger expected = sb.signum() == 0 ? BigInteger.ZERO : word(sa.divide(sb));
    assertThat(binary(WordMath::sdiv, a, b)).isEqualTo(expected);
  }

  @Property
  void smod(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    BigInteger sa = signed(a);
    BigInteger sb = signed(b);
    BigInteger expected = sb.signum() == 0 ? BigInteger.ZERO : word(sa.remainder(sb));
    assertThat(binary(WordMath::smod, a, b)).isEqualTo(expected);
  }

  @Property
  void addmod(
      @ForAll("word") BigInteger a, @ForAll("word") BigInteger b, @ForAll("word") BigInteger n) {
    long[] s = stackOf(a, b, n);
    WordMath.addmod(s, 8, new long[40]);
    BigInteger expected = n.signum() == 0 ? BigInteger.ZERO : a.add(b).mod(n);
    assertThat(wordAt(s, 0)).isEqualTo(expected);
  }

  @Property
  void mulmod(
      @ForAll("word") BigInteger a, @ForAll("word") BigInteger b, @ForAll("word") BigInteger n) {
    long[] s = stackOf(a, b, n);
    WordMath.mulmod(s, 8, new long[40]);
    BigInteger expected = n.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(n);
    assertThat(wordAt(s, 0)).isEqualTo(expected);
  }

  @Property
  void exp(@ForAll("word") BigInteger a, @ForAll("word") BigInteger e) {
    assertThat(binary(WordMath::exp, a, e)).isEqualTo(a.modPow(e, TWO_256));
  }

  @Property
  void signextend(@ForAll("word") BigInteger b, @ForAll("word") BigInteger x) {
    BigInteger expected = x;
    if (b.compareTo(BigInteger.valueOf(31)) < 0) {
      int bit = b.intValue() * 8 + 7;
      BigInteger low = x.and(BigInteger.ONE.shiftLeft(bit + 1).subtract(BigInteger.ONE));
      expected =
          x.testBit(bit)
              ? low.or(MASK.xor(BigInteger.ONE.shiftLeft(bit + 1).subtract(BigInteger.ONE)))
              : low;
    }
    assertThat(binary((s, t, z) -> WordMath.signextend(s, t), b, x)).isEqualTo(expected);
  }

  @Property
  void comparisons(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    assertThat(binary((s, t, x) -> WordMath.lt(s, t), a, b))
        .isEqualTo(a.compareTo(b) < 0 ? BigInteger.ONE : BigInteger.ZERO);
    assertThat(binary((s, t, x) -> WordMath.gt(s, t), a, b))
        .isEqualTo(a.compareTo(b) > 0 ? BigInteger.ONE : BigInteger.ZERO);
    assertThat(binary((s, t, x) -> WordMath.slt(s, t), a, b))
        .isEqualTo(signed(a).compareTo(signed(b)) < 0 ? BigInteger.ONE : BigInteger.ZERO);
    assertThat(binary((s, t, x) -> WordMath.sgt(s, t), a, b))
        .isEqualTo(signed(a).compareTo(signed(b)) > 0 ? BigInteger.ONE : BigInteger.ZERO);
    assertThat(binary((s, t, x) -> WordMath.eq(s, t), a, b))
        .isEqualTo(a.equals(b) ? BigInteger.ONE : BigInteger.ZERO);
  }

  @Property
  void bitwise(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    assertThat(binary((s, t, x) -> WordMath.and(s, t), a, b)).isEqualTo(a.and(b));
    assertThat(binary((s, t, x) -> WordMath.or(s, t), a, b)).isEqualTo(a.or(b));
    assertThat(binary((s, t, x) -> WordMath.xor(s, t), a, b)).isEqualTo(a.xor(b));
    long[] s = stackOf(a);
    WordMath.not(s, 0);
    assertThat(wordAt(s, 0)).isEqualTo(a.xor(MASK));
  }

  /** EIP-7939: 256 minus the bit length, so 256 for zero. */
  @Property
  void countLeadingZeros(@ForAll("word") BigInteger a) {
    long[] s = stackOf(a);
    WordMath.clz(s, 0);
    assertThat(wordAt(s, 0)).isEqualTo(BigInteger.valueOf(256 - a.bitLength()));
  }

  @Property
  void shifts(@ForAll("word") BigInteger shift, @ForAll("word") BigInteger v) {
    int n = shift.compareTo(BigInteger.valueOf(256)) >= 0 ? 256 : shift.intValue();
    assertThat(binary((s, t, x) -> WordMath.shl(s, t), shift, v))
        .isEqualTo(n >= 256 ? BigInteger.ZERO : v.shiftLeft(n).and(MASK));
    assertThat(binary((s, t, x) -> WordMath.shr(s, t), shift, v))
        .isEqualTo(n >= 256 ? BigInteger.ZERO : v.shiftRight(n));
    BigInteger sar =
        n >= 256
            ? (signed(v).signum() < 0 ? MASK : BigInteger.ZERO)
            : word(signed(v).shiftRight(n));
    assertThat(binary((s, t, x) -> WordMath.sar(s, t), shift, v)).isEqualTo(sar);
  }

  @Property
  void byteOp(@ForAll("word") BigInteger i, @ForAll("word") BigInteger x) {
    BigInteger expected =
        i.compareTo(BigInteger.valueOf(32)) >= 0
            ? BigInteger.ZERO
            : x.shiftRight(8 * (31 - i.intValue())).and(BigInteger.valueOf(0xff));
    assertThat(binary((s, t, z) -> WordMath.byteOp(s, t), i, x)).isEqualTo(expected);
  }

  @Property
  void divideUnsigned128(@ForAll long high, @ForAll long low, @ForAll long divisor) {
    BigInteger d = unsigned(divisor);
    BigInteger h = unsigned(high);
    if (d.signum() == 0 || h.compareTo(d) >= 0) {
      return;
    }
    BigInteger n = h.shiftLeft(64).or(unsigned(low));
    assertThat(unsigned(WordMath.divideUnsigned128(high, low, divisor))).isEqualTo(n.divide(d));
  }
}
