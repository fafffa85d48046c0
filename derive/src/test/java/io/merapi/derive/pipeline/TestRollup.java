package io.merapi.derive.pipeline;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.stage.AttributesQueue;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.derive.testing.FakeL2Source;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * A rollup in memory for pipeline tests: an L1 chain, a batcher key, a sequencer that builds L2
 * blocks, and a verifier whose "engine" builds the same blocks from the pipeline's attributes.
 *
 * <p>Block hashes are a digest of the parent, the timestamp and the transactions, so a block the
 * verifier derives has the sequencer's hash exactly when its inputs are the same. The attributes
 * builder is a stand-in whose single deposit names the epoch and sequence number.
 */
final class TestRollup {
  static final long L1_BLOCK_TIME = 12;
  static final long L2_BLOCK_TIME = 2;
  static final long GENESIS_TIME = 1_000_000;
  static final Secp256k1.PrivateKey BATCHER =
      Secp256k1.PrivateKey.fromBytes(Keccak256.digest(new byte[] {1}).toArray());

  final FakeL1 l1 = new FakeL1(GENESIS_TIME, L1_BLOCK_TIME);
  final RollupConfig config;
  final L2BlockRef genesis;
  private long nonce;

  /** The sequencer's chain, and the transactions of its blocks. */
  final List<L2BlockRef> sequencer = new ArrayList<>();

  final Map<Hash, List<Bytes>> sequencedTxs = new HashMap<>();

  /** The verifier's L2 chain, as its engine built it. */
  final FakeL2Source verifierL2;

  final Map<BlobSource.IndexedBlobHash, Bytes> blobs = new HashMap<>();

  TestRollup(UnaryOperator<TestRollupConfig> settings) {
    L1BlockRef l1Genesis = l1.block(0);
    RollupConfig.BlockId l2GenesisId =
        new RollupConfig.BlockId(io.merapi.derive.testing.Blocks.hash("l2 genesis"), 0);
    this.config =
        settings
            .apply(
                TestRollupConfig.builder()
                    .genesis(l1Genesis.id(), l2GenesisId, GENESIS_TIME)
                    .blockTime(L2_BLOCK_TIME)
                    .batcher(BATCHER.address()))
            .build();
    this.genesis =
        new L2BlockRef(l2GenesisId.hash(), 0, Hash.ZERO, GENESIS_TIME, l1Genesis.id(), 0);
    this.verifierL2 = new FakeL2Source(config.genesis().systemConfig());
    verifierL2.add(genesis, List.of());
    sequencer.add(genesis);
    sequencedTxs.put(genesis.hash(), List.of());
  }

  // ---- the stand-in attributes builder and engine ----

  /** The attributes builder: one deposit carrying the epoch and the sequence number. */
  final AttributesQueue.PayloadAttributesBuilder builder =
      (parent, epoch) -> {
        long seq = parent.l1Origin().equals(epoch) ? parent.sequenceNumber() + 1 : 0;
        ByteBuffer info = ByteBuffer.allocate(1 + 32 + 8 + 8);
        info.put((byte) 0x7e).put(epoch.hash().toArray()).putLong(epoch.number()).putLong(seq);
        return new PayloadAttributes(
            parent.time() + L2_BLOCK_TIME,
            Hash.ZERO,
            Address.ZERO,
            Optional.of(List.of()),
            Optional.empty(),
            List.of(Bytes.wrap(info.array())),
            true,
            OptionalLong.of(30_000_000),
            Optional.empty(),
            Optional.empty());
      };

  /** The block an engine builds from {@code attributes} on {@code parent}. */
  static L2BlockRef build(L2BlockRef parent, PayloadAttributes attributes) {
    ByteArrayOutputStream digest = new ByteArrayOutputStream();
    digest.writeBytes(parent.hash().toArray());
    digest.writeBytes(ByteBuffer.allocate(8).putLong(attributes.timestamp()).array());
    for (Bytes tx : attributes.transactions()) {
      digest.writeBytes(Keccak256.digest(tx.toArray()).toArray());
    }
    ByteBuffer info = ByteBuffer.wrap(attributes.transactions().get(0).toArray());
    info.get();
    byte[] epochHash = new byte[32];
    info.get(epochHash);
    long epochNumber = info.getLong();
    long seq = info.getLong();
    return new L2BlockRef(
        Keccak256.digest(digest.toByteArray()),
        parent.number() + 1,
        parent.hash(),
        attributes.timestamp(),
        new RollupConfig.BlockId(Hash.wrap(epochHash), epochNumber),
        seq);
  }

