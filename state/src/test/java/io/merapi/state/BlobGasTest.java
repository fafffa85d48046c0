package io.merapi.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.uint.UInt256;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlobGasTest {
  /** Values of EIP-4844's fake_exponential(1, excess, 3338477), as geth's eip4844 tests list. */
  @ParameterizedTest
  @CsvSource({"0, 1", "2314057, 1", "2314058, 2", "10000000, 19"})
  void blobBaseFee(long excess, long fee) {
    assertThat(BlobGas.baseFee(excess)).isEqualTo(UInt256.valueOf(fee));
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 0", "0, 393216, 0", "0, 786432, 393216", "100, 393216, 100"})
  void excessBlobGas(long parentExcess, long parentUsed, long excess) {
    assertThat(BlobGas.excessBlobGas(parentExcess, parentUsed)).isEqualTo(excess);
  }
}
