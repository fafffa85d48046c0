package io.merapi.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpException;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.BatchFormatException;
import io.merapi.derive.batch.RawSpanBatch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.blob.BlobFormatException;
import io.merapi.derive.channel.BatchReadResult;
import io.merapi.derive.channel.FrameChannels;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.frame.FrameParseResult;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merapi batch decode [--l2-chain-id N] [--kind tx|calldata|channel] FILE}: prints the
 * frames, channels and batches in batcher data as one JSON object (the shape is fixed, see
 * docs/design.md):
 *
 * <pre>
 * {"frames":[{"channelId","frameNumber","dataLength","isLast"}],
 *  "channels":[{"id","compression","compressedBytes","decompressedBytes","complete","batches":[
 *    {"type":"span","relTimestamp","l1OriginNum","parentCheck","l1OriginCheck",
 *     "blocks":[{"l1OriginNum","transactions":[tx hashes]}]},
 *    {"type":"singular","parentHash","epochNum","epochHash","timestamp","transactions":[tx hashes]}]}]}
 * </pre>
 *
 * <p>Channels are read as op-node reads them after Fjord (brotli allowed, 100,000,000 RLP bytes): a
 * channel is the data of its frames from frame 0 on for as long as they follow each other, so one
 * transaction holding the first frames of a channel shows the batches those frames hold. {@code
 * complete} says the channel had all its frames and its compressed stream ended properly. Without
 * {@code --kind} the kind is detected (a note on stderr says which): data starting with the
 * derivation version byte 0 is calldata, data that decodes as a transaction is one, anything else a
 * channel. Problems that op-node tolerates (a stream that ends early, frames it would drop) are
 * noted on stderr; data that is not what it should be fails with exit code 1, after the JSON of
 * what was read before it where there is some.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description =
        "Decode batcher data — a signed L1 transaction (with its blob sidecar, if any), batcher"
            + " calldata, or one channel's compressed bytes — into its frames, channels and"
            + " batches as JSON. FILE is binary or 0x-hex text.",
    footer = {
      "",
      "Output: {\"frames\":[{channelId, frameNumber, dataLength, isLast}], \"channels\":[{id,"
          + " compression, compressedBytes, decompressedBytes, complete, batches}]}; a span batch"
          + " shows relTimestamp, l1OriginNum, parentCheck, l1OriginCheck and blocks"
          + " [{l1OriginNum, transactions}], a singular one parentHash, epochNum, epochHash,"
          + " timestamp and transactions (transaction hashes).",
      "Without --kind: data starting with 0x00 is calldata, data that decodes as a transaction"
          + " is one, anything else a channel (a note on stderr says which).",
      "Channels are read as after Fjord (brotli allowed, 100,000,000 RLP bytes), from their"
          + " frame 0 for as long as frames follow; complete means all frames were there and the"
          + " compressed stream ended properly. Exit code 1 for data op-node would reject.",
    })
