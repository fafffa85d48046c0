package io.merapi.derive.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.Rlp;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.channel.BatchReadResult.End;
import io.merapi.derive.channel.BatchReadResult.EndReason;
import io.merapi.derive.testing.Compress;
import io.merapi.derive.testing.RandomBatches;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchReaderTest {
  private static final long CHAIN_ID = 333;

  /** Reads every batch and the end. */
  record Outcome(List<BatchData> batches, End end) {}

  static Outcome readAll(Bytes channel, long limit, boolean fjord) {
    List<BatchData> batches = new ArrayList<>();
    try (BatchReader reader = BatchReader.open(channel, limit, fjord)) {
      while (true) {
        BatchReadResult result = reader.next();
        switch (result) {
          case BatchReadResult.Read read -> {
            assertThat(read.index()).isEqualTo(batches.size());
            batches.add(read.batch());
          }
          case End end -> {
            assertThat(reader.next()).isEqualTo(end);
            return new Outcome(batches, end);
          }
        }
      }
    }
  }

  static List<BatchData> singularBatches(Random random, int count) {
    List<BatchData> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batches.add(new BatchData.Singular(RandomBatches.singularBatch(random, 20, CHAIN_ID)));
    }
    return batches;
  }

  // op-node channel_test.go TestBatchReader: the compression by fork.

  record Algo(String name, boolean fjord, EndReason firstResult) {
    @Override
    public String toString() {
      return name + (fjord ? "-post-fjord" : "-pre-fjord");
    }
  }

  static List<Algo> algos() {
    return List.of(
        new Algo("zlib", true, null),
        new Algo("zlib", false, null),
        new Algo("brotli", true, null),
        new Algo("brotli", false, EndReason.UNREADABLE),
        new Algo("brotli-9", true, null),
        new Algo("brotli-9", false, EndReason.UNREADABLE),
        new Algo("brotli-10", true, null),
        new Algo("brotli-11", true, null),
        new Algo("zstd", true, EndReason.UNREADABLE));
  }

  @ParameterizedTest
  @MethodSource("algos")
  void readsTheCompressionsOfEachFork(Algo algo) {
    BatchData batch = singularBatches(new Random(0x543331), 1).get(0);
    byte[] rlp = Compress.rlpBatches(List.of(batch));
    byte[] channel =
        switch (algo.name()) {
          case "zlib" -> Compress.zlib(rlp);
          case "zstd" -> {
            byte[] data = Compress.zlib(rlp);
            data[0] = 0x02; // not a version byte op-node knows
            yield data;
          }
          default ->
              Compress.brotli(
                  rlp,
                  algo.name().equals("brotli")
                      ? 10
                      : Integer.parseInt(algo.name().substring("brotli-".length())));
        };
    Outcome outcome = readAll(Bytes.wrap(channel), 120_000, algo.fjord());
    if (algo.firstResult() == null) {
      assertThat(outcome.batches()).containsExactly(batch);
      assertThat(outcome.end().reason()).isEqualTo(EndReason.END_OF_STREAM);
    } else {
      assertThat(outcome.batches()).isEmpty();
      assertThat(outcome.end().reason()).isEqualTo(algo.firstResult());
    }
  }

  @Test
  void brotliBeforeFjordSaysWhy() {
    Bytes channel = Bytes.wrap(Compress.brotli(new byte[] {(byte) 0x80}, 10));
    assertThat(readAll(channel, 1000, false).end().detail()).contains("from Fjord on");
  }

  @Test
  void readsManyBatchesToTheEndOfTheStream() {
    List<BatchData> batches = singularBatches(new Random(1), 50);
    Outcome zlib = readAll(Compress.zlibChannel(batches), 10_000_000, false);
    assertThat(zlib.batches()).isEqualTo(batches);
    assertThat(zlib.end()).isEqualTo(new End(EndReason.END_OF_STREAM, ""));
    Bytes brotli = Bytes.wrap(Compress.brotli(Compress.rlpBatches(batches), 11));
    Outcome read = readAll(brotli, 10_000_000, true);
    assertThat(read.batches()).isEqualTo(batches);
    assertThat(read.end().isClean()).isTrue();
  }

  /** All the bytes a plain inflater gets out of {@code compressed} before it stops. */
  private static int inflatablePrefix(byte[] compressed) {
    Inflater inflater = new Inflater();
    inflater.setInput(compressed);
    byte[] out = new byte[1 << 20];
    int total = 0;
    try {
      while (!inflater.finished() && !inflater.needsInput()) {
        total += inflater.inflate(out, 0, out.length);
      }
    } catch (java.util.zip.DataFormatException e) {
      total = (int) inflater.getBytesWritten();
    }
    return total;
  }

  @Test
  void aStreamThatEndsEarlyYieldsEveryBatchItHolds() {
    List<BatchData> batches = singularBatches(new Random(2), 40);
    byte[] rlp = Compress.rlpBatches(batches);
    byte[] compressed = Compress.zlib(rlp);
    for (int cut :
        new int[] {compressed.length / 4, compressed.length / 2, compressed.length - 5}) {
      byte[] truncated = Arrays.copyOf(compressed, cut);
      int available = inflatablePrefix(truncated);
      int expected = 0;
      int end = 0;
      for (BatchData batch : batches) {
        end += Rlp.encodeBytes(batch.encode().toArray()).length;
        if (end > available) {
          break;
        }
        expected++;
      }
      Outcome outcome = readAll(Bytes.wrap(truncated), 10_000_000, false);
      assertThat(outcome.batches()).isEqualTo(batches.subList(0, expected));
      assertThat(outcome.end().reason()).isEqualTo(EndReason.STREAM_ENDS_EARLY);
      assertThat(outcome.end().detail()).contains("the zlib stream ends");
    }
  }

  @Test
  void aTruncatedBrotliStreamYieldsTheBatchesBeforeTheCut() {
    List<BatchData> batches = singularBatches(new Random(3), 40);
    byte[] compressed = Compress.brotli(Compress.rlpBatches(batches), 10);
    byte[] truncated = Arrays.copyOf(compressed, compressed.length * 3 / 4);
    Outcome outcome = readAll(Bytes.wrap(truncated), 10_000_000, true);
    assertThat(outcome.batches()).isNotEmpty().hasSizeLessThan(batches.size());
    assertThat(outcome.batches()).isEqualTo(batches.subList(0, outcome.batches().size()));
    assertThat(outcome.end().reason()).isEqualTo(EndReason.STREAM_ENDS_EARLY);
  }

  @Test
  void aWrongChecksumStillYieldsTheBatchesButNotACleanEnd() {
    List<BatchData> batches = singularBatches(new Random(4), 5);
    byte[] compressed = Compress.zlibChannel(batches).toArray();
    compressed[compressed.length - 1] ^= 1;
    Outcome outcome = readAll(Bytes.wrap(compressed), 10_000_000, false);
    assertThat(outcome.batches()).isEqualTo(batches);
    assertThat(outcome.end().reason()).isEqualTo(EndReason.CORRUPT_STREAM);
    assertThat(outcome.end().detail()).contains("Adler-32");
  }

  @Test
  void corruptDeflateDataStopsWhereTheDataBreaks() {
    List<BatchData> batches = singularBatches(new Random(5), 30);
    byte[] compressed = Compress.zlibChannel(batches).toArray();
    // A reserved block type (0b11) makes the data invalid at that block.
    byte[] corrupt = Arrays.copyOf(compressed, compressed.length);
    corrupt[2] = (byte) 0b0000_0111;
    Outcome outcome = readAll(Bytes.wrap(corrupt), 10_000_000, false);
    assertThat(outcome.batches()).isEmpty();
    assertThat(outcome.end().reason()).isEqualTo(EndReason.CORRUPT_STREAM);
    assertThat(outcome.end().detail()).contains("corrupt");
  }

  // The limit: op-node channel_out_test.go TestRLPByteLimit (length(input) <= limit is accepted)
  // and the per-fork values of MAX_RLP_BYTES_PER_CHANNEL.

  @Test
  void theLimitCountsEveryRlpByteUpToTheLastBatch() {
    List<BatchData> batches = singularBatches(new Random(6), 3);
    byte[] rlp = Compress.rlpBatches(batches);
    Bytes channel = Bytes.wrap(Compress.zlib(rlp));
    assertThat(readAll(channel, rlp.length, false).batches()).hasSize(3);
    Outcome short1 = readAll(channel, rlp.length - 1, false);
    assertThat(short1.batches()).hasSize(2);
    assertThat(short1.end().reason()).isEqualTo(EndReason.RLP_LIMIT);
    assertThat(short1.end().detail()).contains("batch 2 at byte");
  }

  @Test
  void fjordRaisesTheLimitFromTenToOneHundredMillionBytes() {
    // One batch of about 10.5 MB decompressed (zeros compress to a few KB).
    SingularBatch big =
        new SingularBatch(Hash.ZERO, 1, Hash.ZERO, 2, List.of(Bytes.wrap(new byte[10_500_000])));
    Bytes channel = Compress.zlibChannel(List.of(new BatchData.Singular(big)));
    Outcome bedrock = readAll(channel, ChannelLimits.maxRlpBytesPerChannel(false), false);
    assertThat(bedrock.batches()).isEmpty();
    assertThat(bedrock.end().reason()).isEqualTo(EndReason.RLP_LIMIT);
    Outcome fjord = readAll(channel, ChannelLimits.maxRlpBytesPerChannel(true), true);
    assertThat(fjord.batches()).containsExactly(new BatchData.Singular(big));
    assertThat(ChannelLimits.maxChannelBankSize(false)).isEqualTo(100_000_000L);
    assertThat(ChannelLimits.maxChannelBankSize(true)).isEqualTo(1_000_000_000L);
  }

  // Channels that are not readable, and batches that are not batches.

  record Bad(String name, byte[] channel, EndReason reason, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] zlibOf(byte[]... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] item : items) {
      out.writeBytes(item);
    }
    return Compress.zlib(out.toByteArray());
  }

  static List<Bad> bad() {
    byte[] good = Rlp.encodeBytes(singularBatches(new Random(7), 1).get(0).encode().toArray());
    return List.of(
        new Bad("empty", new byte[0], EndReason.UNREADABLE, "no data"),
        new Bad(
            "unknown first byte", new byte[] {0x02, 0}, EndReason.UNREADABLE, "first byte 0x02"),
        new Bad(
            "zlib header check",
            new byte[] {0x78, 0x00, 0},
            EndReason.UNREADABLE,
            "multiple of 31"),
        new Bad("zlib method 15", new byte[] {0x7f, 0x00}, EndReason.UNREADABLE, "method 15"),
        new Bad(
            "zlib dictionary",
            new byte[] {0x78, (byte) 0xbb, 0, 0},
            EndReason.UNREADABLE,
            "dictionary"),
        new Bad("one byte", new byte[] {0x78}, EndReason.UNREADABLE, "cut off"),
        new Bad(
            "a list, not a string",
            zlibOf(good, new byte[] {(byte) 0xc1, 0x00}),
            EndReason.MALFORMED_BATCH,
            "batch 1 at byte " + good.length + ": it is an RLP list"),
        new Bad(
            "non-canonical single byte",
            zlibOf(new byte[] {(byte) 0x81, 0x01}),
            EndReason.MALFORMED_BATCH,
            "non-canonical"),
        new Bad(
            "long form for a short string",
            zlibOf(new byte[] {(byte) 0xb8, 0x01, 0x00}),
            EndReason.MALFORMED_BATCH,
            "long form"),
        new Bad(
            "empty batch",
            zlibOf(new byte[] {(byte) 0x80}),
            EndReason.MALFORMED_BATCH,
            "empty batch"),
        new Bad(
            "unknown batch type",
            zlibOf(new byte[] {(byte) 0x82, 0x02, 0x00}),
            EndReason.MALFORMED_BATCH,
            "unknown batch type 2"),
        new Bad(
            "a span batch of nothing",
            zlibOf(new byte[] {0x01}),
            EndReason.MALFORMED_BATCH,
            "rel_timestamp is missing"),
        new Bad(
            "a batch cut off at the stream's proper end",
            zlibOf(Arrays.copyOf(good, good.length - 1)),
            EndReason.MALFORMED_BATCH,
            "ends inside it"));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void badChannelsEndWithTheReason(Bad bad) {
    Outcome outcome = readAll(Bytes.wrap(bad.channel()), 10_000_000, true);
    assertThat(outcome.end().reason()).isEqualTo(bad.reason());
    assertThat(outcome.end().detail()).contains(bad.detail());
  }

  @Test
  void bytesAfterASingularBatchInsideItsStringAreIgnored() {
    SingularBatch batch = RandomBatches.singularBatch(new Random(8), 3, CHAIN_ID);
    byte[] encoded = new BatchData.Singular(batch).encode().toArray();
    byte[] padded = Arrays.copyOf(encoded, encoded.length + 5);
    Outcome outcome = readAll(Bytes.wrap(Compress.zlib(Rlp.encodeBytes(padded))), 1000, false);
    assertThat(outcome.batches()).containsExactly(new BatchData.Singular(batch));
    assertThat(outcome.end().isClean()).isTrue();
  }

  @Test
  void closingEarlyEndsTheChannel() {
    BatchReader reader =
        BatchReader.open(Compress.zlibChannel(singularBatches(new Random(9), 3)), 10_000, false);
    assertThat(reader.next()).isInstanceOf(BatchReadResult.Read.class);
    reader.close();
    assertThat(reader.next()).isInstanceOf(End.class);
  }
}
