package io.merapi.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;

/**
 * Random bytecode and calldata never make the EVM throw: every run ends in an orderly {@link Halt}
 * with gas accounted. The code runs at one address and a second copy sits at another so that calls,
 * creations and self-destructs have somewhere to go. Without {@code JAZZER_FUZZ=1} this replays the
 * seed corpus in {@code src/test/resources/io/merapi/evm/EvmFuzzTestInputs}.
 */
class EvmFuzzTest {
  private static final Fork[] FORKS = {Fork.BERLIN, Fork.LONDON, Fork.SHANGHAI, Fork.CANCUN};

  @FuzzTest(maxDuration = "60s")
  void randomCodeHaltsInOrder(FuzzedDataProvider data) {
    Fork fork = FORKS[data.consumeInt(0, FORKS.length - 1)];
    long gas = data.consumeLong(0, 5_000_000);
    byte[] input = data.consumeBytes(data.consumeInt(0, 96));
    byte[] code = data.consumeRemainingAsBytes();
    FakeHost host = new FakeHost();
    host.put(Address.fromHex("0x00000000000000000000000000000000000000aa"), code, UInt256.ONE);
    CallResult result =
        EvmTestSupport.run(
            fork,
            host,
            io.merapi.base.bytes.Hex.encode(code),
            io.merapi.base.bytes.Hex.encode(input),
            gas,
            Tracer.NONE);
    assertThat(result.gasLeft()).isBetween(0L, gas);
    if (!result.halt().returnsGas()) {
      assertThat(result.gasLeft()).isZero();
    }
  }
}
