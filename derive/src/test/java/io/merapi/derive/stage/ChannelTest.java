package io.merapi.derive.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.stage.Channel.FrameRejection;
import io.merapi.derive.testing.Blocks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's frame validity table (channel_test.go {@code TestFrameValidity}): which frames a
 * channel takes, why it refuses the others, and its size after each frame (data plus 200 bytes a
 * frame), before and from Holocene.
 */
class ChannelTest {
  static final ChannelId ID = new ChannelId(Bytes.wrap(pad(0xff)));
  static final ChannelId OTHER = new ChannelId(Bytes.wrap(pad(0xee)));
  static final L1BlockRef BLOCK = new L1BlockRef(Blocks.hash("l1"), 1, Blocks.hash("l1p"), 1);

  record Step(Frame frame, Optional<FrameRejection> rejection, long size) {}

  record Case(String name, boolean holocene, List<Step> steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static byte[] pad(int first) {
    byte[] b = new byte[16];
    b[0] = (byte) first;
    return b;
  }

  static Frame f(ChannelId id, int number, String data, boolean last) {
    return new Frame(id, number, Bytes.wrap(data.getBytes(StandardCharsets.UTF_8)), last);
  }

  static Step ok(Frame frame, long size) {
    return new Step(frame, Optional.empty(), size);
  }

  static Step no(Frame frame, FrameRejection why, long size) {
    return new Step(frame, Optional.of(why), size);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "wrong channel",
            false,
            List.of(no(f(OTHER, 0, "", false), FrameRejection.WRONG_CHANNEL, 0))),
        new Case(
            "double close",
            false,
            List.of(
                ok(f(ID, 2, "four", true), 204),
                no(f(ID, 1, "", true), FrameRejection.ALREADY_CLOSED, 204))),
        new Case(
            "duplicate frame",
            false,
            List.of(
                ok(f(ID, 2, "four", false), 204),
                no(f(ID, 2, "seven__", false), FrameRejection.DUPLICATE_FRAME, 204))),
        new Case(
            "duplicate closing frames",
            false,
            List.of(
                ok(f(ID, 2, "four", true), 204),
                no(f(ID, 2, "seven__", true), FrameRejection.ALREADY_CLOSED, 204))),
        new Case(
            "frame past closing",
            false,
            List.of(
                ok(f(ID, 2, "four", true), 204),
                no(f(ID, 10, "seven__", false), FrameRejection.PAST_CLOSING_FRAME, 204))),
        new Case(
            "prune after close frame",
            false,
            List.of(ok(f(ID, 10, "seven__", false), 207), ok(f(ID, 2, "four", true), 204))),
        new Case(
            "multiple valid frames",
            false,
            List.of(ok(f(ID, 10, "seven__", false), 207), ok(f(ID, 2, "four", false), 411))),
        new Case(
            "holocene non first",
            true,
            List.of(no(f(ID, 2, "four", false), FrameRejection.OUT_OF_ORDER, 0))),
        new Case(
            "holocene out of order",
            true,
            List.of(
                ok(f(ID, 0, "four", false), 204),
                no(f(ID, 2, "seven__", false), FrameRejection.OUT_OF_ORDER, 204))),
        new Case(
            "holocene in order",
            true,
            List.of(
                ok(f(ID, 0, "four", false), 204),
                ok(f(ID, 1, "seven__", false), 411),
                ok(f(ID, 2, "2_", true), 613))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void frameValidity(Case c) {
    Channel channel = new Channel(ID, BLOCK, c.holocene());
    List<Step> got = new ArrayList<>();
    for (Step step : c.steps()) {
      Optional<FrameRejection> rejection = channel.addFrame(step.frame(), BLOCK);
      got.add(new Step(step.frame(), rejection, channel.size()));
    }
    assertThat(got).isEqualTo(c.steps());
  }

  /**
   * A closing frame below buffered ones drops them; the size then counts only what was added after
   * (op-node's accounting subtracts every buffered frame, a quirk kept for the bank's pruning).
   */
  @org.junit.jupiter.api.Test
  void closingFramePrunesHigherFramesWithOpNodesSizeAccounting() {
    Channel channel = new Channel(ID, BLOCK, false);
    channel.addFrame(f(ID, 0, "zero", false), BLOCK);
    channel.addFrame(f(ID, 5, "five", false), BLOCK);
    assertThat(channel.size()).isEqualTo(408);
    channel.addFrame(f(ID, 1, "one!", true), BLOCK);
    assertThat(channel.frameCount()).isEqualTo(2);
    assertThat(channel.size()).isEqualTo(204);
    assertThat(channel.isReady()).isTrue();
    assertThat(new String(channel.data().toArray(), StandardCharsets.UTF_8)).isEqualTo("zeroone!");
    assertThat(Arrays.asList(channel.isClosed())).containsExactly(true);
  }
}
