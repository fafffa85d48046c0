package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.types.config.Fork;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any input and any gas: every precompile answers with a result (never an exception), charges no
 * more than it was given, and answers the same way twice.
 */
class PrecompileRobustnessProperties {
  private static final PrecompileSet SET =
      PrecompileSet.of(
          PrecompileConfig.l1(Fork.PRAGUE)
              .withP256Verify(true)
              .withBn254PairingMaxInputLength(
                  PrecompileConfig.GRANITE_BN254_PAIRING_MAX_INPUT_LENGTH));

  @Provide
  Arbitrary<Address> addresses() {
    return Arbitraries.of(SET.addresses());
  }

  /** Lengths around the ones the precompiles care about, and bytes biased to zero and 0xff. */
  @Provide
  Arbitrary<byte[]> inputs() {
    Arbitrary<Integer> length =
        Arbitraries.oneOf(
            Arbitraries.of(0, 1, 31, 32, 64, 96, 127, 128, 160, 192, 212, 213, 214, 384),
            Arbitraries.integers().between(0, 700));
    Arbitrary<Byte> bytes =
        Arbitraries.oneOf(
            Arbitraries.of((byte) 0, (byte) 0xff, (byte) 1, (byte) 0x30), Arbitraries.bytes());
    return length.flatMap(n -> bytes.array(byte[].class).ofSize(n));
  }

  /**
   * Gas up to two million: enough to reach every code path, while a BLAKE2F call paid with
   * unlimited gas could legitimately run its 2^32 - 1 rounds for minutes.
   */
  @Provide
  Arbitrary<Long> gasLimits() {
    return Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, 3000L, 50_000L, 2_000_000L),
        Arbitraries.longs().between(0, 2_000_000));
  }

  @Property(tries = 3000)
  void alwaysAnswers(
      @ForAll("addresses") Address address,
      @ForAll("inputs") byte[] input,
      @ForAll("gasLimits") long gasLimit) {
    Precompile precompile = SET.get(address).orElseThrow();
    byte[] copy = input.clone();
    PrecompileResult first = precompile.execute(input, gasLimit);
    assertThat(input).as("input left untouched").isEqualTo(copy);
    switch (first) {
      case PrecompileResult.Success success -> {
        assertThat(success.gasUsed()).isBetween(0L, gasLimit);
        PrecompileResult second = precompile.execute(input, gasLimit);
        assertThat(second).isInstanceOf(PrecompileResult.Success.class);
        assertThat(((PrecompileResult.Success) second).output()).isEqualTo(success.output());
      }
      case PrecompileResult.Failure failure -> {
        assertThat(failure.reason()).isNotBlank();
        assertThat(precompile.execute(input, gasLimit)).isEqualTo(failure);
      }
    }
  }
}
