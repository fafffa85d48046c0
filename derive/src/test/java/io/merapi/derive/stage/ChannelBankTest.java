package io.merapi.derive.stage;

import static io.merapi.derive.testing.TestFrames.channel;
import static io.merapi.derive.testing.TestFrames.frame;
import static io.merapi.derive.testing.TestFrames.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * op-node's channel bank tests (channel_bank_test.go): frames out of order, interleaved channels
 * before and after Canyon, duplicates; plus timeouts (Granite) and pruning by size.
 */
class ChannelBankTest {
  final Fakes.Frames input = new Fakes.Frames();
  final Fakes.Origin origin = new Fakes.Origin();

  ChannelBank bank(TestRollupConfig config) {
    return new ChannelBank(new ProtocolParameters(config.build()), input, origin);
  }

  /** Steps the bank until Eof and returns what it handed out, "." for each NotEnoughData. */
  static List<String> drain(ChannelBank bank) {
    List<String> out = new ArrayList<>();
    while (true) {
      switch (bank.nextRawChannel()) {
        case StageResult.Ready<Bytes>(var data) ->
            out.add(new String(data.toArray(), StandardCharsets.UTF_8));
        case StageResult.NotEnoughData<Bytes> n -> out.add(".");
        case StageResult.Eof<Bytes> e -> {
          return out;
        }
      }
    }
  }

  @Test
  void simple() {
    input.add(frames("a:0:first", "a:2:third!", "a:1:second"));
    ChannelBank bank = bank(TestRollupConfig.builder().channelTimeout(10));
    assertThat(drain(bank)).containsExactly(".", ".", ".", "firstsecondthird");
  }

  /** Before Canyon the first opened channel is read first, even if another completes earlier. */
  @Test
  void interleavedPreCanyon() {
    input.add(
        frames("a:0:first", "b:2:trois!", "b:1:deux", "a:2:third!", "b:0:premiere", "a:1:second"));
    ChannelBank bank = bank(TestRollupConfig.builder().channelTimeout(10));
    assertThat(drain(bank))
        .containsExactly(".", ".", ".", ".", ".", ".", "firstsecondthird", "premieredeuxtrois");
  }

  /** From Canyon the first ready channel in queue order is read. */
  @Test
  void interleavedFromCanyon() {
    input.add(
        frames("a:0:first", "b:2:trois!", "b:1:deux", "a:2:third!", "b:0:premiere", "a:1:second"));
    ChannelBank bank = bank(TestRollupConfig.builder().channelTimeout(10).fork(OpFork.CANYON, 0));
    assertThat(drain(bank))
        .containsExactly(".", ".", ".", ".", ".", "premieredeuxtrois", ".", "firstsecondthird");
  }

  /** Duplicate frames and duplicate closes are dropped: the first ones count. */
  @Test
  void duplicates() {
    input.add(frames("a:0:first", "a:2:third!", "a:0:altfirst", "a:2:altthird!", "a:1:second"));
    ChannelBank bank = bank(TestRollupConfig.builder().channelTimeout(10));
    assertThat(drain(bank)).containsExactly(".", ".", ".", ".", ".", "firstsecondthird");
  }

  /**
   * "current_l1_block.number > channel.open_l1_block.number + CHANNEL_TIMEOUT": new frames of a
   * timed-out channel are dropped and the channel is removed when read.
   */
  @Test
  void timedOutChannelDropsFramesAndIsRemoved() {
    ChannelBank bank = bank(TestRollupConfig.builder().channelTimeout(10));
    origin.number(100);
    input.add(frames("a:0:first"));
    assertThat(drain(bank)).containsExactly(".");
    origin.number(110);
    assertThat(bank.ingestFrame(frame("a:1:second"))).isEqualTo(ChannelBank.FrameOutcome.ADDED);
    origin.number(111);
    assertThat(bank.ingestFrame(frame("a:2:third!")))
        .isEqualTo(ChannelBank.FrameOutcome.CHANNEL_TIMED_OUT);
    assertThat(bank.channelQueue()).containsExactly(channel("a"));
    // Reading removes the timed-out head channel.
    assertThat(drain(bank)).containsExactly(".");
    assertThat(bank.channelQueue()).isEmpty();
  }

  /** Granite shortens the timeout to 50 L1 blocks, by the inclusion block's time. */
  @Test
  void graniteChannelTimeout() {
    ChannelBank bank =
        bank(TestRollupConfig.builder().channelTimeout(300).fork(OpFork.GRANITE, 1_000));
    origin.set(
        new io.merapi.derive.L1BlockRef(
            io.merapi.derive.testing.Blocks.hash("x"),
            100,
            io.merapi.derive.testing.Blocks.hash("y"),
            999));
    bank.ingestFrame(frame("a:0:first"));
    origin.set(
        new io.merapi.derive.L1BlockRef(
            io.merapi.derive.testing.Blocks.hash("z"),
            151,
            io.merapi.derive.testing.Blocks.hash("x"),
            999));
    assertThat(bank.ingestFrame(frame("a:1:second"))).isEqualTo(ChannelBank.FrameOutcome.ADDED);
    origin.set(
        new io.merapi.derive.L1BlockRef(
            io.merapi.derive.testing.Blocks.hash("w"),
            151,
            io.merapi.derive.testing.Blocks.hash("x"),
            1_000));
    assertThat(bank.ingestFrame(frame("a:2:third!")))
        .isEqualTo(ChannelBank.FrameOutcome.CHANNEL_TIMED_OUT);
  }

  /** A frame the channel refuses is reported as such. */
  @Test
  void refusedFrame() {
    ChannelBank bank = bank(TestRollupConfig.builder());
    bank.ingestFrame(frame("a:1:x!"));
    assertThat(bank.ingestFrame(frame("a:3:y"))).isEqualTo(ChannelBank.FrameOutcome.REJECTED);
  }

  /** Past MAX_CHANNEL_BANK_SIZE the oldest channels are pruned first. */
  @Test
  void pruningDropsTheOldestChannels() {
    ChannelBank bank = bank(TestRollupConfig.builder());
    byte[] big =
        new byte[(int) (io.merapi.derive.channel.ChannelLimits.MAX_CHANNEL_BANK_SIZE_BEDROCK / 3)];
    for (String id : List.of("a", "b", "c")) {
      bank.ingestFrame(new io.merapi.derive.frame.Frame(channel(id), 0, Bytes.wrap(big), false));
    }
    assertThat(bank.channelQueue()).containsExactly(channel("b"), channel("c"));
    bank.signal(
        new Signal.Reset(
            origin.origin(), TestRollupConfig.builder().build().genesis().systemConfig()));
    assertThat(bank.channelQueue()).isEmpty();
  }
}
