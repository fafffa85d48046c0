package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * MODEXP pricing (EIP-198, EIP-2565) and results. The EIP examples and nagydani vectors are
 * hand-picked from go-ethereum's core/vm/testdata/precompiles/modexp{,_eip2565}.json.
 */
class ModExpTest {
  static final List<Vectors.Success> EIP2565 =
      List.of(
          new Vectors.Success(
              "eip_example1",
              "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000020"
                  + "0000000000000000000000000000000000000000000000000000000000000020"
                  + "03fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc"
                  + "2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc"
                  + "2f",
              1360,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "eip_example2",
              "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000020"
                  + "0000000000000000000000000000000000000000000000000000000000000020"
                  + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
                  + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
              1360,
              "0000000000000000000000000000000000000000000000000000000000000000"),
          new Vectors.Success(
              "nagydani-1-square",
              "0000000000000000000000000000000000000000000000000000000000000040"
                  + "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000040"
                  + "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb003"
                  + "3ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5"
                  + "02fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac"
                  + "2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c"
                  + "6b",
              200,
              "60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9"
                  + "b2da8f2d95311648a8f243f4bb13cfb3d8f7f2a3c014122ebb3ed41b02783adc"),
          new Vectors.Success(
              "nagydani-1-pow0x10001",
              "0000000000000000000000000000000000000000000000000000000000000040"
                  + "0000000000000000000000000000000000000000000000000000000000000003"
                  + "0000000000000000000000000000000000000000000000000000000000000040"
                  + "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb003"
                  + "3ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5"
                  + "010001fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd60"
                  + "95ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a"
                  + "248c6b",
              341,
              "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b84091"
                  + "28a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2"));

  static final List<Vectors.Success> EIP198 =
      List.of(
          new Vectors.Success(
              "eip_example1",
              "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000020"
                  + "0000000000000000000000000000000000000000000000000000000000000020"
                  + "03fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc"
                  + "2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc"
                  + "2f",
              13056,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "nagydani-1-pow0x10001",
              "0000000000000000000000000000000000000000000000000000000000000040"
                  + "0000000000000000000000000000000000000000000000000000000000000003"
                  + "0000000000000000000000000000000000000000000000000000000000000040"
                  + "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb003"
                  + "3ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5"
                  + "010001fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd60"
                  + "95ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a"
                  + "248c6b",
              3276,
              "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b84091"
                  + "28a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2"));

  @ParameterizedTest(name = "{0}")
  @FieldSource("EIP2565")
  void berlinPricing(Vectors.Success vector) {
    Vectors.check(ModExp.BERLIN, vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("EIP198")
  void byzantiumPricing(Vectors.Success vector) {
    Vectors.check(ModExp.BYZANTIUM, vector);
  }

  /** The three length words followed by the operands. */
  private static String call(
      BigInteger baseLength, BigInteger expLength, BigInteger modLength, String operands) {
    return word(baseLength) + word(expLength) + word(modLength) + operands;
  }

  private static String word(BigInteger value) {
    String hex = value.toString(16);
    return "0".repeat(64 - hex.length()) + hex;
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }

  static final List<Vectors.Success> EDGES =
      List.of(
          new Vectors.Success("empty input: all lengths zero", "", 200, ""),
          new Vectors.Success(
              "zero base and modulus lengths return nothing, whatever Esize",
              call(big(0), BigInteger.ONE.shiftLeft(255), big(0), ""),
              200,
              ""),
          new Vectors.Success(
              "modulus zero gives zeros of Msize",
              call(big(1), big(1), big(2), "0303" + "0000"),
              200,
              "0000"),
          new Vectors.Success(
              "modulus one gives zero",
              call(big(1), big(1), big(1), "05" + "03" + "01"),
              200,
              "00"),
          new Vectors.Success(
              "exponent zero gives one", call(big(1), big(0), big(1), "05" + "07"), 200, "01"),
          new Vectors.Success(
              "0^0 mod 5 = 1", call(big(1), big(1), big(1), "00" + "00" + "05"), 200, "01"),
          new Vectors.Success(
              "missing operand bytes read as zero: 3^2 mod 0x0a00",
              call(big(1), big(2), big(2), "03" + "0002" + "0a"),
              200,
              "0009"),
          new Vectors.Success(
              "result left-padded to Msize",
              call(big(1), big(1), big(4), "02" + "03" + "000000ff"),
              200,
              "00000008"));

  @ParameterizedTest(name = "{0}")
  @FieldSource("EDGES")
  void edges(Vectors.Success vector) {
    Vectors.check(ModExp.BERLIN, vector);
  }

  @Test
  void adjustedExponentLengthUsesTheFirst32BytesOfTheExponent() {
    // Bsize = Msize = 64: ceil(64 / 8)^2 = 64. Esize = 40 whose first 32 bytes have their highest
    // set bit in byte 4, bit 7, i.e. bit 8 * 27 + 7 of that 256-bit head.
    String exponent = "00000000" + "80" + "00".repeat(35);
    String input = call(big(64), big(40), big(64), "00".repeat(64) + exponent + "00".repeat(64));
    long iterations = 8 * (40 - 32) + (8 * 27 + 7);
    assertThat(gasOf(ModExp.BERLIN.execute(Hex.decode(input), Long.MAX_VALUE)))
        .isEqualTo(64 * iterations / 3);
  }

  @Test
  void enormousLengthsArePricedWithoutAllocating() {
    BigInteger huge = BigInteger.ONE.shiftLeft(255);
    // A base length of 2^255: the price is astronomical, so the call runs out of gas at once.
    for (String input :
        List.of(
            call(huge, big(1), big(1), ""),
            call(big(1), big(1), huge, ""),
            call(big(1), huge, big(1), "02"),
            call(huge, huge, huge, ""))) {
      assertThat(ModExp.BERLIN.execute(Hex.decode(input), Long.MAX_VALUE))
          .isEqualTo(new PrecompileResult.Failure("out of gas"));
      assertThat(ModExp.BYZANTIUM.execute(Hex.decode(input), Long.MAX_VALUE))
          .isEqualTo(new PrecompileResult.Failure("out of gas"));
    }
  }

  @Test
  void payableHugeLengthsAreNeverMaterialised() {
    // Esize = 2^30 and Bsize = 2^10 with no operand bytes supplied: priced and payable, and since
    // the modulus then lies past the input's end it is zero and so is the result.
    String input = call(big(1 << 10), BigInteger.ONE.shiftLeft(30), big(1), "02");
    PrecompileResult result = ModExp.BERLIN.execute(Hex.decode(input), Long.MAX_VALUE);
    long complexity = ((1L << 10) / 8) * ((1L << 10) / 8);
    assertThat(gasOf(result)).isEqualTo(complexity * (8 * ((1L << 30) - 32)) / 3);
    assertThat(((PrecompileResult.Success) result).output()).containsExactly(0);
  }

  @Test
  void outputBeyondWhatJavaCanHoldFailsCleanly() {
    String input = call(big(0), big(0), big(1L << 32), "");
    PrecompileResult result = ModExp.BERLIN.execute(Hex.decode(input), Long.MAX_VALUE);
    assertThat(result).isInstanceOf(PrecompileResult.Failure.class);
  }

  private static long gasOf(PrecompileResult result) {
    return ((PrecompileResult.Success) result).gasUsed();
  }
}
