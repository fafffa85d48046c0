package io.merapi.contracts.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arithmetic's fixed-point ln, exp and pow against a reference computed with Java's BigDecimal at
 * 80 digits (exp by its Taylor series after halving the argument, ln by Newton's method on exp:
 * independent of the contract's atanh series and power-of-two reduction), and cdexp against exact
 * integer powers.
 */
class ArithmeticTest {
  private static final MathContext MC = new MathContext(80);
  private static final BigInteger WAD = BigInteger.TEN.pow(18);
  private static final BigDecimal WAD_D = new BigDecimal(WAD);
  private static final BigInteger INT256_MAX =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

  private static final TestChain chain = TestChain.l1();
  private static Address harness;

  @BeforeAll
  static void deploy() {
    harness =
        chain.deploy(
            TestChain.address("deployer"), TestSolidity.contract("ArithmeticHarness").deployment());
  }

  // ---- the reference --------------------------------------------------------------------------

  /** e^x to 80 digits: e^(x / 2^k) by Taylor, squared k times. */
  static BigDecimal exp(BigDecimal x) {
    int k = Math.max(0, x.abs().toBigInteger().bitLength() + 4);
    BigDecimal y = x.divide(BigDecimal.TWO.pow(k), MC);
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    for (int i = 1; i < 200; i++) {
      term = term.multiply(y, MC).divide(BigDecimal.valueOf(i), MC);
      sum = sum.add(term, MC);
      if (term.abs().compareTo(new BigDecimal("1e-85")) < 0) {
        break;
      }
    }
    for (int i = 0; i < k; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }

  /** ln(x) to 80 digits by Newton's method: y += 2 (x - e^y) / (x + e^y). */
  static BigDecimal ln(BigDecimal x) {
    BigDecimal y = BigDecimal.valueOf(Math.log(x.doubleValue()));
    if (x.doubleValue() == 0 || Double.isInfinite(x.doubleValue())) {
      y =
          BigDecimal.valueOf(
              x.unscaledValue().bitLength() * Math.log(2) - x.scale() * Math.log(10));
    }
    for (int i = 0; i < 100; i++) {
      BigDecimal e = exp(y);
      BigDecimal step = BigDecimal.TWO.multiply(x.subtract(e, MC), MC).divide(x.add(e, MC), MC);
      y = y.add(step, MC);
      if (step.abs().compareTo(new BigDecimal("1e-75")) < 0) {
        break;
      }
    }
    return y;
  }

  /** The exact wad of ln(x / 1e18), truncated toward zero as Solidity's division. */
  static BigInteger lnWadExact(BigInteger x) {
    return ln(new BigDecimal(x).divide(WAD_D, MC))
        .multiply(WAD_D, MC)
        .setScale(0, RoundingMode.DOWN)
        .toBigIntegerExact();
  }

  static BigDecimal expWadExact(BigInteger x) {
    return exp(new BigDecimal(x).divide(WAD_D, MC)).multiply(WAD_D, MC);
  }

  // ---- calls ----------------------------------------------------------------------------------

  private static ContractCall<BigInteger> intCall(String signature, Object... args) {
    return TestSolidity.call(signature, "(int256)", out -> (BigInteger) out.get(0), args);
  }

  static BigInteger lnWad(BigInteger x) {
    return chain.call(harness, intCall("lnWad(int256)", x));
  }

  static BigInteger expWad(BigInteger x) {
    return chain.call(harness, intCall("expWad(int256)", x));
  }

  static BigInteger powWad(BigInteger x, BigInteger y) {
    return chain.call(harness, intCall("powWad(int256,int256)", x, y));
  }

  static BigInteger cdexp(BigInteger c, BigInteger d, BigInteger n) {
    return chain.call(harness, intCall("cdexp(int256,int256,int256)", c, d, n));
  }

  static BigInteger clamp(long v, long min, long max) {
    return chain.call(
        harness,
        intCall(
            "clamp(int256,int256,int256)",
            BigInteger.valueOf(v),
            BigInteger.valueOf(min),
            BigInteger.valueOf(max)));
  }

  private static String revertReason(String signature, Object... args) {
    ContractCall<BigInteger> call = intCall(signature, args);
    Outcome o = chain.simulate(Address.ZERO, harness, UInt256.ZERO, call.data());
    assertThat(o.isSuccess()).as("%s should revert", signature).isFalse();
    return AbiError.reason(o.revertData()).orElse("<no reason>");
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void clampLimitsToTheRange() {
    assertThat(clamp(5, 1, 10)).isEqualTo(5);
    assertThat(clamp(-5, 1, 10)).isEqualTo(1);
    assertThat(clamp(50, 1, 10)).isEqualTo(10);
    assertThat(clamp(1, 1, 10)).isEqualTo(1);
    assertThat(clamp(10, 1, 10)).isEqualTo(10);
  }

  @Test
  void lnWadIsWithinOneWeiOfTheTruncatedLogarithm() {
    Random random = new Random(11);
    java.util.List<BigInteger> xs = new java.util.ArrayList<>();
    for (String s :
        new String[] {
          "1",
          "2",
          "3",
          "999999999999999999",
          "1000000000000000000",
          "1000000000000000001",
          "2000000000000000000",
          "500000000000000000",
          "875000000000000000",
          "2718281828459045235",
          "1414213562373095048",
          "1414213562373095049"
        }) {
      xs.add(new BigInteger(s));
    }
    xs.add(INT256_MAX);
    for (int bits = 1; bits <= 255; bits += 7) {
      xs.add(new BigInteger(bits, random).setBit(bits - 1));
    }
    for (BigInteger x : xs) {
      BigInteger exact = lnWadExact(x);
      assertThat(lnWad(x).subtract(exact).abs())
          .as("lnWad(%s), exact %s", x, exact)
          .isLessThanOrEqualTo(BigInteger.ONE);
    }
    assertThat(lnWad(WAD)).isZero();
  }

  @Test
  void lnWadOfZeroOrLessIsUndefined() {
    assertThat(revertReason("lnWad(int256)", BigInteger.ZERO)).isEqualTo("UNDEFINED");
    assertThat(revertReason("lnWad(int256)", BigInteger.valueOf(-1))).isEqualTo("UNDEFINED");
  }

  @Test
  void expWadIsWithinOneWeiOrOnePartIn1e17() {
    Random random = new Random(12);
    java.util.List<BigInteger> xs = new java.util.ArrayList<>();
    for (String s :
        new String[] {
          "0",
          "1",
          "-1",
          "1000000000000000000",
          "-1000000000000000000",
          "693147180559945309",
          "-133531392624522623",
          "-41446531673892822312",
          "-40000000000000000000",
          "100000000000000000000",
          "135305999368893231589",
          "135000000000000000000"
        }) {
      xs.add(new BigInteger(s));
    }
    for (int i = 0; i < 40; i++) {
      // uniform over [-42e18, 135e18]
      xs.add(
          new BigInteger(68, random)
              .mod(new BigInteger("177000000000000000000"))
              .subtract(new BigInteger("42000000000000000000")));
    }
    for (BigInteger x : xs) {
      BigDecimal exact = expWadExact(x);
      BigDecimal got = new BigDecimal(expWad(x));
      BigDecimal tolerance = exact.multiply(new BigDecimal("1e-17")).max(BigDecimal.ONE);
      assertThat(got.subtract(exact).abs())
          .as("expWad(%s): got %s, exact %s", x, got, exact)
          .isLessThanOrEqualTo(tolerance);
    }
    assertThat(expWad(BigInteger.ZERO)).isEqualTo(WAD);
  }

  @Test
  void expWadBelowOneWeiIsZeroAndAboveInt256Reverts() {
    assertThat(expWad(new BigInteger("-41446531673892822313"))).isZero();
    assertThat(expWad(new BigInteger("-1000000000000000000000000"))).isZero();
    assertThat(revertReason("expWad(int256)", new BigInteger("135305999368893231590")))
        .isEqualTo("Arithmetic: exp overflow");
    // The largest argument gives a result just under 2^255.
    BigInteger max = expWad(new BigInteger("135305999368893231589"));
    assertThat(max.bitLength()).isEqualTo(255);
  }

  @Test
  void powWadMatchesExactPowers() {
    Random random = new Random(13);
    for (int i = 0; i < 30; i++) {
      BigInteger x = new BigInteger(62, random).add(BigInteger.ONE); // (0, 4.6e18]
      BigInteger y = new BigInteger(66, random).mod(new BigInteger("20000000000000000000"));
      BigDecimal xd = new BigDecimal(x).divide(WAD_D, MC);
      BigDecimal yd = new BigDecimal(y).divide(WAD_D, MC);
      BigDecimal exact = exp(ln(xd).multiply(yd, MC)).multiply(WAD_D, MC);
      if (exact.compareTo(new BigDecimal(INT256_MAX)) > 0) {
        continue;
      }
      BigDecimal got = new BigDecimal(powWad(x, y));
      BigDecimal tolerance = exact.multiply(new BigDecimal("1e-16")).max(BigDecimal.TWO);
      assertThat(got.subtract(exact).abs())
          .as("powWad(%s, %s): got %s, exact %s", x, y, got, exact)
          .isLessThanOrEqualTo(tolerance);
    }
    // 2^10 = 1024, to within one part in 1e17.
    assertThat(
            powWad(WAD.multiply(BigInteger.TWO), WAD.multiply(BigInteger.TEN))
                .subtract(WAD.shiftLeft(10))
                .abs())
        .isLessThanOrEqualTo(BigInteger.valueOf(1024 * 10));
  }

  @Test
  void cdexpDecaysLikeTheExactIntegerPower() {
    BigInteger[] coefficients = {
      BigInteger.valueOf(1_000_000_000L),
      new BigInteger("123456789012345678901"),
      BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)
    };
    int[] denominators = {2, 3, 8, 50, 250};
    int[] exponents = {0, 1, 2, 7, 100, 1000};
    for (BigInteger c : coefficients) {
      for (int d : denominators) {
        // The base as the contract forms it: 1e18 - 1e18/d (truncated).
        BigInteger base = WAD.subtract(WAD.divide(BigInteger.valueOf(d)));
        for (int n : exponents) {
          BigDecimal exact =
              new BigDecimal(c).multiply(new BigDecimal(base).divide(WAD_D, MC).pow(n, MC), MC);
          BigDecimal got = new BigDecimal(cdexp(c, BigInteger.valueOf(d), BigInteger.valueOf(n)));
          // The power is a wad, so its last wei weighs c / 1e18 in the result (as in the OP
          // Stack's formula); beyond that, one part in 1e15.
          BigDecimal tolerance =
              exact
                  .multiply(new BigDecimal("1e-15"))
                  .add(new BigDecimal(c).divide(WAD_D, MC))
                  .add(BigDecimal.ONE);
          assertThat(got.subtract(exact).abs())
              .as("cdexp(%s, %s, %s): got %s, exact %s", c, d, n, got, exact)
              .isLessThanOrEqualTo(tolerance);
        }
      }
    }
  }
}
