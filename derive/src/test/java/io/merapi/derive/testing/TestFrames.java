package io.merapi.derive.testing;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * op-node's test frame notation, {@code <channel>:<number>:<data>[!]} ({@code "a:0:first!"} is the
 * last frame 0 of channel "a"), and the batcher data format: {@code 0x00 ++ frame ...} with each
 * frame {@code id(16) ++ number(2) ++ length(4) ++ data ++ is_last(1)}.
 */
public final class TestFrames {
  private TestFrames() {}

  public static ChannelId channel(String name) {
    return new ChannelId(Bytes.wrap(Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 16)));
  }

  public static Frame frame(String notation) {
    String[] parts = notation.split(":", 3);
    boolean last = parts[2].endsWith("!");
    String data = last ? parts[2].substring(0, parts[2].length() - 1) : parts[2];
    return new Frame(
        channel(parts[0]),
        Integer.parseInt(parts[1]),
        Bytes.wrap(data.getBytes(StandardCharsets.UTF_8)),
        last);
  }

  public static List<Frame> frames(String... notations) {
    List<Frame> out = new ArrayList<>();
    for (String n : notations) {
      out.add(frame(n));
    }
    return out;
  }

  /** Batcher transaction data carrying {@code frames}. */
  public static Bytes batcherData(List<Frame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    for (Frame f : frames) {
      out.writeBytes(f.channelId().bytes().toArray());
      out.write(f.frameNumber() >>> 8);
      out.write(f.frameNumber());
      int length = f.data().length();
      out.write(length >>> 24);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
      out.writeBytes(f.data().toArray());
      out.write(f.isLast() ? 1 : 0);
    }
    return Bytes.wrap(out.toByteArray());
  }

  public static Bytes batcherData(Frame... frames) {
    return batcherData(List.of(frames));
  }
}
