package io.merapi.faultproof.preimage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * One side of a two-way stream of the oracle protocol: a channel it reads and one it writes (op-
 * preimage's {@code ReadWritePair}). The program uses two, one for hints and one for pre-images,
 * because the host may answer them independently. Reads and writes block; a channel may return
 * fewer bytes than asked, as the spec allows a VM to serve a few bytes at a time.
 */
public record PreimageChannel(ReadableByteChannel reader, WritableByteChannel writer)
    implements Closeable {
  public PreimageChannel {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(writer, "writer");
  }

  /** The two ends of a fresh in-memory two-way stream (two OS pipes), for the in-JVM mode. */
  public record Ends(PreimageChannel client, PreimageChannel host) {}

  /** Two connected sides: what one writes, the other reads. */
  public static Ends pipe() throws IOException {
    Pipe toHost = Pipe.open();
    Pipe toClient = Pipe.open();
    return new Ends(
        new PreimageChannel(toClient.source(), toHost.sink()),
        new PreimageChannel(toHost.source(), toClient.sink()));
  }

  /**
   * Fills {@code buffer}. Returns false if the stream ended before its first byte (the other side
   * closed between messages); an end after some bytes is a truncated message.
   */
  public boolean readFully(ByteBuffer buffer, String what) throws IOException {
    int wanted = buffer.remaining();
    while (buffer.hasRemaining()) {
      int read = reader.read(buffer);
      if (read < 0) {
        int got = wanted - buffer.remaining();
        if (got == 0) {
          return false;
        }
        throw new PreimageProtocolException(
            "channel closed after " + got + " of the " + wanted + " bytes of " + what);
      }
    }
    return true;
  }

  /** Fills {@code buffer}; the stream ending first, even before the first byte, is an error. */
  public void readExactly(ByteBuffer buffer, String what) throws IOException {
    if (!readFully(buffer, what)) {
      throw new PreimageProtocolException("channel closed before " + what);
    }
  }

  /** Writes all of {@code buffer}. */
  public void writeFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      writer.write(buffer);
    }
  }

  /** Closes both channels; the other side then reads the end of the stream. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    try {
      reader.close();
    } catch (IOException e) {
      failure = e;
    }
    try {
      writer.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
