package io.merapi.derive.actions;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.BlockToBatch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SingularBatchCodec;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.ShadowCompressor;
import io.merapi.derive.channel.SingularChannelOut;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.types.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The batcher (op-e2e's {@code L2Batcher}): takes the sequencer's unsafe blocks after its safe
 * head, writes them into channels with derivation's encoder ({@link SingularChannelOut} or {@link
 * SpanChannelOut}, zlib or brotli), cuts the channels into frames and sends them to the batch inbox
 * from the batcher key, as calldata or as blobs. Everything is a separate action so that a scenario
 * can hold data back (the sequencing window expires), drop or delay frames (a channel times out),
 * or send garbage in between.
 *
 * <p>As op-batcher does, it starts from the sequencer's safe head, catches up when the safe head
 * passes what it buffered, and starts over from the safe head when the unsafe chain reorgs under
 * it.
 */
final class Batcher {
  enum BatchType {
    SINGULAR,
    SPAN
  }

  enum DataAvailability {
    CALLDATA,
    BLOBS
  }

  /** op-e2e's garbage kinds: broken transactions, broken frames, broken channels. */
  enum GarbageKind {
    /** The frame without its derivation version byte. */
    STRIP_VERSION,
    /** Random bytes. */
    RANDOM,
    /** The frame less its last 4 bytes. */
    TRUNCATE_END,
    /** The frame with 4 bytes after it. */
    DIRTY_APPEND,
    /** A whole channel of a valid batch compressed with gzip, which no reader accepts. */
    INVALID_COMPRESSION,
    /** A whole zlib channel whose content is not RLP. */
    MALFORM_RLP
  }

  /**
   * How the batcher writes: batch type, compression, data availability, the largest frame (on the
   * wire, with its overhead) and how many frames a channel may grow to before it is full.
   */
  record Config(
      BatchType batchType,
      CompressionAlgo compression,
      DataAvailability dataAvailability,
      int maxFrameSize,
      int targetFrames,
      int blobsPerTransaction) {
    static Config of(BatchType type, CompressionAlgo compression, DataAvailability da) {
      return new Config(
          type,
          compression,
          da,
          da == DataAvailability.CALLDATA
              ? ChannelOut.MAX_CALLDATA_FRAME_SIZE
              : ChannelOut.MAX_BLOB_FRAME_SIZE,
          1,
          1);
    }

    /** The same with frames of at most {@code size} bytes, a channel filling {@code frames}. */
    Config withFrames(int size, int frames) {
      return new Config(
          batchType, compression, dataAvailability, size, frames, blobsPerTransaction);
    }

    Config withBlobsPerTransaction(int blobs) {
      return new Config(
          batchType, compression, dataAvailability, maxFrameSize, targetFrames, blobs);
    }
  }

  /** What the batcher sent, for the scenarios' figures. */
  static final class Stats {
    int blocks;
    int channels;
    int frames;
    int transactions;
    int blobs;
    long compressedBytes;
    int garbage;

    @Override
    public String toString() {
      return "blocks="
          + blocks
          + " channels="
          + channels
          + " frames="
          + frames
          + " txs="
          + transactions
          + " blobs="
          + blobs
          + " bytes="
          + compressedBytes
          + " garbage="
          + garbage;
    }
  }

  private Config config;
  private final L1Miner l1;
  private final Sequencer sequencer;
  private final ChannelOutConfig channelConfig;
  private final InboxSender sender;
  private final SplittableRandom random;
  private ChannelOut channel;
  private L2BlockRef buffered;
  private boolean started;
  final Stats stats = new Stats();

  Batcher(RollupSetup setup, L1Miner l1, Sequencer sequencer, Config config, long seed) {
    this(setup, l1, sequencer, config, seed, RollupSetup.BATCHER_KEY);
  }

  /** A batcher signing with {@code key} (another batcher, after the SystemConfig names it). */
  Batcher(
      RollupSetup setup,
      L1Miner l1,
      Sequencer sequencer,
      Config config,
      long seed,
      Secp256k1.PrivateKey key) {
    this.config = config;
    this.l1 = l1;
    this.sequencer = sequencer;
    this.channelConfig = ChannelOutConfig.of(setup.rollup());
    this.random = new SplittableRandom(seed);
    this.sender =
        new InboxSender(
            new Wallet(key, l1.chainId(), () -> l1.nonce(key.address())),
            setup.rollup().batchInboxAddress());
  }

  Config config() {
    return config;
  }

  /** Writes the next channels differently (a batcher reconfigured at a fork). */
  void setConfig(Config config) {
    if (channel != null) {
      throw new IllegalStateException(
          "close the open channel before changing how channels are written");
    }
    this.config = config;
  }

