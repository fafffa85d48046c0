package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Address;
import io.merapi.types.config.Fork;
import java.util.List;

/**
 * Coverage-guided fuzzing of every precompile's input decoding (run with {@code JAZZER_FUZZ=1}; the
 * regular build replays the inputs found so far). A precompile must answer any input with a result,
 * never an exception.
 */
class PrecompileFuzzTest {
  private static final PrecompileSet SET =
      PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN).withP256Verify(true));
  private static final List<Address> ADDRESSES = SET.addresses();

  @FuzzTest(maxDuration = "60s")
  void precompilesNeverThrow(FuzzedDataProvider data) {
    Precompile precompile =
        SET.get(ADDRESSES.get(data.consumeInt(0, ADDRESSES.size() - 1))).orElseThrow();
    long gasLimit = data.consumeLong(0, 100_000_000);
    byte[] input = data.consumeRemainingAsBytes();
    PrecompileResult result = precompile.execute(input, gasLimit);
    if (result instanceof PrecompileResult.Success success) {
      assertThat(success.gasUsed()).isLessThanOrEqualTo(gasLimit);
    }
  }
}
