package io.merapi.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.evm.CallResult;
import io.merapi.evm.Tracer;
import io.merapi.types.config.Fork;

/**
 * Random bytecode and calldata on the journaled state with the real precompiles: every run ends in
 * an orderly halt, and since each run is reverted the next one sees the same state. Without {@code
 * JAZZER_FUZZ=1} this replays the seed corpus.
 */
class BytecodeFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void randomCodeOnTheRealState(FuzzedDataProvider data) {
    long gas = data.consumeLong(0, 3_000_000);
    byte[] input = data.consumeBytes(data.consumeInt(0, 200));
    byte[] code = data.consumeRemainingAsBytes();
    BytecodeRunner runner = BytecodeRunner.of(Fork.CANCUN, code);
    CallResult first = runner.run(input, gas, Tracer.NONE);
    CallResult second = runner.run(input, gas, Tracer.NONE);
    assertThat(first.gasLeft()).isBetween(0L, gas);
    assertThat(second.halt()).isEqualTo(first.halt());
    assertThat(second.gasLeft()).isEqualTo(first.gasLeft());
    assertThat(second.output()).isEqualTo(first.output());
  }
}
