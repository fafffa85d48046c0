package io.merapi.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.batcher.channel.TestChain;
import io.merapi.batcher.metrics.BatcherMetrics;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.Networks;
import io.merapi.service.rollup.OutputResponse;
import io.merapi.service.rollup.RollupClient;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxManagerException;
import io.merapi.service.txmgr.TxResult;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The submitter's turns against hand-written fakes of the rollup node, the L2 engine and the
 * transaction manager: where it starts, when it starts again from the safe head, how many
 * transactions it has in flight, and what a failed transaction does.
 */
class BatchSubmitterTest {
  private static final RollupConfig ROLLUP = Networks.rollupConfig("op-sepolia");
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

  private final TestChain chain = new TestChain();
  private final Map<Long, Block> l2 = new HashMap<>();
  private final Map<Long, Integer> reads = new HashMap<>();
  private final FakeRollup rollup = new FakeRollup();
  private final FakeTxManager txs = new FakeTxManager();

  /** Calldata channels closed after one L1 block; one frame a transaction. */
  private BatchSubmitter submitter(int maxPendingTx) {
    BatcherConfig config =
        BatcherConfig.defaults(
                URI.create("http://l1"), URI.create("http://l2"), URI.create("http://rollup"), KEY)
            .withSubSafetyMargin(4)
            .withChannels(
                1,
                1,
                io.merapi.derive.channel.CompressionAlgo.ZLIB,
                io.merapi.batcher.channel.BatchType.SINGULAR,
                DataAvailability.CALLDATA);
    return new BatchSubmitter(
        rollup,
        n -> {
          reads.merge(n, 1, Integer::sum);
          return Optional.ofNullable(l2.get(n));
        },
        txs,
        r ->
            BatcherService.channelManager(
                config,
                r,
                () -> {
                  throw new IllegalStateException("no auto here");
                }),
        new BatcherMetrics(),
        Duration.ofMillis(100),
        maxPendingTx,
        true);
  }

  private void build(int count) {
    for (int i = 0; i < count; i++) {
      Block block = chain.next(1, 1, 50);
      l2.put(block.number(), block);
    }
  }

  private static L1BlockRef l1(long number) {
    return new L1BlockRef(
        Keccak256.digest(new byte[] {(byte) number, 9}), number, Hash.ZERO, number * 12);
  }

  private L2BlockRef ref(long number) {
    Hash hash = number == 0 ? Hash.ZERO : l2.get(number).hash();
    return new L2BlockRef(hash, number, Hash.ZERO, number * 2, new BlockId(Hash.ZERO, 1), 0);
  }

  private void status(long l1Head, long safe, long unsafe) {
    rollup.status =
        new SyncStatus(
            l1(l1Head), l1(0), l1(l1Head), l1(0), l1(0), ref(unsafe), ref(safe), ref(0), ref(safe));
  }

  @Test
  void itStartsAfterTheSafeHeadAndSendsClosedChannels() {
    build(3);
    status(5, 0, 3);
    BatchSubmitter submitter = submitter(0);
    submitter.step();
    assertThat(reads).containsOnlyKeys(1L, 2L, 3L);
    assertThat(txs.sent).hasSize(1);
    TxCandidate tx = txs.sent.get(0);
    assertThat(tx.to()).isEqualTo(ROLLUP.batchInboxAddress());
    assertThat(tx.blobs()).isEmpty();
    assertThat(tx.data().array()[0]).isZero(); // DERIVATION_VERSION_0
    // Nothing new: nothing is read again or sent.
    txs.confirm(0, 6);
    submitter.step();
    assertThat(reads.values()).containsOnly(1);
    assertThat(txs.sent).hasSize(1);
  }

  @Test
  void anL2ReorgStartsAgainFromTheSafeHead() {
    build(3);
    status(5, 0, 3);
    BatchSubmitter submitter = submitter(0);
    submitter.step();
    // The sequencer replaced block 3 and built 4 on the new one.
    Block replaced = chain.add(l2.get(2L).hash(), 3, 1, 2, 40);
    l2.put(3L, replaced);
    l2.put(4L, chain.add(replaced.hash(), 4, 1, 1, 40));
    status(6, 0, 4);
    submitter.step(); // block 4 does not extend the loaded 3: reset
    submitter.step(); // from the safe head 0 again
    assertThat(reads.get(1L)).isEqualTo(2);
    assertThat(reads.get(4L)).isEqualTo(2);
  }

