package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FastLzTest {
  /** op-geth's emptyTx: an unsigned legacy transaction with every field zero but {@code to}. */
  static final byte[] EMPTY_TX =
      Hex.decode("0xdd80808094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080");

  /** OP Mainnet 0x8eb9dd4e...b594, a contract call (op-geth TestFlzCompressLen). */
  static final byte[] CONTRACT_CALL_TX =
      Hex.decode(
          "0x02f901550a758302df1483be21b88304743f94f8"
              + "0e51afb613d764fa61751affd3313c190a86bb870151bd62fd12adb8"
              + "e41ef24f3f0000000000000000000000000000000000000000000000"
              + "00000000000000006e000000000000000000000000af88d065e77c8c"
              + "c2239327c5edb3a432268e5831000000000000000000000000000000"
              + "000000000000000000000000000003c1e50000000000000000000000"
              + "00000000000000000000000000000000000000000000000000000000"
              + "000000000000000000000000000000000000000000000000a0000000"
              + "00000000000000000000000000000000000000000000000000000000"
              + "148c89ed219d02f1a5be012c689b4f5b731827bebe00000000000000"
              + "0000000000c001a033fd89cb37c31b2cba46b6466e040c61fc9b2a36"
              + "75a7f5f493ebd5ad77c497f8a07cdf65680e238392693019b4092f61"
              + "0222e71b7cec06449cb922b93b6a12744e");

  record Case(String name, byte[] input, int expected) {}

  static Case[] cases() {
    byte[] ones = new byte[1000];
    Arrays.fill(ones, (byte) 1);
    return new Case[] {
      new Case("empty", new byte[0], 0),
      new Case("1000 ones", ones, 21),
      new Case("1000 zeros", new byte[1000], 21),
      new Case("empty tx", EMPTY_TX, 31),
      new Case("contract call tx", CONTRACT_CALL_TX, 202),
    };
  }

  /** The vectors of op-geth's TestFlzCompressLen (which follow Solady's flzCompress). */
  @ParameterizedTest
  @MethodSource("cases")
  void compressedLengthMatchesTheReferenceVectors(Case c) {
    assertThat(FastLz.compressedLength(c.input())).as(c.name()).isEqualTo(c.expected());
  }

  @Test
  void shortInputsAreAllLiterals() {
    // Below 13 bytes nothing is searched: one literal run with its header byte.
    for (int n = 1; n < 13; n++) {
      assertThat(FastLz.compressedLength(new byte[n])).isEqualTo(n + 1);
    }
    // 32 literals fill one run; the 33rd opens another.
    Random random = new Random(7);
    byte[] noise = new byte[33];
    random.nextBytes(noise);
    assertThat(FastLz.compressedLength(Arrays.copyOf(noise, 12))).isEqualTo(13);
  }

  @Test
  void randomDataDoesNotCompress() {
    Random random = new Random(42);
    byte[] noise = new byte[4096];
    random.nextBytes(noise);
    // Incompressible: every byte a literal plus one header per 32.
    assertThat(FastLz.compressedLength(noise)).isEqualTo(4096 + 4096 / 32);
  }
}
