package io.merapi.derive.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.derive.testing.RandomBatches;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decoding and restoring span batch transactions gives exactly what the first implementation gave
 * (the one built on {@code RlpReader}, before the restore path was rewritten for speed): for 6,000
 * small random span batches of every transaction type, most of them damaged by a few changed,
 * inserted or deleted bytes, the outcome — the restored transactions' digest, or the decoding or
 * restoring error with its message — equals the one recorded in {@code restore-outcomes.txt}.
 *
 * <p>The file was written by that implementation ({@code -Dmerapi.record.restore=<path>} writes it
 * again); a change of outcome is a change of what derivation accepts.
 */
class SpanBatchRestoreRegressionTest {
  private static final long GENESIS = 1_700_000_000L;
  private static final long BLOCK_TIME = 2;
  private static final long CHAIN_ID = 10;
  private static final int CASES = 6_000;

  static List<String> outcomes() {
    List<String> out = new ArrayList<>();
    for (int seed = 0; seed < CASES; seed++) {
      out.add(seed + " " + outcome(seed));
    }
    return out;
  }

  private static String outcome(int seed) {
    Random random = new Random(seed);
    SpanBatch batch =
        RandomBatches.spanBatch(random, 1 + random.nextInt(2), GENESIS, BLOCK_TIME, CHAIN_ID, true);
    byte[] data =
        RawSpanBatch.fromSpanBatch(batch, random.nextBoolean(), GENESIS, CHAIN_ID)
            .encode()
            .toArray();
    // One in eight stays whole; the others get one to three changes anywhere in the batch.
    if (random.nextInt(8) != 0) {
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes && data.length > 1; c++) {
        int at = random.nextInt(data.length);
        data =
            switch (random.nextInt(4)) {
              case 0 -> insert(data, at, (byte) random.nextInt(256));
              case 1 -> delete(data, at);
              default -> {
                data[at] = interestingByte(random);
                yield data;
              }
            };
      }
    }
    RawSpanBatch raw;
    try {
      raw = RawSpanBatch.decode(data, 0, data.length);
    } catch (BatchFormatException e) {
      return "decode: " + e.getMessage();
    }
    List<List<Bytes>> blocks;
    try {
      blocks = raw.blockTransactions(CHAIN_ID);
    } catch (BatchFormatException e) {
      return "restore: " + e.getMessage();
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int count = 0;
    for (List<Bytes> block : blocks) {
      all.write(block.size());
      for (Bytes tx : block) {
        all.writeBytes(tx.toArray());
        count++;
      }
    }
    // 64 bits of the digest tell any change apart.
    return "ok " + count + " " + Keccak256.digest(all.toByteArray()).toHex().substring(0, 18);
  }

  /** RLP prefixes and their edges, zero, or any byte. */
  private static byte interestingByte(Random random) {
    int[] edges = {0x00, 0x01, 0x7f, 0x80, 0x81, 0x94, 0xa0, 0xa1, 0xb7, 0xb8, 0xb9, 0xbf, 0xc0};
    int[] more = {0xc1, 0xf7, 0xf8, 0xf9, 0xff};
    int pick = random.nextInt(edges.length + more.length + 4);
    if (pick < edges.length) {
      return (byte) edges[pick];
    }
    if (pick < edges.length + more.length) {
      return (byte) more[pick - edges.length];
    }
    return (byte) random.nextInt(256);
  }

  private static byte[] insert(byte[] data, int at, byte value) {
    byte[] out = new byte[data.length + 1];
    System.arraycopy(data, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(data, at, out, at + 1, data.length - at);
    return out;
  }

  private static byte[] delete(byte[] data, int at) {
    byte[] out = new byte[data.length - 1];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(data, at + 1, out, at, data.length - at - 1);
    return out;
  }

  @Test
  void outcomesAreThoseOfTheFirstImplementation() throws IOException {
    List<String> actual = outcomes();
    String record = System.getProperty("merapi.record.restore");
    if (record != null) {
      Files.write(Path.of(record), actual, StandardCharsets.UTF_8);
    }
    List<String> expected;
    try (InputStream in = getClass().getResourceAsStream("restore-outcomes.txt")) {
      assertThat(in).as("restore-outcomes.txt").isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(actual).containsExactlyElementsOf(expected);
    // The cases reach every outcome: whole batches, decoding errors and restoring errors.
    assertThat(expected).anyMatch(line -> line.contains(" ok "));
    assertThat(expected).anyMatch(line -> line.contains(" decode: "));
    assertThat(expected).anyMatch(line -> line.contains(" restore: "));
  }
}
