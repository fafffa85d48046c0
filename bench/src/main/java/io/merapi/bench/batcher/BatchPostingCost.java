package io.merapi.bench.batcher;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.ShadowCompressor;
import io.merapi.derive.channel.SingularChannelOut;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * What posting L2 transactions to L1 costs: bytes posted per L2 transaction, calldata gas and blob
 * space per L2 transaction, and the compression ratio reached, for blocks of ERC-20 transfers and
 * of random calldata, zlib and brotli-10, singular and span batches, calldata and blobs.
 *
 * <p>The channels are built with derive's encoder the way op-batcher (and Merapi's batcher) builds
 * them with its default settings: a {@link SpanChannelOut}, or a {@link SingularChannelOut} over a
 * {@link ShadowCompressor}, with a target of one frame of a 120,000-byte calldata transaction, or
 * of six blob frames (one blob transaction); blocks go in until the channel reports full, then the
 * channel is closed and cut into frames, and each frame becomes one batcher transaction's calldata
 * ({@code 0x00 ++ frame}) or one blob. Only full channels are counted (the stream stops at the
 * first block of the channel after the last counted one), so partial channels do not skew the
 * figures.
 *
 * <p>Costs: calldata gas is 16 per non-zero and 4 per zero byte of each batcher transaction plus
 * its 21,000 (EIP-2028, the rule L1 charges batcher calldata under Cancun); blob space is 131,072
 * bytes (one blob gas each) per blob used, plus 21,000 execution gas per blob transaction of up to
 * six blobs. The compression ratio is compressed bytes over the channels' RLP input, the figure
 * op-batcher's ratio compressor assumes to be 0.6 ({@code --approx-compr-ratio}).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.merapi.bench.batcher.BatchPostingCost
 * [--channels N]} (default 3 full channels per configuration).
 */
public final class BatchPostingCost {
  /** op-batcher's {@code --approx-compr-ratio} default. */
  static final double APPROX_COMPR_RATIO = 0.6;

  static final int BLOBS_PER_TX = 6;

  enum Da {
    CALLDATA,
    BLOBS
  }

  enum BatchType {
    SINGULAR,
    SPAN
  }

  /** One configuration's totals over its full channels. */
  record Result(
      L2Workload.Kind kind,
      BatchType batchType,
      CompressionAlgo algo,
      Da da,
      int channels,
      long l2Transactions,
      long rawTxBytes,
      long rlpBytes,
      long compressedBytes,
      long postedBytes,
      long l1Transactions,
      long calldataGas,
      long blobs) {
    double ratio() {
      return (double) compressedBytes / rlpBytes;
    }

    double postedPerTx() {
      return (double) postedBytes / l2Transactions;
    }

    double rawPerTx() {
      return (double) rawTxBytes / l2Transactions;
    }

    /** Calldata: the L1 gas of the batcher transactions. Blobs: the 21,000 of each, amortized. */
    double execGasPerTx() {
      return (double) (da == Da.CALLDATA ? calldataGas : 21_000 * l1Transactions) / l2Transactions;
    }

    double blobBytesPerTx() {
      return (double) blobs * BlobEncoding.BLOB_SIZE / l2Transactions;
    }
  }

