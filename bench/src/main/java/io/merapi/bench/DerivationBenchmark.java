package io.merapi.bench;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.pipeline.DerivationPipeline;
import io.merapi.derive.pipeline.StepResult;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.types.config.OpFork;
import io.merapi.types.engine.PayloadAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Derivation of one L1 block whose six blobs carry a span-batch channel (issue 12's benchmark):
 * {@code derive} runs a fresh {@link DerivationPipeline} from its reset at the L2 genesis until the
 * payload attributes of every L2 block in the channel are out — L1 traversal, the batcher's blob
 * transaction (its sender recovered), blob decoding, frames, the channel, decompression, the span
 * batch with every transaction restored, the batch checks, and the attributes builder's L1 info
 * deposit for each block. The engine is a stand-in that returns the sequencer's block for each
 * attributes after checking them. {@code inflateOnly} decompresses the same channel bytes alone:
 * {@link Inflater} for zlib (the goal is {@code derive} within 2x of it), brotli4j's native decoder
 * for brotli.
 *
 * <p>Setup (not measured) signs a few hundred transactions per L2 block (EIP-1559 ether transfers,
 * token transfers and router calls from 256 accounts) and compresses blocks into the channel until
 * six blobs are full; it prints the channel's size, and checks once that the pipeline derives
 * exactly the sequencer's blocks and transactions.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar DerivationBenchmark -prof gc}; {@code -p
 * compression=zlib}, {@code -p fork=GRANITE} (the batch queue instead of Holocene's stages). MB/s
 * of compressed input is the printed channel size over the time per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class DerivationBenchmark {

  /** The L1 block, its channel and the L2 blocks in it. */
  @State(Scope.Benchmark)
  public static class Workload {
    /** How the channel is compressed: zlib, or brotli (level 10, op-batcher's default). */
    @Param({"zlib", "brotli"})
    public String compression;

    /** The latest fork active at genesis: HOLOCENE, or GRANITE for the pre-Holocene stages. */
    @Param({"HOLOCENE"})
    public String fork;

    SixBlobBlock chain;
    byte[] output;

    @Setup(Level.Trial)
    public void setUp() {
      io.merapi.derive.channel.CompressionAlgo algo =
          io.merapi.derive.channel.CompressionAlgo.parse(compression);
      chain = new SixBlobBlock(OpFork.valueOf(fork), algo);
      output = new byte[64 * 1024];
      long decompressed = decompress(this);
      int verified = derive(this, true);
      System.out.printf(
          "%n%s channel: %,d compressed bytes (%s), %,d decompressed, %d L2 blocks, %,d"
              + " transactions; pipeline checked: %d blocks%n",
          compression,
          chain.channel.length,
          new java.text.DecimalFormat("0.000").format(chain.channel.length / 1e6) + " MB",
          decompressed,
          chain.blocks.size(),
          chain.transactionCount,
          verified);
    }
  }

  /** The channel's bytes decompressed alone: the floor. */
  @Benchmark
  public long inflateOnly(Workload w) {
    return decompress(w);
  }

  /** A fresh pipeline from reset until every block's attributes are out. */
  @Benchmark
  public int derive(Workload w) {
    return derive(w, false);
  }

  static long decompress(Workload w) {
    return w.chain.channel[0] == 1 ? brotli(w.chain.channel) : inflate(w.chain.channel, w.output);
  }

  private static long inflate(byte[] channel, byte[] output) {
    Inflater inflater = new Inflater();
    inflater.setInput(channel);
    long total = 0;
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(output);
        if (n == 0 && inflater.needsInput()) {
          throw new IllegalStateException("the zlib stream ends early");
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

  /** The brotli stream after the channel's version byte, all input given at once. */
  private static long brotli(byte[] channel) {
    Brotli4jLoader.ensureAvailability();
    DecoderJNI.Wrapper decoder;
    try {
      decoder = new DecoderJNI.Wrapper(channel.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      decoder.getInputBuffer().put(channel, 1, channel.length - 1);
      decoder.push(channel.length - 1);
      long total = 0;
      while (true) {
        switch (decoder.getStatus()) {
          case DONE -> {
            while (decoder.hasOutput()) {
              total += decoder.pull().remaining();
            }
            return total;
          }
          case NEEDS_MORE_OUTPUT -> {
            ByteBuffer out = decoder.pull();
            total += out.remaining();
          }
          case OK -> decoder.push(0);
          case NEEDS_MORE_INPUT -> throw new IllegalStateException("the brotli stream ends early");
          case ERROR -> throw new IllegalStateException("the brotli stream is corrupt");
        }
      }
    } finally {
      decoder.destroy();
    }
  }

  static int derive(Workload w, boolean everyTransaction) {
    SixBlobBlock chain = w.chain;
    SixBlobBlock.MemoryL2 l2 = chain.freshL2();
    DerivationPipeline pipeline =
        new DerivationPipeline(chain.config, chain.l1(), chain.blobSource(), l2);
    L2BlockRef head = chain.l2Genesis;
    int derived = 0;
    for (int steps = 0; derived < chain.blocks.size(); steps++) {
      if (steps > 100 * chain.blocks.size() + 100) {
        throw new IllegalStateException("no progress after " + derived + " blocks");
      }
      switch (pipeline.step(head)) {
        case StepResult.Attributes(AttributesWithParent a) -> {
          PayloadAttributes attributes = a.attributes();
          head = chain.build(head, attributes, everyTransaction);
          l2.add(head, attributes.transactions());
          derived++;
        }
        case StepResult.Idle idle ->
            throw new IllegalStateException(
                "the pipeline is idle at " + idle.origin() + " after " + derived + " blocks");
        default -> {}
      }
    }
    return derived;
  }
}
