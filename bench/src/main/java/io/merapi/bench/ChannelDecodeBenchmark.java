package io.merapi.bench;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.channel.BatchReadResult;
import io.merapi.derive.channel.BatchReader;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.Frame;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one zlib channel of span batches, as large as six blobs hold (about 780 KB compressed),
 * against {@link Inflater} inflating the same bytes alone: {@code inflateOnly} is the floor (the
 * JDK's zlib), {@code readBatches} adds the RLP framing and the span batches' wire decoding, and
 * {@code readAndRestore} also restores every transaction's EIP-2718 encoding with its signature
 * (what derivation hands on). The blocks look like a busy OP chain's: mostly EIP-1559 transfers and
 * token calls from a pool of a few hundred accounts, some legacy, random signatures.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ChannelDecodeBenchmark -f 1 -wi 3 -i 5}; the
 * ratio of {@code readAndRestore} to {@code inflateOnly} is the cost of decoding over bare
 * inflation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChannelDecodeBenchmark {
  private static final long GENESIS = 1_700_000_000L;
  private static final long CHAIN_ID = 10;
  private static final int BLOBS = 6;

  private Bytes channel;
  private byte[] output;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<Address> accounts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] a = new byte[20];
      random.nextBytes(a);
      accounts.add(Address.wrap(a));
    }
    ChannelOutConfig config = new ChannelOutConfig(GENESIS, CHAIN_ID, OptionalLong.of(0));
    long target = ChannelOut.targetOutputSize(BLOBS, ChannelOut.MAX_BLOB_FRAME_SIZE);
    SpanChannelOut out =
        new SpanChannelOut(config, target, CompressionAlgo.ZLIB, 0, new SplittableRandom(1));
    Hash epochHash = Hash.ZERO;
    long epoch = 1000;
    for (int block = 0; ; block++) {
      if (block % 6 == 0) {
        epoch++;
      }
      List<Bytes> txs = new ArrayList<>();
      int count = 10 + random.nextInt(20);
      for (int t = 0; t < count; t++) {
        txs.add(Bytes.wrap(transaction(random, accounts).encoded()));
      }
      SingularBatch batch =
          new SingularBatch(Hash.ZERO, epoch, epochHash, GENESIS + 2 * block, txs);
      if (out.addSingularBatch(batch, block % 6) != ChannelOut.AddResult.ADDED || out.isFull()) {
        break;
      }
    }
    out.close();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (Frame frame : out.outputFrames(Integer.MAX_VALUE)) {
      data.writeBytes(frame.data().array());
    }
    channel = Bytes.wrap(data.toByteArray());
    output = new byte[64 * 1024];
    System.out.printf(
        "%nchannel: %,d compressed bytes, %,d decompressed%n", channel.length(), inflateOnly());
  }

  private static Transaction transaction(Random random, List<Address> accounts) {
    Address to = accounts.get(random.nextInt(accounts.size()));
    byte[] data = new byte[random.nextInt(4) == 0 ? 0 : 68];
    if (data.length > 0) {
      // A token transfer: selector, an address word, an amount word.
      data[0] = (byte) 0xa9;
      data[1] = 0x05;
      data[2] = (byte) 0x9c;
      data[3] = (byte) 0xbb;
      System.arraycopy(accounts.get(random.nextInt(accounts.size())).array(), 0, data, 16, 20);
      data[64] = (byte) random.nextInt(256);
      data[67] = (byte) random.nextInt(256);
    }
    UInt256 r = word(random);
    UInt256 s = word(random);
    long nonce = random.nextInt(5000);
    if (random.nextInt(5) == 0) {
      return new LegacyTransaction(
          nonce,
          UInt256.valueOf(1_000_000 + random.nextInt(1000)),
          60_000,
          Optional.of(to),
          UInt256.valueOf(random.nextInt(1 << 20)),
          Bytes.wrap(data),
          UInt256.valueOf(CHAIN_ID * 2 + 35 + random.nextInt(2)),
          r,
          s);
    }
    return new DynamicFeeTransaction(
        CHAIN_ID,
        nonce,
        UInt256.valueOf(1_000 + random.nextInt(100)),
        UInt256.valueOf(2_000_000 + random.nextInt(1000)),
        21_000 + 10_000L * random.nextInt(8),
        Optional.of(to),
        UInt256.valueOf(random.nextInt(1 << 20)),
        Bytes.wrap(data),
        AccessList.EMPTY,
        UInt256.valueOf(random.nextInt(2)),
        r,
        s);
  }

  private static UInt256 word(Random random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return UInt256.fromBytes(b);
  }

  /** The bytes {@link Inflater} gets out of the channel: the floor. */
  @Benchmark
  public long inflateOnly() {
    Inflater inflater = new Inflater();
    inflater.setInput(channel.array());
    long total = 0;
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(output);
        if (n == 0 && inflater.needsInput()) {
          break;
        }
        total += n;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException(e);
    } finally {
      inflater.end();
    }
    return total;
  }

  /** The batches in their wire form. */
  @Benchmark
  public int readBatches() {
    int batches = 0;
    try (BatchReader reader = BatchReader.open(channel, 100_000_000, true)) {
      while (reader.next() instanceof BatchReadResult.Read) {
        batches++;
      }
    }
    return batches;
  }

  /** The blocks with every transaction restored. */
  @Benchmark
  public int readAndRestore() {
    int blocks = 0;
    try (BatchReader reader = BatchReader.open(channel, 100_000_000, true)) {
      while (reader.next() instanceof BatchReadResult.Read read) {
        if (read.batch() instanceof BatchData.Span span) {
          SpanBatch batch = span.batch().toSpanBatch(2, GENESIS, CHAIN_ID);
          blocks += batch.blocks().size();
        }
      }
    }
    return blocks;
  }
}
