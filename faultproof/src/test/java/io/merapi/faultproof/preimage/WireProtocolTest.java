package io.merapi.faultproof.preimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both sides of both channels against byte sequences written out from the spec's grammar: a
 * pre-image request is the 32-byte key, its answer an 8-byte big-endian length and the value; a
 * hint is a 4-byte big-endian length and the text, its answer one zero byte.
 */
class WireProtocolTest {
  private static final PreimageKey KEY = PreimageKey.keccak256Of(new byte[0]);

  /** A side whose reads come from {@code input} at most {@code chunk} bytes at a time. */
  private static PreimageChannel side(byte[] input, int chunk, ByteArrayOutputStream written) {
    ReadableByteChannel whole = Channels.newChannel(new java.io.ByteArrayInputStream(input));
    ReadableByteChannel trickle =
        new ReadableByteChannel() {
          @Override
          public int read(ByteBuffer dst) throws IOException {
            if (dst.remaining() <= chunk) {
              return whole.read(dst);
            }
            ByteBuffer part = dst.slice().limit(chunk);
            int read = whole.read(part);
            if (read > 0) {
              dst.position(dst.position() + read);
            }
            return read;
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    WritableByteChannel out = Channels.newChannel(written);
    return new PreimageChannel(trickle, out);
  }

  @Test
  void clientWritesTheKeyAndReadsALengthPrefixedValueEvenInSmallReads() {
    byte[] answer = Hex.decode("0x0000000000000003aabbcc");
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OracleClient client = new OracleClient(side(answer, 3, written));
    assertThat(client.get(KEY)).isEqualTo(Hex.decode("0xaabbcc"));
    assertThat(Hex.encode(written.toByteArray()))
        .isEqualTo("0x02d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void clientReadsAnEmptyValue() {
    OracleClient client = new OracleClient(side(new byte[8], 8, new ByteArrayOutputStream()));
    assertThat(client.get(KEY)).isEmpty();
  }

  @Test
  void clientFailsClearlyOnATruncatedChannel() {
    OracleClient lengthCut =
        new OracleClient(side(Hex.decode("0x00000000"), 8, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> lengthCut.get(KEY))
        .isInstanceOf(PreimageUnavailableException.class)
        .hasMessageContaining("after 4 of the 8 bytes");
    OracleClient valueCut =
        new OracleClient(
            side(Hex.decode("0x0000000000000004aabb"), 8, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> valueCut.get(KEY))
        .isInstanceOf(PreimageUnavailableException.class)
        .hasMessageContaining("after 2 of the 4 bytes");
    OracleClient closed = new OracleClient(side(new byte[0], 8, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> closed.get(KEY))
        .isInstanceOf(PreimageUnavailableException.class)
        .hasMessageContaining("channel closed before");
  }

  @Test
  void clientRefusesAnOversizedLengthBeforeReadingIt() {
    OracleClient client =
        new OracleClient(side(Hex.decode("0xffffffffffffffff"), 8, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> client.get(KEY))
        .isInstanceOf(PreimageUnavailableException.class)
        .hasMessageContaining("18446744073709551615");
    OracleClient small =
        new OracleClient(
            side(Hex.decode("0x0000000000000011"), 8, new ByteArrayOutputStream()), 16);
    assertThatThrownBy(() -> small.get(KEY)).hasMessageContaining("more than the 16 bytes");
  }

  @Test
  void hintWriterSendsLengthAndTextThenWaitsForTheAck() {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    HintWriter writer = new HintWriter(side(new byte[] {0}, 1, written));
    writer.hint(
        new Hint("l1-block-header", Bytes.wrap(Hash.fromHex("0x" + "ab".repeat(32)).toArray())));
    String text = "l1-block-header 0x" + "ab".repeat(32);
    byte[] expected = new byte[4 + text.length()];
    expected[3] = (byte) text.length(); // 82 < 256
    System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, expected, 4, text.length());
    assertThat(written.toByteArray()).isEqualTo(expected);
    assertThat(text.length()).isEqualTo(82);

    HintWriter noAck = new HintWriter(side(new byte[0], 1, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> noAck.hint(new Hint("l2-output", Bytes.EMPTY)))
        .isInstanceOf(PreimageUnavailableException.class)
        .hasMessageContaining("not acknowledged");
  }

  @Test
  void serverAnswersLengthAndValueAndSeesTheCleanEnd() throws IOException {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    OracleServer server = new OracleServer(side(KEY.toArray(), 5, written));
    List<PreimageKey> asked = new ArrayList<>();
    assertThat(
            server.serveNext(
                key -> {
                  asked.add(key);
                  return Hex.decode("0x0102");
                }))
        .isTrue();
    assertThat(asked).containsExactly(KEY);
    assertThat(Hex.encode(written.toByteArray())).isEqualTo("0x00000000000000020102");
    assertThat(server.serveNext(key -> new byte[0])).isFalse();
  }

  @Test
  void serverRefusesATruncatedKeyAndTypeZero() {
    OracleServer truncated =
        new OracleServer(side(new byte[] {2, 3, 4}, 32, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> truncated.serveNext(key -> new byte[0]))
        .isInstanceOf(PreimageProtocolException.class)
        .hasMessageContaining("after 3 of the 32 bytes");
    OracleServer zero = new OracleServer(side(new byte[32], 32, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> zero.serveNext(key -> new byte[0]))
        .isInstanceOf(PreimageProtocolException.class)
        .hasMessageContaining("type 0");
  }

  @Test
  void hintReaderRoutesAcknowledgesAndSurvivesBadHints() throws IOException {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    writeHint(input, "l2-output 0x01".getBytes(StandardCharsets.US_ASCII));
    writeHint(input, "boom".getBytes(StandardCharsets.US_ASCII));
    writeHint(input, new byte[0]);
    byte[] oversized = new byte[100];
    writeHint(input, oversized);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    HintReader reader = new HintReader(side(input.toByteArray(), 7, written), 64);
    List<String> routed = new ArrayList<>();
    HintReader.Router router =
        hint -> {
          routed.add(hint);
          if (hint.equals("boom")) {
            throw new IllegalArgumentException("no route for boom");
          }
        };
    assertThat(reader.next(router)).isTrue();
    assertThat(reader.next(router)).isTrue();
    assertThat(reader.next(router)).isTrue();
    assertThat(reader.next(router)).isTrue();
    assertThat(reader.next(router)).isFalse();
    assertThat(routed).containsExactly("l2-output 0x01", "boom", "");
    assertThat(written.toByteArray()).isEqualTo(new byte[4]);
  }

  @Test
  void hintReaderStopsOnAHintCutShort() {
    byte[] cut = Hex.decode("0x0000000a6c31");
    HintReader reader = new HintReader(side(cut, 64, new ByteArrayOutputStream()));
    assertThatThrownBy(() -> reader.next(hint -> {}))
        .isInstanceOf(PreimageProtocolException.class)
        .hasMessageContaining("after 2 of the 10 bytes");
  }

  @Test
  void hintTextParsesAndRefusesMalformedForms() {
    Hint hint = Hint.parse("l1-blob 0x0a0B");
    assertThat(hint.type()).isEqualTo("l1-blob");
    assertThat(hint.data()).isEqualTo(Bytes.fromHex("0x0a0b"));
    assertThat(Hint.parse("l2-output 0x").data()).isEqualTo(Bytes.EMPTY);
    for (String bad :
        List.of("", "l1-blob", " 0x00", "l1-blob 00", "l1-blob 0x0", "l1-blob 0xzz")) {
      assertThatThrownBy(() -> Hint.parse(bad)).isInstanceOf(MalformedHintException.class);
    }
  }

  @Test
  void bothChannelsOverInMemoryPipes() throws Exception {
    PreimageChannel.Ends hints = PreimageChannel.pipe();
    PreimageChannel.Ends preimages = PreimageChannel.pipe();
    List<String> routed = new ArrayList<>();
    byte[] big = new byte[300_000];
    big[299_999] = 9;
    Thread host =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    HintReader reader = new HintReader(hints.host());
                    OracleServer server = new OracleServer(preimages.host());
                    reader.next(routed::add);
                    server.serveNext(key -> big);
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                });
    new HintWriter(hints.client()).hint(new Hint("l2-code", Bytes.of((byte) 1)));
    assertThat(new OracleClient(preimages.client()).get(KEY)).isEqualTo(big);
    host.join(10_000);
    assertThat(routed).containsExactly("l2-code 0x01");
  }

  private static void writeHint(ByteArrayOutputStream out, byte[] text) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(text.length).array());
    out.writeBytes(text);
  }
}