  /** The last block written into a channel (or the safe head it started from). */
  L2BlockRef buffered() {
    return buffered;
  }

  /**
   * Writes the next unsafe block into the open channel (op-e2e {@code ActL2BatchBuffer}).
   *
   * @return false if there is no block to write, or the channel is full (close and submit it)
   */
  boolean bufferBlock() {
    return bufferBlock(UnaryOperator.identity());
  }

  /**
   * Writes the next unsafe block with its transactions changed by {@code modifier} (op-e2e's {@code
   * BlockModifier}: a batcher that posts a block the sequencer did not build).
   */
  boolean bufferBlock(UnaryOperator<List<Transaction>> modifier) {
    L2BlockRef safe = sequencer.safeHead();
    L2BlockRef unsafe = sequencer.unsafeHead();
    if (!started || Long.compareUnsigned(buffered.number(), safe.number()) < 0) {
      startOver(safe);
    }
    if (Long.compareUnsigned(buffered.number(), unsafe.number()) >= 0) {
      if (buffered.number() != unsafe.number() || !buffered.hash().equals(unsafe.hash())) {
        startOver(safe); // the unsafe chain reorged under what was buffered
      } else {
        return false;
      }
    }
    L2Chain.L2Block block = sequencer.chain().block(buffered.number() + 1);
    if (!block.header().parentHash().equals(buffered.hash())) {
      startOver(safe);
      block = sequencer.chain().block(buffered.number() + 1);
    }
    if (channel == null) {
      channel = newChannel();
      stats.channels++;
    }
    BlockToBatch.Result batch =
        BlockToBatch.toSingularBatch(
            block.header().parentHash(), block.time(), modifier.apply(block.transactions()));
    ChannelOut.AddResult added = channel.addSingularBatch(batch.batch(), batch.sequenceNumber());
    if (added != ChannelOut.AddResult.ADDED) {
      return false;
    }
    stats.blocks++;
    buffered = block.ref();
    return true;
  }

  /** Writes every unsafe block not yet written, as far as the open channel takes them. */
  void bufferAll() {
    while (bufferBlock()) {
      // next block
    }
  }

  /**
   * Forgets everything buffered and sent: the next block written is the one after the sequencer's
   * safe head (op-batcher requeues the blocks of a channel that timed out or whose transactions
   * were reorged out).
   */
  void startOverFromSafeHead() {
    startOver(sequencer.safeHead());
  }

  /**
   * A separate singular channel holding the batches of the sequencer's blocks {@code numbers} in
   * that order (repeats allowed), cut into {@code frames} frames of equal size: the raw material of
   * op-e2e's Holocene ordering scenarios. The batcher's own progress is not touched.
   */
  List<Frame> channelOf(List<Long> numbers, int frames) {
    ChannelOut out =
        new SingularChannelOut(
            channelConfig,
            new ShadowCompressor(
                ChannelOut.targetOutputSize(1000, config.maxFrameSize()), config.compression()),
            random);
    for (long n : numbers) {
      L2Chain.L2Block block = sequencer.chain().block(n);
      BlockToBatch.Result batch =
          BlockToBatch.toSingularBatch(
              block.header().parentHash(), block.time(), block.transactions());
      if (out.addSingularBatch(batch.batch(), batch.sequenceNumber())
          != ChannelOut.AddResult.ADDED) {
        throw new IllegalStateException("block " + n + " does not fit the channel");
      }
    }
    out.close();
    int ready = out.readyBytes();
    int frameSize = Frame.OVERHEAD + (ready + frames - 1) / frames;
    List<Frame> result = out.outputFrames(frameSize);
    if (result.size() != frames) {
      throw new IllegalStateException(ready + " bytes made " + result.size() + " frames");
    }
    stats.channels++;
    return result;
  }

  /** Closes the open channel and returns all its frames, to be sent by the caller. */
  List<Frame> closeChannel() {
    if (channel == null) {
      throw new IllegalStateException("no channel to close: buffer blocks first");
    }
    List<Frame> frames = channel.outputFrames(config.maxFrameSize());
    channel = null;
    return frames;
  }

  /** Sends {@code frames}: one calldata transaction each, or one blob each in blob transactions. */
  List<Transaction> send(List<Frame> frames) {
    List<Transaction> txs = new ArrayList<>();
    if (config.dataAvailability() == DataAvailability.CALLDATA) {
      for (Frame frame : frames) {
        txs.add(sendCalldata(BatcherTransaction.encode(frame)));
      }
    } else {
      for (int i = 0; i < frames.size(); i += config.blobsPerTransaction()) {
        List<Bytes> blobs = new ArrayList<>();
        for (Frame frame :
            frames.subList(i, Math.min(frames.size(), i + config.blobsPerTransaction()))) {
          blobs.add(BlobEncoding.encode(BatcherTransaction.encode(frame)));
        }
        Transaction tx = sender.blobs(blobs);
        l1.submit(tx);
        stats.transactions++;
        stats.blobs += blobs.size();
        txs.add(tx);
      }
    }
    for (Frame frame : frames) {
      stats.frames++;
      stats.compressedBytes += frame.data().length();
    }
    return txs;
  }

