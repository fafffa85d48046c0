package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.frame.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Garbage from the batcher key between real frames (op-e2e's garbage channel tests): each round a
 * whole garbage channel (gzip instead of zlib, or zlib of bytes that are not RLP) comes before the
 * real channel, and a broken copy of the real channel's second frame (no version byte, random
 * bytes, truncated, with bytes appended) between its first and second frames. The verifier drops
 * all of it and derives the sequencer's chain, before Holocene (channel bank) and with Holocene's
 * strict frame and channel order (channel assembler).
 */
class GarbageFramesTest {

  @ParameterizedTest(name = "holocene={0}")
  @ValueSource(booleans = {false, true})
  void garbageIsDroppedAndTheRealChannelsDerived(boolean holocene) {
    Map<String, Object> forks = new HashMap<>();
    if (!holocene) {
      forks.put("l2GenesisHoloceneTimeOffset", null);
    }
    Actors a =
        Actors.start(
            forks,
            Batcher.Config.of(
                    Batcher.BatchType.SPAN, CompressionAlgo.ZLIB, Batcher.DataAvailability.CALLDATA)
                .withFrames(300, 100));
    List<Batcher.GarbageKind> frameKinds =
        List.of(
            Batcher.GarbageKind.STRIP_VERSION,
            Batcher.GarbageKind.RANDOM,
            Batcher.GarbageKind.TRUNCATE_END,
            Batcher.GarbageKind.DIRTY_APPEND);
    List<Batcher.GarbageKind> channelKinds =
        List.of(Batcher.GarbageKind.INVALID_COMPRESSION, Batcher.GarbageKind.MALFORM_RLP);

    for (int round = 0; round < frameKinds.size(); round++) {
      a.miner.mine();
      a.sequenceToL1Head();
      a.batcher.bufferAll();
      List<Frame> frames = a.batcher.closeChannel();
      assertThat(frames.size()).as("frames of the real channel").isGreaterThan(1);
      long safeBefore = a.verifier.safeHead().number();

      a.batcher.sendGarbage(channelKinds.get(round % channelKinds.size()), frames.get(0));
      a.batcher.send(frames.subList(0, 1));
      a.batcher.sendGarbage(frameKinds.get(round), frames.get(1));
      a.batcher.send(frames.subList(1, frames.size()));
      a.miner.mine();
      a.deriveBoth();

      assertThat(a.verifier.safeHead().number()).isGreaterThan(safeBefore);
      a.assertAllSafe();
    }
    assertThat(a.batcher.stats.garbage).isEqualTo(2 * frameKinds.size());
    assertThat(a.verifier.stats.invalidPayloads).isZero();
    System.out.println(a.summary("garbage holocene=" + holocene));
  }
}
