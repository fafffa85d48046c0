package io.merapi.derive.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * L1 retrieval (specs derivation.md "L1 Retrieval", ecotone/derivation.md "Ecotone: Blob
 * Retrieval"; op-node's calldata_source_test.go and blob_data_source_test.go): which transactions
 * are batcher transactions, and the order of calldata and blobs within a block.
 */
class L1RetrievalTest {
  static final Secp256k1.PrivateKey BATCHER = key(1);
  static final Secp256k1.PrivateKey STRANGER = key(2);
  static final L1BlockRef BLOCK = new L1BlockRef(Blocks.hash("b"), 7, Blocks.hash("a"), 5000);

  static Secp256k1.PrivateKey key(int seed) {
    return Secp256k1.PrivateKey.fromBytes(Keccak256.digest(new byte[] {(byte) seed}).toArray());
  }

  static Bytes data(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  static Transaction tx(Secp256k1.PrivateKey key, Address to, String input) {
    return new DynamicFeeTransaction(
            900,
            0,
            UInt256.ONE,
            UInt256.valueOf(100),
            100_000,
            Optional.of(to),
            UInt256.ZERO,
            data(input),
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  static Transaction legacy(Secp256k1.PrivateKey key, Address to, String input) {
    return new LegacyTransaction(
            0,
            UInt256.valueOf(100),
            100_000,
            Optional.of(to),
            UInt256.ZERO,
            data(input),
            UInt256.valueOf(27),
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  static Transaction blobTx(Secp256k1.PrivateKey key, Address to, String input, Hash... hashes) {
    return new BlobTransaction(
            900,
            0,
            UInt256.ONE,
            UInt256.valueOf(100),
            100_000,
            to,
            UInt256.ZERO,
            data(input),
            AccessList.EMPTY,
            UInt256.ONE,
            List.of(hashes),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            Optional.empty())
        .sign(key);
  }

  /** An L1 source with one block of transactions. */
  static L1Source l1(List<Transaction> txs) {
    return new L1Source() {
      @Override
      public Optional<L1BlockRef> blockRefByNumber(long number) {
        return Optional.empty();
      }

      @Override
      public L1BlockRef blockRefByHash(Hash hash) {
        return BLOCK;
      }

      @Override
      public Header headerByHash(Hash hash) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<Transaction> transactionsByHash(Hash hash) {
        return txs;
      }

      @Override
      public List<Receipt> receiptsByHash(Hash hash) {
        return List.of();
      }
    };
  }

  static List<String> readAll(DataAvailabilitySource.DataIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next() instanceof StageResult.Ready<Bytes>(var d)) {
      out.add(new String(d.toArray(), StandardCharsets.UTF_8));
    }
    return out;
  }

  final RollupConfig bedrock = TestRollupConfig.builder().build();
  final Address inbox = bedrock.batchInboxAddress();

  /** op-node's calldata source cases: only the batcher's transactions to the inbox count. */
  @Test
  void calldataFromTheBatcherToTheInboxOnly() {
    List<Transaction> txs =
        List.of(
            tx(BATCHER, inbox, "valid"),
            tx(STRANGER, inbox, "wrong sender"),
            tx(BATCHER, Address.fromHex("0x00000000000000000000000000000000000000aa"), "wrong to"),
            legacy(BATCHER, inbox, "legacy valid"),
            // Before Ecotone a blob transaction's calldata is read like any other.
            blobTx(BATCHER, inbox, "blob tx calldata", Blocks.hash("h")));
    L1DataSource source = new L1DataSource(bedrock, l1(txs), (b, h) -> List.of());
    assertThat(readAll(source.open(BLOCK, BATCHER.address())))
        .containsExactly("valid", "legacy valid", "blob tx calldata");
  }

  /** Nothing is fetched until asked; a failing source can be asked again. */
  @Test
  void fetchingIsLazyAndRetried() {
    boolean[] fail = {true};
    L1Source flaky =
        new L1Source() {
          final L1Source inner = l1(List.of(tx(BATCHER, inbox, "x")));

          @Override
          public Optional<L1BlockRef> blockRefByNumber(long number) {
            return inner.blockRefByNumber(number);
          }

          @Override
          public L1BlockRef blockRefByHash(Hash hash) {
            return inner.blockRefByHash(hash);
          }

          @Override
          public Header headerByHash(Hash hash) {
            return inner.headerByHash(hash);
          }

          @Override
          public List<Transaction> transactionsByHash(Hash hash) {
            if (fail[0]) {
              throw new DerivationException.Temporary("L1 not answering");
            }
            return inner.transactionsByHash(hash);
          }

          @Override
          public List<Receipt> receiptsByHash(Hash hash) {
            return List.of();
          }
        };
    DataAvailabilitySource.DataIterator it =
        new L1DataSource(bedrock, flaky, (b, h) -> List.of()).open(BLOCK, BATCHER.address());
    assertThatThrownBy(it::next).isInstanceOf(DerivationException.Temporary.class);
    fail[0] = false;
    assertThat(readAll(it)).containsExactly("x");
  }

  /**
   * From Ecotone, calldata and blobs in block order; a blob's index counts every blob of the block;
   * blob transactions' calldata is ignored; a blob that does not decode is skipped.
   */
  @Test
  void blobsAndCalldataInBlockOrder() {
    RollupConfig ecotone = TestRollupConfig.builder().fork(OpFork.ECOTONE, 0).build();
    Hash h0 = Blocks.hash("blob 0");
    Hash h1 = Blocks.hash("blob 1");
    Hash other = Blocks.hash("someone else's blob");
    Hash h3 = Blocks.hash("blob 3");
    Hash bad = Blocks.hash("bad blob");
    List<Transaction> txs =
        List.of(
            tx(BATCHER, inbox, "calldata 1"),
            blobTx(BATCHER, inbox, "ignored", h0, h1),
            blobTx(STRANGER, inbox, "ignored", other),
            tx(BATCHER, inbox, "calldata 2"),
            blobTx(BATCHER, inbox, "ignored", h3, bad));
    Map<Hash, Bytes> stored =
        Map.of(
            h0, BlobEncoding.encode(data("blob zero")),
            h1, BlobEncoding.encode(data("blob one")),
            h3, BlobEncoding.encode(data("blob three")),
            bad, Bytes.wrap(new byte[BlobEncoding.BLOB_SIZE - 1]));
    List<BlobSource.IndexedBlobHash> asked = new ArrayList<>();
    BlobSource blobs =
        (block, hashes) -> {
          asked.addAll(hashes);
          return hashes.stream().map(h -> stored.get(h.hash())).toList();
        };
    DataAvailabilitySource.DataIterator it =
        new L1DataSource(ecotone, l1(txs), blobs).open(BLOCK, BATCHER.address());
    assertThat(readAll(it))
        .containsExactly("calldata 1", "blob zero", "blob one", "calldata 2", "blob three");
    assertThat(asked)
        .containsExactly(
            new BlobSource.IndexedBlobHash(0, h0),
            new BlobSource.IndexedBlobHash(1, h1),
            new BlobSource.IndexedBlobHash(3, h3),
            new BlobSource.IndexedBlobHash(4, bad));
  }

  /** A blob source that answers with the wrong number of blobs is a reset error (op-node). */
  @Test
  void missingBlobsAreAResetError() {
    RollupConfig ecotone = TestRollupConfig.builder().fork(OpFork.ECOTONE, 0).build();
    List<Transaction> txs = List.of(blobTx(BATCHER, inbox, "", Blocks.hash("a"), Blocks.hash("b")));
    DataAvailabilitySource.DataIterator it =
        new L1DataSource(ecotone, l1(txs), (b, h) -> List.of(Bytes.EMPTY))
            .open(BLOCK, BATCHER.address());
    assertThatThrownBy(it::next).isInstanceOf(DerivationException.Reset.class);
  }

  /** L1 retrieval reads the block traversal hands it, with that block's batcher. */
  @Test
  void retrievalReadsTheTraversedBlockOnce() {
    List<Transaction> txs = List.of(tx(BATCHER, inbox, "one"), tx(STRANGER, inbox, "two"));
    java.util.ArrayDeque<StageResult<L1Traversal.TraversedBlock>> blocks =
        new java.util.ArrayDeque<>(
            List.of(
                StageResult.ready(
                    new L1Traversal.TraversedBlock(
                        BLOCK,
                        withBatcher(bedrock.genesis().systemConfig(), STRANGER.address())))));
    L1Retrieval retrieval =
        new L1Retrieval(
            () -> blocks.isEmpty() ? StageResult.eof() : blocks.poll(),
            new L1DataSource(bedrock, l1(txs), (b, h) -> List.of()));
    assertThat(retrieval.nextData()).isEqualTo(StageResult.ready(data("two")));
    assertThat(retrieval.nextData()).isInstanceOf(StageResult.Eof.class);
    assertThat(retrieval.nextData()).isInstanceOf(StageResult.Eof.class);
  }

  static RollupConfig.SystemConfig withBatcher(RollupConfig.SystemConfig c, Address batcher) {
    return new RollupConfig.SystemConfig(
        batcher,
        c.overhead(),
        c.scalar(),
        c.gasLimit(),
        c.eip1559Params(),
        c.operatorFeeParams(),
        c.minBaseFee(),
        c.daFootprintGasScalar());
  }
}