  @Test
  void aSafeHeadThatMovesBackStartsAgainFromIt() {
    build(4);
    status(5, 3, 4);
    BatchSubmitter submitter = submitter(0);
    submitter.step();
    assertThat(reads).containsOnlyKeys(4L);
    status(6, 1, 4); // an L1 reorg took blocks 2 and 3 out of the safe chain
    submitter.step();
    assertThat(reads.get(2L)).isEqualTo(1);
    assertThat(reads.get(4L)).isEqualTo(2);
  }

  @Test
  void atMostMaxPendingTxAreInFlightAndAFailedOneIsResent() {
    build(6);
    status(5, 0, 2);
    BatchSubmitter submitter = submitter(1);
    submitter.step(); // channel of 1..2 closed at L1 5
    status(7, 0, 4);
    submitter.step(); // channel of 3..4 ready, but one transaction is in flight
    assertThat(txs.sent).hasSize(1);
    assertThat(submitter.inFlight()).isEqualTo(1);

    txs.fail(0);
    submitter.step();
    assertThat(txs.sent).hasSize(2);
    // op-sepolia's Holocene is after these blocks: the same frame goes again.
    assertThat(txs.sent.get(1).data()).isEqualTo(txs.sent.get(0).data());

    txs.confirm(1, 8);
    submitter.step();
    assertThat(txs.sent).hasSize(3);
    assertThat(txs.sent.get(2).data()).isNotEqualTo(txs.sent.get(0).data());
  }

  @Test
  void aSafeHeadPastWhatWasLoadedContinuesFromIt() {
    build(5);
    status(5, 0, 2);
    BatchSubmitter submitter = submitter(0);
    submitter.step();
    status(6, 4, 5); // another batcher posted 1..4
    submitter.step();
    assertThat(reads).containsOnlyKeys(1L, 2L, 5L);
  }

  @Test
  void anUnreachableRollupNodeIsLoggedOnceAndRetriedWithBackoff() {
    build(2);
    status(5, 0, 2);
    BatchSubmitter submitter = submitter(0);
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(BatchSubmitter.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      rollup.down = true;
      assertThat(submitter.turn()).isEqualTo(Duration.ofMillis(100));
      assertThat(submitter.turn()).isEqualTo(Duration.ofMillis(200));
      assertThat(submitter.turn()).isEqualTo(Duration.ofMillis(400));
      rollup.down = false;
      assertThat(submitter.turn()).isEqualTo(Duration.ofMillis(100));
      assertThat(txs.sent).hasSize(1);
    } finally {
      logger.detachAppender(lines);
    }
    List<String> warnings =
        lines.list.stream()
            .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
            .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(warnings)
        .containsExactly(
            "Batcher step failed, retrying with backoff: optimism_syncStatus failed after 5"
                + " tries: connection refused");
    assertThat(lines.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .contains(
            "Batcher recovered after: optimism_syncStatus failed after 5 tries: connection"
                + " refused");
  }

  private static final class FakeRollup implements RollupClient {
    SyncStatus status;
    boolean down;

    @Override
    public SyncStatus syncStatus() {
      if (down) {
        throw new io.merapi.service.rollup.RollupClientException(
            "optimism_syncStatus failed after 5 tries: connection refused", true, null);
      }
      return status;
    }

    @Override
    public OutputResponse outputAtBlock(long blockNumber) {
      throw new UnsupportedOperationException("the batcher reads no outputs");
    }

    @Override
    public RollupConfig rollupConfig() {
      return ROLLUP;
    }

    @Override
    public void close() {}
  }

  /** Records candidates; the test completes their futures. */
  private static final class FakeTxManager implements TxManager {
    final List<TxCandidate> sent = new ArrayList<>();
    final List<CompletableFuture<TxResult>> futures = new ArrayList<>();

    @Override
    public Address from() {
      return KEY.address();
    }

    @Override
    public TxResult send(TxCandidate candidate) {
      throw new UnsupportedOperationException("the batcher sends asynchronously");
    }

    @Override
    public io.merapi.service.txmgr.GasPriceEstimate suggestGasPriceCaps() {
      throw new UnsupportedOperationException("these tests choose calldata or blobs up front");
    }

    @Override
    public CompletableFuture<TxResult> sendAsync(TxCandidate candidate) {
      sent.add(candidate);
      CompletableFuture<TxResult> future = new CompletableFuture<>();
      futures.add(future);
      return future;
    }

    void confirm(int index, long l1Block) {
      futures
          .get(index)
          .complete(
              new TxResult(Hash.ZERO, Hash.ZERO, l1Block, true, 21_000, UInt256.ONE, 0, index));
    }

    void fail(int index) {
      futures.get(index).completeExceptionally(new TxManagerException("fee cap exceeded"));
    }

    @Override
    public void close() {}
  }
}
