package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.derive.L2BlockRef;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.frame.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A channel whose first frame lands on L1 and whose other frames come only after the channel
 * timeout: the verifier derives nothing from it (the safe head does not move when the rest
 * arrives), and once the batcher sends the same blocks again in a new channel, it derives them.
 * Before Granite with a configured timeout of 4 L1 blocks; with Granite and Holocene, whose channel
 * timeout is fixed at 50 L1 blocks.
 */
class ChannelTimeoutTest {

  @ParameterizedTest(name = "granite={0}")
  @ValueSource(booleans = {false, true})
  void framesAfterTheTimeoutDeriveNothingUntilResent(boolean granite) {
    Map<String, Object> config = new HashMap<>();
    long timeout;
    if (granite) {
      timeout = 50; // Granite's channel timeout (specs granite/derivation.md)
    } else {
      config.put("channelTimeout", 4);
      config.put("l2GenesisGraniteTimeOffset", null);
      config.put("l2GenesisHoloceneTimeOffset", null);
      timeout = 4;
    }
    Actors a =
        Actors.start(
            config,
            Batcher.Config.of(
                    Batcher.BatchType.SINGULAR,
                    CompressionAlgo.ZLIB,
                    Batcher.DataAvailability.CALLDATA)
                .withFrames(300, 100));
    a.round();
    a.round();
    a.assertAllSafe();

    a.sequenceToL1Head();
    a.batcher.bufferAll();
    List<Frame> frames = a.batcher.closeChannel();
    assertThat(frames.size()).isGreaterThan(1);
    L2BlockRef safe = a.verifier.safeHead();
    a.batcher.send(frames.subList(0, 1));
    a.miner.mine();
    a.deriveBoth();
    assertThat(a.verifier.safeHead()).as("an incomplete channel").isEqualTo(safe);

    // The rest only after the channel timed out: L1 blocks pass without any L2 building.
    for (long i = 0; i < timeout; i++) {
      a.miner.mine();
    }
    a.batcher.send(frames.subList(1, frames.size()));
    a.miner.mine();
    a.deriveBoth();
    assertThat(a.verifier.safeHead()).as("a timed-out channel").isEqualTo(safe);
    assertThat(a.sequencer.safeHead()).isEqualTo(safe);

    // The batcher sends the blocks again in a new channel.
    a.batcher.startOverFromSafeHead();
    a.batcher.submitAll();
    a.miner.mine();
    a.deriveBoth();
    a.assertAllSafe();
    System.out.println(a.summary("channel timeout granite=" + granite));
  }
}
