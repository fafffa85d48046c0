package io.merapi.derive.testing;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.rlp.Rlp;
import io.merapi.derive.batch.BatchData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.Deflater;

/** Builds channel data the plain way, independent of the encoder under test. */
public final class Compress {
  private Compress() {}

  /** The decompressed channel: each batch as an RLP byte string, back to back. */
  public static byte[] rlpBatches(List<BatchData> batches) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (BatchData batch : batches) {
      out.writeBytes(Rlp.encodeBytes(batch.encode().toArray()));
    }
    return out.toByteArray();
  }

  public static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** The channel version byte 0x01 and a brotli stream at {@code quality}. */
  public static byte[] brotli(byte[] data, int quality) {
    Brotli4jLoader.ensureAvailability();
    try {
      byte[] compressed = Encoder.compress(data, new Encoder.Parameters().setQuality(quality));
      byte[] out = new byte[compressed.length + 1];
      out[0] = 0x01;
      System.arraycopy(compressed, 0, out, 1, compressed.length);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Bytes zlibChannel(List<BatchData> batches) {
    return Bytes.wrap(zlib(rlpBatches(batches)));
  }
}