  public static void main(String[] args) {
    int channels = 3;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--channels") && i + 1 < args.length) {
        channels = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: BatchPostingCost [--channels N]");
        System.exit(2);
      }
    }
    List<Result> results = new ArrayList<>();
    for (L2Workload.Kind kind : L2Workload.Kind.values()) {
      long start = System.nanoTime();
      // Enough transactions for the largest configuration: a blob channel (6 x 130 kB compressed)
      // holds about 8,700 ERC-20 transfers or 1,200 random calls, at about 90 and 650 bytes each.
      long needed =
          kind == L2Workload.Kind.ERC20 ? 10_000L * channels + 2_000 : 1_400L * channels + 400;
      L2Workload workload = new L2Workload(kind, needed);
      System.err.printf(
          Locale.ROOT,
          "%s: %,d signed transactions in %,d blocks (%.1f s)%n",
          kind.displayName,
          workload.transactions,
          workload.blocks.size(),
          (System.nanoTime() - start) / 1e9);
      for (Da da : Da.values()) {
        for (BatchType type : BatchType.values()) {
          for (CompressionAlgo algo : List.of(CompressionAlgo.ZLIB, CompressionAlgo.BROTLI_10)) {
            long t = System.nanoTime();
            Result r = run(workload, type, algo, da, channels);
            System.err.printf(
                Locale.ROOT,
                "  %s %s %s: %d channels (%.1f s)%n",
                da,
                type,
                algo,
                r.channels(),
                (System.nanoTime() - t) / 1e9);
            results.add(r);
          }
        }
      }
    }
    print(results);
  }

  /** Feeds the workload's blocks through channels until {@code channels} are full. */
  static Result run(
      L2Workload workload, BatchType type, CompressionAlgo algo, Da da, int channels) {
    int maxFrameSize =
        da == Da.CALLDATA ? ChannelOut.MAX_CALLDATA_FRAME_SIZE : ChannelOut.MAX_BLOB_FRAME_SIZE;
    int targetFrames = da == Da.CALLDATA ? 1 : BLOBS_PER_TX;
    long target = ChannelOut.targetOutputSize(targetFrames, maxFrameSize);
    // Fjord (brotli, the larger RLP limit) active from genesis, as on every current OP chain.
    ChannelOutConfig chain =
        new ChannelOutConfig(L2Workload.GENESIS_TIME, L2Workload.CHAIN_ID, OptionalLong.of(0));
    SplittableRandom random = new SplittableRandom(3);
    ChannelOut out = newChannel(type, chain, target, algo, random);

    int done = 0;
    long txs = 0;
    long raw = 0;
    long rlp = 0;
    long compressed = 0;
    long posted = 0;
    long l1Txs = 0;
    long gas = 0;
    long blobs = 0;
    long channelTxs = 0;
    long channelRaw = 0;
    int next = 0;
    List<SingularBatch> blocks = workload.blocks;
    while (done < channels) {
      if (next >= blocks.size()) {
        throw new IllegalStateException(
            "the workload ran out of blocks after " + done + " full channels");
      }
      SingularBatch block = blocks.get(next);
      ChannelOut.AddResult added = out.addSingularBatch(block, workload.sequenceNumbers.get(next));
      if (added == ChannelOut.AddResult.ADDED) {
        next++;
        channelTxs += block.transactions().size();
        for (Bytes tx : block.transactions()) {
          channelRaw += tx.length();
        }
        if (!out.isFull()) {
          continue;
        }
      }
      // Full (the block that did not fit goes into the next channel): close and frame it.
      out.close();
      rlp += out.inputBytes();
      List<Frame> frames = new ArrayList<>();
      while (true) {
        Frame frame = out.outputFrame(maxFrameSize);
        frames.add(frame);
        if (frame.isLast()) {
          break;
        }
      }
      for (Frame frame : frames) {
        compressed += frame.data().length();
        Bytes data = BatcherTransaction.encode(frame);
        if (da == Da.CALLDATA) {
          posted += data.length();
          gas += 21_000 + calldataGas(data);
          l1Txs++;
        } else {
          BlobEncoding.encode(data); // as the batcher does: checks it fits
          posted += data.length();
          blobs++;
        }
      }
      if (da == Da.BLOBS) {
        l1Txs += (frames.size() + BLOBS_PER_TX - 1) / BLOBS_PER_TX;
      }
      txs += channelTxs;
      raw += channelRaw;
      channelTxs = 0;
      channelRaw = 0;
      done++;
      out = newChannel(type, chain, target, algo, random);
    }
    return new Result(
        workload.kind, type, algo, da, done, txs, raw, rlp, compressed, posted, l1Txs, gas, blobs);
  }

  static ChannelOut newChannel(
      BatchType type,
      ChannelOutConfig chain,
      long target,
      CompressionAlgo algo,
      SplittableRandom random) {
    return switch (type) {
      case SPAN -> new SpanChannelOut(chain, target, algo, 0, random);
      case SINGULAR -> new SingularChannelOut(chain, new ShadowCompressor(target, algo), random);
    };
  }

  /** EIP-2028: 16 gas per non-zero byte, 4 per zero byte. */
  static long calldataGas(Bytes data) {
    long gas = 0;
    for (int i = 0; i < data.length(); i++) {
      gas += data.get(i) == 0 ? 4 : 16;
    }
    return gas;
  }

  static void print(List<Result> results) {
    System.out.println(
        "| L2 traffic | DA | batches | compression | L2 txs | signed tx bytes/tx | posted bytes/tx"
            + " | ratio (target 0.6) | L1 gas/tx | blob bytes/tx |");
    System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %,d | %.1f | %.1f | %.3f (%.2f×) | %,.0f | %s |%n",
          r.kind().displayName,
          r.da().name().toLowerCase(Locale.ROOT),
          r.batchType().name().toLowerCase(Locale.ROOT),
          r.algo().displayName(),
          r.l2Transactions(),
          r.rawPerTx(),
          r.postedPerTx(),
          r.ratio(),
          r.ratio() / APPROX_COMPR_RATIO,
          r.execGasPerTx(),
          r.da() == Da.BLOBS ? String.format(Locale.ROOT, "%,.1f", r.blobBytesPerTx()) : "—");
    }
  }
}
