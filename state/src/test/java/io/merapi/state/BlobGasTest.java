package io.merapi.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.ChainConfig;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
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

  /**
   * EIP-7918 under Prague's parameters (target 6, max 9 blobs): while 8192 gas at the parent's base
   * fee costs more than one blob at the parent's blob fee, the excess grows by a third of the use.
   */
  @ParameterizedTest
  @CsvSource({
    "below target stays zero, 0, 655360, 1000000000, 0",
    "cheap execution: EIP-4844 rule, 0, 786432, 1, 0",
    "reserve equal to blob price: EIP-4844 rule, 0, 1179648, 16, 393216",
    "reserve above blob price: a third of the use, 0, 786432, 100, 262144",
    "reserve above with excess, 786432, 786432, 1000, 1048576",
    "expensive blobs: EIP-4844 rule, 50000000, 1179648, 1000, 50393216"
  })
  void excessBlobGasOsaka(
      String name, long parentExcess, long parentUsed, long parentBaseFee, long excess) {
    assertThat(
            BlobGas.excessBlobGasOsaka(
                parentExcess, parentUsed, UInt256.valueOf(parentBaseFee), BlobSchedule.PRAGUE))
        .as(name)
        .isEqualTo(excess);
  }

  /** A block's blob base fee follows its own fork's update fraction: Prague's from its time on. */
  @Test
  void aBlocksFeeUsesItsForksBlobParameters() throws Exception {
    ChainConfig config =
        ChainConfig.fromJson(
            new ObjectMapper()
                .readTree(
                    "{\"chainId\": 1, \"terminalTotalDifficulty\": 0, \"shanghaiTime\": 0,"
                        + " \"cancunTime\": 0, \"pragueTime\": 100}"));
    long excess = 10_000_000;
    Header cancun = cancunHeader(1, 99, excess);
    Header prague = cancunHeader(2, 100, excess);
    assertThat(BlobGas.baseFee(cancun, config)).isEqualTo(UInt256.valueOf(19));
    assertThat(BlobGas.baseFee(prague, config))
        .isEqualTo(BlobGas.baseFee(excess, BlobSchedule.PRAGUE))
        .isEqualTo(UInt256.valueOf(7)); // fake_exponential(1, 10^7, 5007716)
    assertThat(BlobGas.baseFee(Header.builder().number(1).timestamp(1).build(), config))
        .isEqualTo(UInt256.ZERO);
  }

  private static Header cancunHeader(long number, long time, long excess) {
    return Header.builder()
        .number(number)
        .timestamp(time)
        .baseFeePerGas(Optional.of(UInt256.ONE))
        .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
        .blobGasUsed(OptionalLong.of(0))
        .excessBlobGas(OptionalLong.of(excess))
        .parentBeaconBlockRoot(Optional.of(io.merapi.base.bytes.Hash.ZERO))
        .build();
  }
}