  // ---- the sequencer and the batcher ----

  L2BlockRef sequencerHead() {
    return sequencer.get(sequencer.size() - 1);
  }

  /** The sequencer's next block in {@code epoch}, with {@code txs}. */
  L2BlockRef sequence(L1BlockRef epoch, Bytes... txs) {
    L2BlockRef head = sequencerHead();
    PayloadAttributes base = builder.prepare(head, epoch.id());
    List<Bytes> all = new ArrayList<>(base.transactions());
    all.addAll(List.of(txs));
    L2BlockRef block = build(head, base.withTransactions(all));
    sequencer.add(block);
    sequencedTxs.put(block.hash(), List.of(txs));
    return block;
  }

  /** Blocks until the sequencer's head is at {@code time} or later, in {@code epoch}. */
  List<L2BlockRef> sequenceUntil(L1BlockRef epoch, long time) {
    List<L2BlockRef> out = new ArrayList<>();
    while (sequencerHead().time() < time) {
      out.add(sequence(epoch, userTx(sequencerHead().number() + 1)));
    }
    return out;
  }

  static final Secp256k1.PrivateKey USER =
      Secp256k1.PrivateKey.fromBytes(Keccak256.digest(new byte[] {2}).toArray());

  /** A signed L2 transfer with nonce {@code nonce} (span batches carry real transactions). */
  static Bytes userTx(long nonce) {
    return Bytes.wrap(
        new DynamicFeeTransaction(
                901,
                nonce,
                UInt256.ONE,
                UInt256.valueOf(1_000_000_000L),
                21_000,
                Optional.of(Address.fromHex("0x00000000000000000000000000000000000b0b00")),
                UInt256.valueOf(nonce + 1),
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO)
            .sign(USER)
            .encoded());
  }

  SingularBatch batchOf(L2BlockRef block) {
    return new SingularBatch(
        block.parentHash(),
        block.l1Origin().number(),
        block.l1Origin().hash(),
        block.time(),
        sequencedTxs.get(block.hash()));
  }

  List<SingularBatch> batchesOf(List<L2BlockRef> blocks) {
    return blocks.stream().map(this::batchOf).toList();
  }

  /** A batcher transaction carrying {@code frames}, signed by {@code key}. */
  Transaction batcherTx(List<Frame> frames, Secp256k1.PrivateKey key, Address to) {
    return new DynamicFeeTransaction(
            config.l1ChainId(),
            nonce++,
            UInt256.ONE,
            UInt256.valueOf(10_000_000_000L),
            1_000_000,
            Optional.of(to),
            UInt256.ZERO,
            BatcherTransaction.encode(frames),
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  Transaction batcherTx(List<Frame> frames) {
    return batcherTx(frames, BATCHER, config.batchInboxAddress());
  }

  Transaction batcherTx(Frame... frames) {
    return batcherTx(List.of(frames));
  }

  // ---- the verifier ----

  BlobSource blobSource() {
    return (ref, hashes) ->
        hashes.stream()
            .map(
                h -> {
                  Bytes blob = blobs.get(h);
                  if (blob == null) {
                    throw new DerivationException.Temporary("no blob " + h);
                  }
                  return blob;
                })
            .toList();
  }

  DerivationPipeline pipeline() {
    return new DerivationPipeline(config, l1, blobSource(), verifierL2, builder);
  }

  /** What a verifier did: the blocks it built and the attributes it got. */
  final class Verifier {
    final DerivationPipeline pipeline;
    L2BlockRef safeHead;
    final List<AttributesWithParent> derived = new ArrayList<>();

    Verifier(DerivationPipeline pipeline, L2BlockRef safeHead) {
      this.pipeline = pipeline;
      this.safeHead = safeHead;
    }

    /** Steps until the pipeline waits for L1; builds every block it derives. */
    Verifier deriveAll() {
      for (int i = 0; i < 100_000; i++) {
        StepResult result = pipeline.step(safeHead);
        switch (result) {
          case StepResult.Attributes a -> accept(a.attributes());
          case StepResult.Idle idle -> {
            return this;
          }
          default -> {}
        }
      }
      throw new AssertionError("the pipeline did not go idle");
    }

    void accept(AttributesWithParent a) {
      derived.add(a);
      L2BlockRef block = build(a.parent(), a.attributes());
      verifierL2.truncate(block.number());
      verifierL2.add(block, a.attributes().transactions());
      safeHead = block;
    }
  }

  Verifier verifier() {
    return new Verifier(pipeline(), genesis);
  }
}
