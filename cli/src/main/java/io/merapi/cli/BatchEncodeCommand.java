package io.merapi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.BlockToBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.ShadowCompressor;
import io.merapi.derive.channel.SingularChannelOut;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merapi batch encode [options] FILE}: turns L2 blocks into batcher transaction data, as
 * op-batcher would: FILE is a JSON array of blocks as {@code eth_getBlockByNumber(n, true)} returns
 * them (full transactions, the L1 attributes deposit first), in order. The blocks go into channels
 * (span or singular batches, zlib or brotli) that are closed when full, and each channel into
 * frames. Printed one per line: with {@code --da calldata} the {@code 0x}-hex calldata of each
 * batcher transaction (one frame each), with {@code --da blobs} each blob (one frame each).
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description =
        "Encode L2 blocks (a JSON array of eth_getBlockByNumber results with full transactions)"
            + " into batcher transaction data: one 0x-hex line per calldata transaction or blob.",
    footer = {
      "",
      "FILE: [{...block...}, ...] as eth_getBlockByNumber(n, true) returns them, in order, each"
          + " starting with its L1 attributes deposit. Channels are closed when full (target:"
          + " --target-num-frames frames of --max-frame-size bytes) and written one frame per"
          + " line: the calldata (0x00 ++ frame) or, with --da blobs, the blob carrying it.",
    })
final class BatchEncodeCommand implements Callable<Integer> {

  enum DataAvailability {
    CALLDATA,
    BLOBS
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--rollup.config",
      description = "op-node rollup.json: the L2 chain id, genesis time and Fjord time.")
  Path rollupConfig;

  @Option(
      names = "--l2-chain-id",
      defaultValue = "10",
      description = "The L2 chain id, without --rollup.config (default: ${DEFAULT-VALUE}).")
  long l2ChainId;

  @Option(
      names = "--l2-genesis-time",
      defaultValue = "1686068903",
      description =
          "The L2 genesis time for span batches, without --rollup.config (default:"
              + " ${DEFAULT-VALUE}, OP Mainnet's).")
  long l2GenesisTime;

  @Option(
      names = "--batch-type",
      defaultValue = "span",
      description = "span or singular (default: ${DEFAULT-VALUE}).")
  String batchType;

  @Option(
      names = "--compression",
      defaultValue = "zlib",
      description = "zlib, brotli, brotli-9, brotli-10 or brotli-11 (default: ${DEFAULT-VALUE}).")
  String compression;

  @Option(
      names = "--da",
      defaultValue = "calldata",
      converter = DaConverter.class,
      description = "calldata or blobs (default: ${DEFAULT-VALUE}).")
  DataAvailability da;

  @Option(
      names = "--max-frame-size",
      description = "The largest frame in bytes (default: 119999 for calldata, 130043 for blobs).")
  Integer maxFrameSize;

  @Option(
      names = "--target-num-frames",
      defaultValue = "1",
      description = "Frames a channel aims to fill (default: ${DEFAULT-VALUE}).")
  int targetNumFrames;

  @Option(
      names = "--max-blocks-per-span-batch",
      defaultValue = "0",
      description = "Start a new span batch after this many blocks; 0 for no limit.")
  int maxBlocksPerSpanBatch;

  @Option(
      names = "--seed",
      description = "Seed for the channel ids, for reproducible output (default: random).")
  Long seed;

  @Parameters(index = "0", paramLabel = "FILE", description = "The blocks, a JSON array.")
  Path file;

