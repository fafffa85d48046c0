package io.merapi.batcher.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.frame.ChannelId;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig.BlockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reorgs, failed and landed transactions, timeouts and the switch of data availability. */
class ChannelManagerTest {
  private final TestChain chain = new TestChain();

  /** Channels of one calldata frame that close after two L1 blocks. */
  private static ChannelConfig config(boolean blobs) {
    ChannelConfig base =
        new ChannelConfig(
            3600,
            20,
            2,
            4,
            50_000,
            1,
            CompressorKind.SHADOW,
            0.5,
            CompressionAlgo.ZLIB,
            BatchType.SPAN,
            false);
    return blobs ? base.asBlobs(1) : base;
  }

  private static ChannelManager manager(boolean holocene) {
    return manager(ChannelConfigProvider.fixed(config(false)), holocene);
  }

  private static ChannelManager manager(ChannelConfigProvider provider, boolean holocene) {
    ChannelManager manager =
        new ChannelManager(provider, TestChain.CHAIN, t -> holocene, new SplittableRandom(5));
    manager.clear(0);
    return manager;
  }

  private static BlockId l1(long number) {
    return new BlockId(Hash.ZERO, number);
  }

  private void addBlocks(ChannelManager manager, int count) throws L2ReorgException {
    for (int i = 0; i < count; i++) {
      manager.addL2Block(chain.next(1, 1, 100));
    }
  }

  @Test
  void aBlockNotOnTheLastOneIsAReorg() throws Exception {
    ChannelManager manager = manager(false);
    Block first = chain.next(1, 1, 10);
    manager.addL2Block(first);
    manager.addL2Block(chain.next(1, 1, 10));
    Block sibling = chain.add(first.hash(), 2, 1, 1, 20);
    assertThatThrownBy(() -> manager.addL2Block(sibling))
        .isInstanceOf(L2ReorgException.class)
        .hasMessageContaining("L2 block 2");
    // Cleared, the manager takes the new branch from the safe head.
    manager.clear(0);
    assertThat(manager.pendingBlocks()).isZero();
    manager.addL2Block(sibling);
    assertThat(manager.pendingBlocks()).isEqualTo(1);
  }

  @Test
  void nothingIsSentBeforeTheChannelCloses() throws Exception {
    ChannelManager manager = manager(false);
    addBlocks(manager, 3);
    assertThat(manager.txData(l1(1))).isEmpty();
    // max-channel-duration 2 from origin 0: closed at L1 block 2.
    Optional<TxData> tx = manager.txData(l1(2));
    assertThat(tx).isPresent();
    assertThat(tx.get().frames().get(0).isLast()).isTrue();
    assertThat(manager.txData(l1(2))).isEmpty();
  }

  @Test
  void aLandedChannelThatIsNotDerivedWithinTheTimeoutStallsDerivation() throws Exception {
    ChannelManager manager = manager(false);
    addBlocks(manager, 3);
    TxData tx = manager.txData(l1(5)).orElseThrow();
    manager.txConfirmed(tx.id(), l1(6));
    assertThat(manager.openChannels()).isZero();
    assertThat(manager.derivationStalled(0, 25)).isFalse();
    assertThat(manager.derivationStalled(0, 26)).isTrue();
    // Derived: the safe head passed the channel's last block.
    assertThat(manager.derivationStalled(3, 100)).isFalse();
  }

  @Test
  void beforeHoloceneAFailedTransactionsFramesGoAgain() throws Exception {
    ChannelManager manager = manager(false);
    addBlocks(manager, 3);
    TxData tx = manager.txData(l1(5)).orElseThrow();
    manager.txFailed(tx.id());
    TxData again = manager.txData(l1(5)).orElseThrow();
    assertThat(again.frames()).isEqualTo(tx.frames());
  }

  @Test
  void fromHoloceneAFailedTransactionPutsItsChannelAndLaterOnesBack() throws Exception {
    ChannelManager manager = manager(true);
    addBlocks(manager, 2);
    TxData first = manager.txData(l1(5)).orElseThrow();
    addBlocks(manager, 2);
    TxData second = manager.txData(l1(8)).orElseThrow();
    ChannelId firstId = first.frames().get(0).channelId();
    assertThat(second.frames().get(0).channelId()).isNotEqualTo(firstId);

    manager.txFailed(first.id());
    // A confirmation of the dropped later channel is ignored.
    manager.txConfirmed(second.id(), l1(9));
    assertThat(manager.pendingBlocks()).isEqualTo(4);
    TxData resent = manager.txData(l1(10)).orElseThrow();
    assertThat(resent.frames().get(0).channelId())
        .isNotIn(firstId, second.frames().get(0).channelId());
    assertThat(resent.frames().get(0).frameNumber()).isZero();
    assertThat(manager.pendingBlocks()).isZero();
  }

  @Test
  void aChannelWhoseFramesLandTooFarApartGoesAgain() throws Exception {
    ChannelConfig twoFrames =
        new ChannelConfig(
            3600,
            20,
            2,
            4,
            1_000,
            4,
            CompressorKind.SHADOW,
            0.5,
            CompressionAlgo.ZLIB,
            BatchType.SPAN,
            false);
    ChannelManager manager = manager(ChannelConfigProvider.fixed(twoFrames), false);
    for (int i = 0; i < 3; i++) {
      manager.addL2Block(chain.next(1, 1, 600));
    }
    List<TxData> txs = new ArrayList<>();
    Optional<TxData> tx;
    while ((tx = manager.txData(l1(5))).isPresent()) {
      txs.add(tx.get());
    }
    assertThat(txs.size()).isGreaterThan(1);
    manager.txConfirmed(txs.get(0).id(), l1(6));
    // 20 L1 blocks later: derivation dropped the channel; its blocks are queued again.
    manager.txConfirmed(txs.get(1).id(), l1(26));
    assertThat(manager.pendingBlocks()).isGreaterThan(0);
    assertThat(manager.openChannels()).isZero();
  }

  @Test
  void autoSwitchesAChannelOfWhichNothingWasSent() throws Exception {
    AtomicReference<ChannelConfig> next = new AtomicReference<>(config(true));
    ChannelManager manager = manager(next::get, false);
    addBlocks(manager, 3);
    next.set(config(false));
    TxData tx = manager.txData(l1(5)).orElseThrow();
    assertThat(tx.asBlob()).isFalse();
    addBlocks(manager, 2);
    next.set(config(true));
    TxData blobs = manager.txData(l1(9)).orElseThrow();
    assertThat(blobs.asBlob()).isTrue();
  }

  @Test
  void closingDropsUnsentChannelsAndFlushesAPartlySentOne() throws Exception {
    ChannelManager manager = manager(false);
    addBlocks(manager, 2);
    assertThat(manager.txData(l1(1))).isEmpty();
    assertThat(manager.close()).isFalse();
    assertThat(manager.openChannels()).isZero();
    assertThat(manager.txData(l1(100))).isEmpty();
  }
}
