package io.merapi.derive.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.channel.Channel.RejectReason;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** op-node's {@code channel_test.go} TestFrameValidity, with the reason of every rejection. */
class ChannelTest {
  static final ChannelId ID = ChannelId.fromHex("0xff" + "00".repeat(15));
  static final L1BlockRef BLOCK = new L1BlockRef(Hash.ZERO, 0, Hash.ZERO, 0);

  /** A frame added, and the outcome: accepted (null reason) or rejected for a reason. */
  record Step(Frame frame, RejectReason rejected, long sizeAfter) {}

  record Case(String name, boolean holocene, List<Step> steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Frame frame(int number, boolean isLast, String data) {
    return new Frame(ID, number, Bytes.wrap(data.getBytes(StandardCharsets.US_ASCII)), isLast);
  }

  static Step ok(Frame frame, long size) {
    return new Step(frame, null, size);
  }

  static Step rejected(Frame frame, RejectReason reason, long size) {
    return new Step(frame, reason, size);
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "wrong channel",
            false,
            List.of(
                rejected(
                    new Frame(ChannelId.fromHex("0xee" + "00".repeat(15)), 0, Bytes.EMPTY, false),
                    RejectReason.WRONG_CHANNEL,
                    0))),
        new Case(
            "double close",
            false,
            List.of(
                ok(frame(2, true, "four"), 204),
                rejected(frame(1, true, ""), RejectReason.ALREADY_CLOSED, 204))),
        new Case(
            "duplicate frame",
            false,
            List.of(
                ok(frame(2, false, "four"), 204),
                rejected(frame(2, false, "seven__"), RejectReason.DUPLICATE, 204))),
        new Case(
            "duplicate closing frames",
            false,
            List.of(
                ok(frame(2, true, "four"), 204),
                rejected(frame(2, true, "seven__"), RejectReason.ALREADY_CLOSED, 204))),
        new Case(
            "frame past closing",
            false,
            List.of(
                ok(frame(2, true, "four"), 204),
                rejected(frame(10, false, "seven__"), RejectReason.PAST_END, 204))),
        new Case(
            "prune after close frame",
            false,
            List.of(ok(frame(10, false, "seven__"), 207), ok(frame(2, true, "four"), 204))),
        new Case(
            "multiple valid frames",
            false,
            List.of(ok(frame(10, false, "seven__"), 207), ok(frame(2, false, "four"), 411))),
        new Case(
            "holocene non first",
            true,
            List.of(rejected(frame(2, false, "four"), RejectReason.OUT_OF_ORDER, 0))),
        new Case(
            "holocene out of order",
            true,
            List.of(
                ok(frame(0, false, "four"), 204),
                rejected(frame(2, false, "seven__"), RejectReason.OUT_OF_ORDER, 204))),
        new Case(
            "holocene in order",
            true,
            List.of(
                ok(frame(0, false, "four"), 204),
                ok(frame(1, false, "seven__"), 411),
                ok(frame(2, true, "2_"), 613))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void frameValidity(Case c) {
    Channel channel = new Channel(ID, BLOCK, c.holocene());
    for (Step step : c.steps()) {
      Optional<Channel.Rejection> rejection = channel.addFrame(step.frame(), BLOCK);
      assertThat(rejection.map(Channel.Rejection::reason).orElse(null))
          .as("frame %d", step.frame().frameNumber())
          .isEqualTo(step.rejected());
      assertThat(channel.size()).isEqualTo(step.sizeAfter());
    }
  }

  @Test
  void pruningSubtractsEveryBufferedFrameAsOpNodeDoes() {
    // Frames 1 and 5 buffered, then frame 3 closes: frame 5 is pruned, but op-node subtracts the
    // size of frame 1 as well, so only frame 3 is counted afterwards.
    Channel channel = new Channel(ID, BLOCK, false);
    channel.addFrame(frame(1, false, "a"), BLOCK);
    channel.addFrame(frame(5, false, "bb"), BLOCK);
    assertThat(channel.size()).isEqualTo(201 + 202);
    channel.addFrame(frame(3, true, "ccc"), BLOCK);
    assertThat(channel.size()).isEqualTo(203);
    assertThat(channel.frameCount()).isEqualTo(2);
  }

  @Test
  void aChannelIsReadyWithEveryFrameUpToTheClosingOne() {
    Channel channel = new Channel(ID, BLOCK, false);
    L1BlockRef later = new L1BlockRef(Hash.ZERO, 7, Hash.ZERO, 0);
    channel.addFrame(frame(2, true, "three"), later);
    assertThat(channel.isReady()).isFalse();
    assertThatThrownBy(channel::data).isInstanceOf(IllegalStateException.class);
    channel.addFrame(frame(0, false, "one"), BLOCK);
    assertThat(channel.isReady()).isFalse();
    channel.addFrame(frame(1, false, "two"), BLOCK);
    assertThat(channel.isReady()).isTrue();
    assertThat(new String(channel.data().toArray(), StandardCharsets.US_ASCII))
        .isEqualTo("onetwothree");
    assertThat(channel.highestL1InclusionBlock()).contains(later);
  }

  @Test
  void framesOfAReadyChannelAreTheDataInOrder() {
    List<Frame> frames = new ArrayList<>();
    frames.add(frame(0, false, "x"));
    frames.add(frame(1, true, "y"));
    Channel channel = new Channel(ID, BLOCK, true);
    frames.forEach(f -> assertThat(channel.addFrame(f, BLOCK)).isEmpty());
    assertThat(channel.data()).isEqualTo(Bytes.wrap("xy".getBytes(StandardCharsets.US_ASCII)));
  }
}
