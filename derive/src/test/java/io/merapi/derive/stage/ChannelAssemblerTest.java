package io.merapi.derive.stage;

import static io.merapi.derive.testing.TestFrames.channel;
import static io.merapi.derive.testing.TestFrames.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.channel.Channel;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** op-node's Holocene channel stage table (channel_assembler_test.go). */
class ChannelAssemblerTest {

  /**
   * After each batch of frames: what the assembler returns ("" for Eof) and which channel it then
   * stages ("" for none).
   */
  record Case(
      String name,
      List<List<String>> frames,
      List<String> data,
      List<String> staging,
      OptionalLong maxRlp) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, List<List<String>> frames, List<String> data, List<String> staging) {
    return new Case(name, frames, data, staging, OptionalLong.empty());
  }

  static Stream<Case> cases() {
    long limit = ProtocolParameters.FRAME_OVERHEAD + 10;
    return Stream.of(
        c("simple", List.of(List.of("a:0:first!")), List.of("first"), List.of("")),
        c(
            "simple-two",
            List.of(List.of("a:0:first", "a:1:second!")),
            List.of("firstsecond"),
            List.of("")),
        c(
            "drop-other",
            List.of(
                List.of("a:0:first", "b:1:foo"),
                List.of("a:1:second", "c:1:bar!"),
                List.of("a:2:third!")),
            List.of("", "", "firstsecondthird"),
            List.of("a", "a", "")),
        c("drop-non-first", List.of(List.of("a:1:foo")), List.of(""), List.of("")),
        c(
            "first-discards",
            List.of(List.of("b:0:foo"), List.of("a:0:first!")),
            List.of("", "first"),
            List.of("b", "")),
        c(
            "already-closed",
            List.of(List.of("a:0:foo"), List.of("a:1:bar!", "a:2:baz!")),
            List.of("", "foobar"),
            List.of("a", "")),
        new Case(
            "max-size",
            List.of(List.of("a:0:0123456789!")),
            List.of("0123456789"),
            List.of(""),
            OptionalLong.of(limit)),
        new Case(
            "oversized",
            List.of(List.of("a:0:0123456789x!")),
            List.of(""),
            List.of(""),
            OptionalLong.of(limit)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nextRawChannel(Case c) {
    Fakes.Frames input = new Fakes.Frames();
    ChannelAssembler assembler =
        new ChannelAssembler(
            new ProtocolParameters(TestRollupConfig.builder().build(), c.maxRlp()),
            input,
            new Fakes.Origin());
    List<String> data = new ArrayList<>();
    List<String> staging = new ArrayList<>();
    for (List<String> batch : c.frames()) {
      input.add(frames(batch.toArray(String[]::new)));
      data.add(
          switch (assembler.nextRawChannel()) {
            case StageResult.Ready<Bytes>(var d) -> new String(d.toArray(), StandardCharsets.UTF_8);
            case StageResult.Eof<Bytes> e -> "";
            case StageResult.NotEnoughData<Bytes> n -> "?";
          });
      // Invariant: a ready channel is never held.
      assertThat(assembler.stagingChannel().map(Channel::isReady)).isNotEqualTo(Optional.of(true));
      staging.add(assembler.stagingChannel().map(ch -> name(ch.id().bytes())).orElse(""));
    }
    assertThat(data).isEqualTo(c.data());
    assertThat(staging).isEqualTo(c.staging());
    assertThat(assembler.nextRawChannel()).isInstanceOf(StageResult.Eof.class);
  }

  static String name(Bytes id) {
    return new String(id.toArray(), StandardCharsets.UTF_8).replace("\0", "");
  }

  /** The staging channel times out with Granite's 50 blocks; its next frame is then dropped. */
  @Test
  void timeout() {
    Fakes.Frames input = new Fakes.Frames();
    Fakes.Origin origin = new Fakes.Origin();
    ChannelAssembler assembler =
        new ChannelAssembler(
            new ProtocolParameters(TestRollupConfig.builder().fork(OpFork.GRANITE, 0).build()),
            input,
            origin);
    input.add(frames("a:0:foo"));
    assertThat(assembler.nextRawChannel()).isInstanceOf(StageResult.Eof.class);
    assertThat(assembler.stagingChannel().map(Channel::id)).contains(channel("a"));

    origin.number(ProtocolParameters.CHANNEL_TIMEOUT_GRANITE);
    input.add(frames("a:1:bar"));
    assertThat(assembler.nextRawChannel()).isInstanceOf(StageResult.Eof.class);
    assertThat(assembler.stagingChannel().map(Channel::id)).contains(channel("a"));

    origin.number(ProtocolParameters.CHANNEL_TIMEOUT_GRANITE + 1);
    input.add(frames("a:2:baz!"));
    assertThat(assembler.nextRawChannel()).isInstanceOf(StageResult.Eof.class);
    assertThat(assembler.stagingChannel()).isEmpty();
  }

  /** A flush drops the staging channel (fast channel invalidation). */
  @Test
  void flushDropsTheStagingChannel() {
    Fakes.Frames input = new Fakes.Frames();
    ChannelAssembler assembler =
        new ChannelAssembler(
            new ProtocolParameters(TestRollupConfig.builder().build()), input, new Fakes.Origin());
    input.add(frames("a:0:foo"));
    assembler.nextRawChannel();
    assembler.signal(new Signal.FlushChannel());
    assertThat(assembler.stagingChannel()).isEmpty();
    input.add(frames("a:1:bar!"));
    assertThat(assembler.nextRawChannel()).isInstanceOf(StageResult.Eof.class);
  }
}
