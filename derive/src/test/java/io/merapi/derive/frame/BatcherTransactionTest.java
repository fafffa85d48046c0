package io.merapi.derive.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** op-node's {@code frame_test.go} and the force-close table of {@code channel_out_test.go}. */
class BatcherTransactionTest {
  private static final Random RANDOM = new Random(0x5eed);

  static Frame randomFrame(Random random, int dataLength) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    byte[] data = new byte[dataLength];
    random.nextBytes(data);
    return new Frame(
        new ChannelId(Bytes.wrap(id)),
        random.nextInt(0x10000),
        Bytes.wrap(data),
        random.nextBoolean());
  }

  static Frame randomFrame(Random random) {
    return randomFrame(random, random.nextInt(2000));
  }

  private static byte[] withVersion(byte[] frame) {
    byte[] out = new byte[frame.length + 1];
    System.arraycopy(frame, 0, out, 1, frame.length);
    return out;
  }

  @Test
  void framesRoundTrip() {
    for (int i = 0; i < 16; i++) {
      Frame frame = randomFrame(RANDOM);
      FrameParseResult parsed = BatcherTransaction.parseFrames(BatcherTransaction.encode(frame));
      assertThat(parsed).isEqualTo(new FrameParseResult.Valid(List.of(frame)));
    }
  }

  @Test
  void aFrameOfTheMaximumLengthParses() {
    Frame frame = randomFrame(RANDOM, Frame.MAX_DATA_LENGTH);
    assertThat(BatcherTransaction.parseFrames(BatcherTransaction.encode(frame)))
        .isEqualTo(new FrameParseResult.Valid(List.of(frame)));
  }

  @Test
  void manyFramesParseInOrder() {
    List<Frame> frames = new ArrayList<>();
    int count = RANDOM.nextInt(16) + 1;
    for (int i = 0; i < count; i++) {
      frames.add(randomFrame(RANDOM));
    }
    assertThat(BatcherTransaction.parseFrames(BatcherTransaction.encode(frames)))
        .isEqualTo(new FrameParseResult.Valid(frames));
  }

  /** One truncation of a frame's encoding: which field it cuts, and where. */
  record Truncation(String field, boolean withData, UnaryOperator<byte[]> cut) {
    @Override
    public String toString() {
      return field;
    }
  }

  static List<Truncation> truncations() {
    return List.of(
        new Truncation("channel_id", false, d -> Arrays.copyOf(d, 8)),
        new Truncation("frame_number", false, d -> Arrays.copyOf(d, 16)),
        new Truncation("frame_number", false, d -> Arrays.copyOf(d, 17)),
        new Truncation("frame_data_length", false, d -> Arrays.copyOf(d, 18)),
        new Truncation("frame_data_length", true, d -> Arrays.copyOf(d, 20)),
        new Truncation("frame_data", true, d -> Arrays.copyOf(d, 22)),
        new Truncation("frame_data", true, d -> Arrays.copyOf(d, d.length - 2)),
        new Truncation("is_last", true, d -> Arrays.copyOf(d, d.length - 1)));
  }

  @ParameterizedTest
  @MethodSource("truncations")
  void aTruncatedFrameInvalidatesTheData(Truncation truncation) {
    Frame frame = randomFrame(RANDOM, truncation.withData() ? 1 + RANDOM.nextInt(100) : 0);
    byte[] data = withVersion(truncation.cut().apply(frame.encode().toArray()));
    FrameParseResult result = BatcherTransaction.parseFrames(data);
    assertThat(result).isInstanceOf(FrameParseResult.Invalid.class);
    assertThat(((FrameParseResult.Invalid) result).reason())
        .startsWith("frame 0: data ends inside " + truncation.field());
  }

  @Test
  void anIsLastByteOtherThanZeroOrOneIsInvalid() {
    byte[] data = BatcherTransaction.encode(randomFrame(RANDOM, 16)).toArray();
    data[data.length - 1] = 2;
    FrameParseResult result = BatcherTransaction.parseFrames(data);
    assertThat(result)
        .isEqualTo(
            new FrameParseResult.Invalid(
                "frame 0: is_last byte is 2, must be 0 or 1", data.length - 1));
  }

  @Test
  void aFrameLengthOverTheMaximumIsInvalid() {
    byte[] data = BatcherTransaction.encode(randomFrame(RANDOM, 4)).toArray();
    // frame_data_length at 1 + 16 + 2: 1,000,001
    data[19] = 0x00;
    data[20] = 0x0f;
    data[21] = 0x42;
    data[22] = 0x41;
    FrameParseResult.Invalid invalid =
        (FrameParseResult.Invalid) BatcherTransaction.parseFrames(data);
    assertThat(invalid.reason()).contains("frame_data_length 1000001 is larger than");
    assertThat(invalid.offset()).isEqualTo(19);
  }

  @Test
  void noDataIsInvalid() {
    assertThat(BatcherTransaction.parseFrames(new byte[0]))
        .isEqualTo(new FrameParseResult.Invalid("empty batcher transaction data", 0));
  }

  @Test
  void anUnknownVersionIsInvalid() {
    assertThat(BatcherTransaction.parseFrames(new byte[] {42}).toString())
        .contains("unknown derivation version 42");
    assertThat(BatcherTransaction.parseFrames(new byte[] {1, 2, 3}).toString())
        .contains("alt-DA commitment");
  }

  @Test
  void onlyTheVersionByteIsInvalid() {
    assertThat(BatcherTransaction.parseFrames(new byte[] {0}))
        .isEqualTo(new FrameParseResult.Invalid("no frames after the derivation version byte", 1));
  }

  @Test
  void aBadLastFrameInvalidatesEveryFrameOfTheTransaction() {
    List<Frame> frames = List.of(randomFrame(RANDOM), randomFrame(RANDOM), randomFrame(RANDOM));
    byte[] data = BatcherTransaction.encode(frames).toArray();
    byte[] cut = Arrays.copyOf(data, data.length - 2);
    FrameParseResult result = BatcherTransaction.parseFrames(cut);
    assertThat(result).isInstanceOf(FrameParseResult.Invalid.class);
    assertThat(result.toString()).startsWith("frame 2: data ends inside frame_data");
  }

  @Test
  void frameNumbersAreUint16() {
    assertThatThrownBy(
            () -> new Frame(randomFrame(RANDOM).channelId(), 0x10000, Bytes.EMPTY, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // op-node channel_out_test.go TestForceCloseTxData.

  private static final ChannelId DEADBEEF = ChannelId.fromHex("0xdeadbeefdeadbeefdeadbeefdeadbeef");

  record ForceClose(List<Frame> frames, String output) {}

  private static Frame frame(int number, boolean isLast) {
    return new Frame(DEADBEEF, number, Bytes.EMPTY, isLast);
  }

  static List<ForceClose> forceCloses() {
    return List.of(
        new ForceClose(
            List.of(frame(0, false)), "0x00deadbeefdeadbeefdeadbeefdeadbeef00000000000001"),
        new ForceClose(List.of(frame(0, true)), "0x00"),
        new ForceClose(
            List.of(frame(1, false)), "0x00deadbeefdeadbeefdeadbeefdeadbeef00000000000001"),
        new ForceClose(
            List.of(frame(1, true)), "0x00deadbeefdeadbeefdeadbeefdeadbeef00000000000000"),
        new ForceClose(
            List.of(frame(2, true)),
            "0x00deadbeefdeadbeefdeadbeefdeadbeef00000000000000"
                + "deadbeefdeadbeefdeadbeefdeadbeef00010000000000"),
        new ForceClose(
            List.of(frame(1, false), frame(3, true)),
            "0x00deadbeefdeadbeefdeadbeefdeadbeef00000000000000"
                + "deadbeefdeadbeefdeadbeefdeadbeef00020000000000"),
        new ForceClose(
            List.of(frame(1, false), frame(3, true), frame(5, true)),
            "0x00deadbeefdeadbeefdeadbeefdeadbeef00000000000000"
                + "deadbeefdeadbeefdeadbeefdeadbeef00020000000000"));
  }

  @ParameterizedTest
  @MethodSource("forceCloses")
  void forceCloseTxDataFillsTheGaps(ForceClose c) {
    assertThat(BatcherTransaction.forceCloseTxData(c.frames()).toHex()).isEqualTo(c.output());
  }

  @Test
  void forceCloseNeedsFramesOfOneChannel() {
    assertThatThrownBy(() -> BatcherTransaction.forceCloseTxData(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    Frame other = new Frame(ChannelId.fromHex("0x" + "00".repeat(16)), 0, Bytes.EMPTY, false);
    assertThatThrownBy(() -> BatcherTransaction.forceCloseTxData(List.of(other, frame(1, true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame 1 is of channel");
  }
}