  /** Sends {@code data} as the calldata of one batcher transaction, whatever it holds. */
  Transaction sendCalldata(Bytes data) {
    Transaction tx = sender.calldata(data);
    l1.submit(tx);
    stats.transactions++;
    return tx;
  }

  /**
   * Writes every unsafe block and sends the resulting channels (op-e2e {@code ActSubmitAll}): a
   * channel that fills up is closed and sent, and the next one takes the remaining blocks.
   */
  List<Transaction> submitAll() {
    List<Transaction> txs = new ArrayList<>();
    while (true) {
      bufferAll();
      if (channel == null) {
        return txs;
      }
      boolean more = Long.compareUnsigned(buffered.number(), sequencer.unsafeHead().number()) < 0;
      txs.addAll(send(closeChannel()));
      if (!more) {
        return txs;
      }
    }
  }

  /**
   * Sends garbage to the inbox from the batcher key. The frame kinds break {@code frame} (a real
   * frame, which the caller sends properly afterwards or not); the channel kinds need none.
   */
  Transaction sendGarbage(GarbageKind kind, Frame frame) {
    stats.garbage++;
    Bytes valid = BatcherTransaction.encode(frame);
    byte[] v = valid.array();
    Bytes data =
        switch (kind) {
          case STRIP_VERSION -> valid.slice(1, v.length);
          case RANDOM -> {
            byte[] junk = new byte[1 + random.nextInt(512)];
            random.nextBytes(junk);
            yield Bytes.wrap(junk);
          }
          case TRUNCATE_END -> valid.slice(0, v.length - 4);
          case DIRTY_APPEND -> {
            byte[] longer = java.util.Arrays.copyOf(v, v.length + 4);
            System.arraycopy(
                new byte[] {(byte) 0xba, (byte) 0xd0, (byte) 0xc0, (byte) 0xde},
                0,
                longer,
                v.length,
                4);
            yield Bytes.wrap(longer);
          }
          case INVALID_COMPRESSION, MALFORM_RLP -> garbageChannel(kind);
        };
    return sendCalldata(data);
  }

  /** A one-frame channel that parses as frames but whose content no channel reader accepts. */
  private Bytes garbageChannel(GarbageKind kind) {
    byte[] content;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (kind == GarbageKind.INVALID_COMPRESSION) {
        // A real batch of the next block, gzip instead of zlib.
        L2Chain.L2Block block = sequencer.chain().head();
        SingularBatch batch =
            BlockToBatch.toSingularBatch(
                    block.header().parentHash(), block.time(), block.transactions())
                .batch();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
          gzip.write(singularBatchRlp(batch));
        }
      } else {
        // A list header promising 255 bytes, then too few of them.
        try (DeflaterOutputStream zlib =
            new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
          zlib.write(new byte[] {(byte) 0xb8, (byte) 0xff, 0x00, 0x01, 0x02});
        }
      }
      content = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] id = new byte[ChannelId.LENGTH];
    random.nextBytes(id);
    return BatcherTransaction.encode(
        new Frame(new ChannelId(Bytes.wrap(id)), 0, Bytes.wrap(content), true));
  }

  /** A singular batch as a channel carries it: an RLP string of {@code 0x00 ++ content}. */
  private static byte[] singularBatchRlp(SingularBatch batch) {
    byte[] content = SingularBatchCodec.encode(batch).array();
    byte[] typed = new byte[content.length + 1];
    typed[0] = (byte) SingularBatch.TYPE;
    System.arraycopy(content, 0, typed, 1, content.length);
    return new RlpWriter(typed.length + 8).writeBytes(typed).toByteArray();
  }

  private ChannelOut newChannel() {
    long target = ChannelOut.targetOutputSize(config.targetFrames(), config.maxFrameSize());
    return switch (config.batchType()) {
      case SINGULAR ->
          new SingularChannelOut(
              channelConfig, new ShadowCompressor(target, config.compression()), random);
      case SPAN -> new SpanChannelOut(channelConfig, target, config.compression(), 0, random);
    };
  }

  private void startOver(L2BlockRef safe) {
    started = true;
    buffered = safe;
    channel = null;
  }
}
