package io.merapi.derive.testing;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.stage.BlobDecoder;
import io.merapi.derive.stage.ChannelDecoder;
import io.merapi.derive.stage.FrameQueue;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Minimal codecs for pipeline tests (frames; zlib channels of singular batches; blobs that are just
 * their data), standing in for the batch codecs of the derivation module's format package.
 */
public final class StandInCodecs {
  private StandInCodecs() {}

  /** Parses {@code 0x00 ++ frame ...}; any malformed frame rejects them all. */
  public static final FrameQueue.FrameParser FRAME_PARSER =
      data -> {
        byte[] d = data.array();
        if (d.length == 0 || d[0] != 0) {
          return Optional.empty();
        }
        List<Frame> out = new ArrayList<>();
        int pos = 1;
        while (pos < d.length) {
          if (d.length - pos < Frame.OVERHEAD) {
            return Optional.empty();
          }
          ChannelId id = new ChannelId(Bytes.wrap(java.util.Arrays.copyOfRange(d, pos, pos + 16)));
          int number = ((d[pos + 16] & 0xff) << 8) | (d[pos + 17] & 0xff);
          long length =
              ((long) (d[pos + 18] & 0xff) << 24)
                  | ((d[pos + 19] & 0xff) << 16)
                  | ((d[pos + 20] & 0xff) << 8)
                  | (d[pos + 21] & 0xff);
          int start = pos + 22;
          if (length > Frame.MAX_DATA_LENGTH || d.length - start < length + 1) {
            return Optional.empty();
          }
          int end = start + (int) length;
          int last = d[end];
          if (last != 0 && last != 1) {
            return Optional.empty();
          }
          out.add(
              new Frame(
                  id, number, Bytes.wrap(java.util.Arrays.copyOfRange(d, start, end)), last == 1));
          pos = end + 1;
        }
        return Optional.of(out);
      };

  /** A blob "decodes" to its own bytes unless it is empty. */
  public static final BlobDecoder BLOB_DECODER =
      blob -> blob.isEmpty() ? Optional.empty() : Optional.of(blob);

  /** zlib channels of singular batches (type 0); anything else ends the channel. */
  public static final ChannelDecoder CHANNEL_DECODER =
      (channel, maxRlpBytes, brotliAllowed) -> {
        if (channel.isEmpty() || (channel.get(0) & 0x0f) != 8) {
          return Optional.empty();
        }
        byte[] inflated;
        try {
          inflated = inflate(channel.array(), maxRlpBytes);
        } catch (DataFormatException e) {
          return Optional.empty();
        }
        RlpReader reader = RlpReader.of(inflated);
        return Optional.of(
            () -> {
              try {
                if (!reader.hasNext()) {
                  return Optional.empty();
                }
                byte[] encoded = reader.readBytes();
                if (encoded.length == 0 || encoded[0] != 0) {
                  return Optional.empty();
                }
                RlpReader fields = RlpReader.of(encoded, 1, encoded.length).readList();
                SingularBatch batch =
                    new SingularBatch(
                        fields.readHash(),
                        fields.readLong(),
                        fields.readHash(),
                        fields.readLong(),
                        readTxs(fields.readList()));
                return Optional.<Batch>of(batch);
              } catch (RlpException e) {
                return Optional.empty();
              }
            });
      };

  private static List<Bytes> readTxs(RlpReader list) {
    List<Bytes> txs = new ArrayList<>();
    while (list.hasNext()) {
      txs.add(list.readBytesValue());
    }
    return txs;
  }

  private static byte[] inflate(byte[] data, long max) throws DataFormatException {
    Inflater inflater = new Inflater();
    inflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      while (!inflater.finished() && out.size() < max) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, (int) Math.min(n, max - out.size()));
      }
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  /** A singular batch as the channel format holds it: {@code 0x00 ++ rlp([...])}. */
  public static byte[] encodeBatch(SingularBatch batch) {
    RlpWriter w = new RlpWriter();
    w.startList()
        .writeHash(batch.parentHash())
        .writeLong(batch.epochNum())
        .writeHash(batch.epochHash())
        .writeLong(batch.timestamp())
        .startList();
    for (Bytes tx : batch.transactions()) {
      w.writeBytes(tx);
    }
    w.endList().endList();
    byte[] body = w.toByteArray();
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** A zlib channel of {@code batches}, each an RLP string. */
  public static Bytes channel(List<SingularBatch> batches) {
    RlpWriter w = new RlpWriter();
    for (SingularBatch b : batches) {
      w.writeBytes(encodeBatch(b));
    }
    byte[] raw = w.toByteArray();
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return Bytes.wrap(out.toByteArray());
  }

  /** {@code channelData} cut into {@code count} frames of channel {@code id}. */
  public static List<Frame> split(ChannelId id, Bytes channelData, int count) {
    List<Frame> out = new ArrayList<>();
    int size = channelData.length();
    for (int i = 0; i < count; i++) {
      int from = size * i / count;
      int to = size * (i + 1) / count;
      out.add(new Frame(id, i, channelData.slice(from, to), i == count - 1));
    }
    return out;
  }
}