final class BatchDecodeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What FILE holds. */
  enum Kind {
    TX,
    CALLDATA,
    CHANNEL;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--l2-chain-id",
      defaultValue = "10",
      description =
          "The L2 chain id, to restore span batch transactions and their hashes (default:"
              + " ${DEFAULT-VALUE}, OP Mainnet, as op-node's batch_decoder).")
  long l2ChainId;

  @Option(
      names = "--kind",
      converter = KindConverter.class,
      description = "tx, calldata or channel (default: detected from the data).")
  Kind kind;

  @Parameters(index = "0", paramLabel = "FILE", description = "The data, binary or 0x-hex text.")
  Path file;

  private final List<Frame> frames = new ArrayList<>();
  private final ArrayNode channels = JSON.createArrayNode();
  private Optional<String> failure = Optional.empty();

  @Override
  public Integer call() throws Exception {
    byte[] input = BatchCommand.readInput(file);
    Kind what = kind;
    if (what == null) {
      what = detect(input);
      note(file + " read as " + what + " (detected; --kind chooses)");
    }
    switch (what) {
      case TX -> decodeTransaction(input);
      case CALLDATA -> decodeCalldata(input, "the batcher transaction data");
      case CHANNEL -> channels.add(decodeChannel(Optional.empty(), input, true));
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode frameList = out.putArray("frames");
    for (Frame frame : frames) {
      ObjectNode f = frameList.addObject();
      f.put("channelId", frame.channelId().bytes().toHex());
      f.put("frameNumber", frame.frameNumber());
      f.put("dataLength", frame.data().length());
      f.put("isLast", frame.isLast());
    }
    out.set("channels", channels);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(JSON.writeValueAsString(out));
    printer.flush();
    if (failure.isPresent()) {
      throw new CommandFailure(failure.get());
    }
    return 0;
  }

  private static Kind detect(byte[] input) {
    if (input[0] == BatcherTransaction.DERIVATION_VERSION_0) {
      return Kind.CALLDATA;
    }
    try {
      TransactionDecoder.decodeNetwork(input);
      return Kind.TX;
    } catch (RlpException notATransaction) {
      return Kind.CHANNEL;
    }
  }

  private void decodeTransaction(byte[] input) {
    Transaction tx;
    try {
      tx = TransactionDecoder.decodeNetwork(input);
    } catch (RlpException e) {
      throw new CommandFailure(file + " is not a signed transaction: " + e.getMessage());
    }
    if (!(tx instanceof BlobTransaction blobTx)) {
      if (tx.data().isEmpty()) {
        throw new CommandFailure("transaction " + tx.hash() + " has no calldata");
      }
      decodeCalldata(tx.data().array(), "the calldata of transaction " + tx.hash());
      return;
    }
    if (blobTx.sidecar().isEmpty()) {
      throw new CommandFailure(
          "transaction "
              + tx.hash()
              + " carries its batcher data in "
              + blobTx.blobVersionedHashes().size()
              + " blob(s) "
              + blobTx.blobVersionedHashes()
              + ", which the transaction alone does not hold: give it in its network form"
              + " with the blob sidecar, or decode each blob's data with --kind calldata");
    }
    BlobSidecar sidecar = blobTx.sidecar().get();
    if (!sidecar.versionedHashes().equals(blobTx.blobVersionedHashes())) {
      note("the sidecar's commitments do not match the transaction's blob versioned hashes");
    }
    for (int i = 0; i < sidecar.blobs().size(); i++) {
      Bytes data;
      try {
        data = BlobEncoding.decode(sidecar.blobs().get(i));
      } catch (BlobFormatException e) {
        throw new CommandFailure(
            "blob " + i + " of transaction " + tx.hash() + ": " + e.getMessage());
      }
      FrameParseResult parsed = BatcherTransaction.parseFrames(data);
      if (parsed instanceof FrameParseResult.Invalid invalid) {
        throw new CommandFailure(
            "the data of blob " + i + " of transaction " + tx.hash() + ": " + invalid);
      }
      frames.addAll(((FrameParseResult.Valid) parsed).frames());
    }
    decodeChannels();
  }

  private void decodeCalldata(byte[] data, String what) {
    FrameParseResult parsed = BatcherTransaction.parseFrames(data);
    if (parsed instanceof FrameParseResult.Invalid invalid) {
      throw new CommandFailure(what + ": " + invalid);
    }
    frames.addAll(((FrameParseResult.Valid) parsed).frames());
    decodeChannels();
  }

  /** The frames by channel, in order of first appearance, each channel read as far as it goes. */
  private void decodeChannels() {
    for (FrameChannels.Assembled channel : FrameChannels.assemble(frames, this::note)) {
      ChannelId id = channel.id();
      if (!channel.complete()) {
        note(
            "channel "
                + id
                + " is not complete: "
                + (channel.hasFirstFrame()
                    ? "its frames are not all here; reading the data of its first frames"
                    : "its frame 0 is not here"));
      }
      channels.add(decodeChannel(Optional.of(id), channel.data().array(), channel.complete()));
      if (failure.isPresent()) {
        return;
      }
    }
  }

  private ObjectNode decodeChannel(Optional<ChannelId> id, byte[] data, boolean allFrames) {
    String name = id.map(i -> "channel " + i).orElse("the channel");
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id.map(i -> i.bytes().toHex()).orElse(null));
    ArrayNode batches = JSON.createArrayNode();
    FrameChannels.Read read = FrameChannels.read(Bytes.wrap(data));
    // A span batch whose transactions do not restore is skipped, as op-node skips it.
    for (BatchReadResult.Read batch : read.batches()) {
      batchJson(batch, name).ifPresent(batches::add);
    }
    read.end().ifPresent(end -> report(name, end));
    out.put("compression", read.compression().map(c -> c.displayName()).orElse(null));
    out.put("compressedBytes", data.length);
    out.put("decompressedBytes", read.decompressedBytes());
    out.put("complete", allFrames && read.isClean());
    out.set("batches", batches);
    return out;
  }

  private void report(String name, BatchReadResult.End end) {
    switch (end.reason()) {
      case END_OF_STREAM -> {}
      case STREAM_ENDS_EARLY, RLP_LIMIT -> note(name + ": " + end.detail());
      case CORRUPT_STREAM, MALFORMED_BATCH, UNREADABLE -> fail(name + ": " + end.detail());
    }
  }

  private Optional<ObjectNode> batchJson(BatchReadResult.Read read, String name) {
    ObjectNode out = JSON.createObjectNode();
    switch (read.batch()) {
      case BatchData.Singular singular -> {
        SingularBatch batch = singular.batch();
        out.put("type", "singular");
        out.put("parentHash", batch.parentHash().toHex());
        out.put("epochNum", unsigned(batch.epochNum()));
        out.put("epochHash", batch.epochHash().toHex());
        out.put("timestamp", unsigned(batch.timestamp()));
        out.set("transactions", hashes(batch.transactions()));
      }
      case BatchData.Span span -> {
        RawSpanBatch batch = span.batch();
        List<List<Bytes>> transactions;
        try {
          transactions = batch.blockTransactions(l2ChainId);
        } catch (BatchFormatException e) {
          fail(
              name
                  + ", batch "
                  + read.index()
                  + " (span batch at byte "
                  + read.offset()
                  + " of the decompressed data): "
                  + e.getMessage());
          return Optional.empty();
        }
        out.put("type", "span");
        out.put("relTimestamp", unsigned(batch.relTimestamp()));
        out.put("l1OriginNum", unsigned(batch.l1OriginNum()));
        out.put("parentCheck", batch.parentCheck().toHex());
        out.put("l1OriginCheck", batch.l1OriginCheck().toHex());
        ArrayNode blocks = out.putArray("blocks");
        long[] origins = batch.blockL1OriginNums();
        for (int i = 0; i < batch.blockCount(); i++) {
          ObjectNode block = blocks.addObject();
          block.put("l1OriginNum", unsigned(origins[i]));
          block.set("transactions", hashes(transactions.get(i)));
        }
      }
    }
    return Optional.of(out);
  }

  private static ArrayNode hashes(List<Bytes> transactions) {
    ArrayNode out = JSON.createArrayNode();
    for (Bytes tx : transactions) {
      out.add(Keccak256.digest(tx.array()).toHex());
    }
    return out;
  }

  /** A uint64 as a JSON number, also above 2^63. */
  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  private void fail(String message) {
    if (failure.isEmpty()) {
      failure = Optional.of(message);
    }
  }

  private void note(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("batch decode: " + message);
    err.flush();
  }

  /** Accepts tx, calldata and channel in any case. */
  static final class KindConverter implements CommandLine.ITypeConverter<Kind> {
    @Override
    public Kind convert(String value) {
      try {
        return Kind.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown kind " + value + ": expected tx, calldata or channel");
      }
    }
  }
}
