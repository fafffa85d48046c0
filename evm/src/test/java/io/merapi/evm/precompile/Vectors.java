package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;

/** Shared checks for table tests: a case passes at exactly its price and fails one gas short. */
final class Vectors {
  private Vectors() {}

  /** A successful call: input and output in hex (output may be empty), and its price. */
  record Success(String name, String input, long gas, String output) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A failed call: input in hex and a fragment of the reason. */
  record Failure(String name, String input, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static void check(Precompile precompile, Success vector) {
    byte[] input = Hex.decode(vector.input());
    PrecompileResult result = precompile.execute(input, vector.gas());
    assertThat(result).as(vector.name()).isInstanceOf(PrecompileResult.Success.class);
    PrecompileResult.Success success = (PrecompileResult.Success) result;
    assertThat(Hex.encodePlain(success.output())).as(vector.name()).isEqualTo(vector.output());
    assertThat(success.gasUsed()).as(vector.name()).isEqualTo(vector.gas());
    assertThat(precompile.execute(input, vector.gas() - 1))
        .as(vector.name() + " one gas short")
        .isEqualTo(new PrecompileResult.Failure("out of gas"));
  }

  static void check(Precompile precompile, Failure vector) {
    PrecompileResult result = precompile.execute(Hex.decode(vector.input()), Long.MAX_VALUE);
    assertThat(result).as(vector.name()).isInstanceOf(PrecompileResult.Failure.class);
    assertThat(((PrecompileResult.Failure) result).reason()).contains(vector.reason());
  }

  static String zeros(int bytes) {
    return "00".repeat(bytes);
  }
}