  @Override
  public Integer call() {
    ChannelOutConfig config = config();
    CompressionAlgo algo;
    try {
      algo = CompressionAlgo.parse(compression);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
    int frameSize =
        maxFrameSize != null
            ? maxFrameSize
            : da == DataAvailability.BLOBS
                ? ChannelOut.MAX_BLOB_FRAME_SIZE
                : ChannelOut.MAX_CALLDATA_FRAME_SIZE;
    if (frameSize <= Frame.OVERHEAD) {
      throw new CommandFailure("--max-frame-size must be over the frame overhead of 23 bytes");
    }
    if (da == DataAvailability.BLOBS && frameSize > ChannelOut.MAX_BLOB_FRAME_SIZE) {
      throw new CommandFailure(
          "--max-frame-size "
              + frameSize
              + " does not fit a blob (at most "
              + ChannelOut.MAX_BLOB_FRAME_SIZE
              + ")");
    }
    if (targetNumFrames < 1) {
      throw new CommandFailure("--target-num-frames must be at least 1");
    }
    long target = ChannelOut.targetOutputSize(targetNumFrames, frameSize);
    RandomGenerator random = seed != null ? new SplittableRandom(seed) : new SecureRandom();
    ChannelOut out =
        switch (batchType.toLowerCase(Locale.ROOT)) {
          case "span" -> new SpanChannelOut(config, target, algo, maxBlocksPerSpanBatch, random);
          case "singular" ->
              new SingularChannelOut(config, new ShadowCompressor(target, algo), random);
          default -> throw new CommandFailure("--batch-type must be span or singular");
        };

    List<BlockToBatch.Result> blocks = readBlocks();
    PrintWriter printer = spec.commandLine().getOut();
    for (int i = 0; i < blocks.size(); i++) {
      BlockToBatch.Result block = blocks.get(i);
      ChannelOut.AddResult result = add(out, block, i);
      if (result != ChannelOut.AddResult.ADDED) {
        // The channel is full: write it, and start the next one with this block.
        write(out, frameSize, printer);
        out.reset();
        result = add(out, block, i);
        if (result != ChannelOut.AddResult.ADDED) {
          throw new CommandFailure(
              "block " + i + " does not fit an empty channel (" + result + ")");
        }
      }
    }
    if (out.inputBytes() > 0) {
      write(out, frameSize, printer);
    }
    printer.flush();
    return 0;
  }

  private static ChannelOut.AddResult add(ChannelOut out, BlockToBatch.Result block, int index) {
    try {
      return out.addSingularBatch(block.batch(), block.sequenceNumber());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("block " + index + ": " + e.getMessage());
    }
  }

  private void write(ChannelOut out, int frameSize, PrintWriter printer) {
    for (Frame frame : out.outputFrames(frameSize)) {
      Bytes data = BatcherTransaction.encode(frame);
      printer.println((da == DataAvailability.BLOBS ? BlobEncoding.encode(data) : data).toHex());
    }
  }

  private ChannelOutConfig config() {
    if (rollupConfig == null) {
      return new ChannelOutConfig(l2GenesisTime, l2ChainId, OptionalLong.of(0));
    }
    try {
      return ChannelOutConfig.of(RollupConfig.read(rollupConfig));
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailure("cannot read " + rollupConfig + ": " + e.getMessage());
    }
  }

  private List<BlockToBatch.Result> readBlocks() {
    JsonNode json;
    try {
      json = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + " as JSON: " + e.getMessage());
    }
    if (json == null || !json.isArray()) {
      throw new CommandFailure(file + " must hold a JSON array of blocks");
    }
    List<BlockToBatch.Result> blocks = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      RpcBlock block;
      try {
        block = Json.mapper().treeToValue(json.get(i), RpcBlock.class);
      } catch (IOException | RuntimeException e) {
        throw new CommandFailure(
            file + ": block " + i + " is not a JSON-RPC block: " + e.getMessage());
      }
      if (!(block.transactions() instanceof RpcBlock.Full full)) {
        throw new CommandFailure(
            file
                + ": block "
                + i
                + " lists transaction hashes only; fetch it with full transactions"
                + " (eth_getBlockByNumber(n, true))");
      }
      List<Transaction> txs =
          full.transactions().stream().map(RpcTransaction::transaction).toList();
      try {
        blocks.add(
            BlockToBatch.toSingularBatch(
                block.header().parentHash(), block.header().timestamp(), txs));
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(
            file + ": block " + i + " (number " + block.header().number() + "): " + e.getMessage());
      }
    }
    return blocks;
  }

  /** Accepts calldata and blobs in any case. */
  static final class DaConverter implements CommandLine.ITypeConverter<DataAvailability> {
    @Override
    public DataAvailability convert(String value) {
      try {
        return DataAvailability.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown data availability " + value + ": expected calldata or blobs");
      }
    }
  }
}
