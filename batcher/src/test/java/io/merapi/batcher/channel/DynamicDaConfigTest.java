package io.merapi.batcher.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.uint.UInt256;
import io.merapi.service.txmgr.GasPriceEstimate;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Calldata or blobs by their cost per byte at the current L1 fees. */
class DynamicDaConfigTest {
  private static final ChannelConfig CALLDATA =
      TestChain.config(BatchType.SPAN, CompressorKind.SHADOW, false);
  private static final ChannelConfig BLOBS = CALLDATA.asBlobs(3);
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  private static GasPriceEstimate fees(long baseFeeGwei, long blobBaseFeeWei) {
    return new GasPriceEstimate(
        UInt256.valueOf(GWEI),
        UInt256.valueOf(GWEI.multiply(BigInteger.valueOf(baseFeeGwei))),
        UInt256.valueOf(blobBaseFeeWei));
  }

  @Test
  void cheapBlobsWin() {
    assertThat(DynamicDaConfig.blobsCheaper(fees(10, 1), CALLDATA, BLOBS)).isTrue();
  }

  @Test
  void expensiveBlobsLoseToCalldata() {
    // A blob byte costs ~1 blob gas; calldata ~16 gas at 2 gwei: blobs at 100 gwei lose.
    assertThat(DynamicDaConfig.blobsCheaper(fees(1, 100 * GWEI.longValue()), CALLDATA, BLOBS))
        .isFalse();
  }

  @Test
  void theBreakEvenFollowsTheFormula() {
    // calldata: (120000*16 + 21000) gas per 120000 bytes at base+tip; blobs: 3*131072 blob gas
    // + 21000 gas per 3*130044 bytes. With base+tip = 2 gwei, blobs win up to ~31.6 gwei.
    assertThat(DynamicDaConfig.blobsCheaper(fees(1, 31 * GWEI.longValue()), CALLDATA, BLOBS))
        .isTrue();
    assertThat(DynamicDaConfig.blobsCheaper(fees(1, 32 * GWEI.longValue()), CALLDATA, BLOBS))
        .isFalse();
  }

  @Test
  void unreadableFeesKeepTheLastChoice() {
    AtomicReference<GasPriceEstimate> now = new AtomicReference<>(fees(1, 100 * GWEI.longValue()));
    DynamicDaConfig config =
        new DynamicDaConfig(
            CALLDATA,
            BLOBS,
            () -> {
              GasPriceEstimate f = now.get();
              if (f == null) {
                throw new IllegalStateException("L1 unreachable");
              }
              return f;
            });
    assertThat(config.channelConfig().useBlobs()).isFalse();
    now.set(null);
    assertThat(config.channelConfig().useBlobs()).isFalse();
    now.set(fees(10, 1));
    assertThat(config.channelConfig().useBlobs()).isTrue();
  }
}
