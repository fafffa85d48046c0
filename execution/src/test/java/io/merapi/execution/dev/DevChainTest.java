package io.merapi.execution.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.HeadListener;
import io.merapi.execution.txpool.PoolStatus;
import io.merapi.state.Account;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevChainTest {
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000bb");

  private static DevConfig inMemory(Duration period) {
    return DevConfig.defaults().withDataDir(Optional.empty()).withPeriod(period);
  }

  private static Transaction transfer(Secp256k1.PrivateKey key, long nonce, long value) {
    return new DynamicFeeTransaction(
            DevGenesis.CHAIN_ID,
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(10_000_000_000L),
            21_000,
            Optional.of(TO),
            UInt256.valueOf(value),
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  /** Waits (generously) until the chain reaches {@code number}; fails rather than hangs. */
  private static void awaitHead(DevChain dev, long number) throws InterruptedException {
    CountDownLatch reached = new CountDownLatch(1);
    HeadListener listener =
        change -> {
          if (change.current().number() >= number) {
            reached.countDown();
          }
        };
    dev.chain().addHeadListener(listener);
    try {
      if (dev.chain().head().number() < number) {
        assertThat(reached.await(30, TimeUnit.SECONDS)).as("block %d sealed", number).isTrue();
      }
    } finally {
      dev.chain().removeHeadListener(listener);
    }
  }

  @Test
  void genesisFundsTheTenAccountsUnderCancunRules() {
    try (DevChain dev = DevChain.open(inMemory(Duration.ZERO))) {
      ChainHead genesis = dev.chain().head();
      assertThat(genesis.number()).isZero();
      assertThat(dev.chain().config().chainId()).isEqualTo(1337);
      assertThat(genesis.header().gasLimit()).isEqualTo(30_000_000);
      assertThat(genesis.header().parentBeaconBlockRoot()).isPresent();
      for (Address address : dev.accounts().addresses()) {
        assertThat(dev.chain().headState().account(address).orElseThrow().balance())
            .isEqualTo(DevGenesis.BALANCE);
      }
      assertThat(dev.chain().headState().account(DevGenesis.BEACON_ROOTS_ADDRESS))
          .map(Account::nonce)
          .contains(1L);
    }
  }

  @Test
  void sealsABlockForEachTransactionWhenThePeriodIsZero() throws Exception {
    DevConfig immediate = inMemory(Duration.ZERO).withFinality(FinalitySchedule.IMMEDIATE);
    try (DevChain dev = DevChain.open(immediate)) {
      dev.start();
      Secp256k1.PrivateKey key = dev.accounts().keys().get(0);
      Transaction tx = transfer(key, 0, 12345);
      dev.pool().add(tx);
      awaitHead(dev, 1);
      ChainHead head = dev.chain().head();
      assertThat(dev.chain().block(head.hash()).orElseThrow().transactions()).containsExactly(tx);
      List<Receipt> receipts = dev.chain().receipts(head.hash()).orElseThrow();
      assertThat(receipts).hasSize(1);
      assertThat(receipts.get(0).status()).contains(true);
      assertThat(dev.chain().headState().account(TO).orElseThrow().balance())
          .isEqualTo(UInt256.valueOf(12345));
      assertThat(dev.chain().safe().orElseThrow()).isEqualTo(head);
      assertThat(dev.chain().finalized().orElseThrow()).isEqualTo(head);
      assertThat(dev.pool().status()).isEqualTo(new PoolStatus(0, 0));

      dev.pool().add(transfer(key, 1, 1));
      awaitHead(dev, 2);
      assertThat(dev.chain().block(2).orElseThrow().transactions()).hasSize(1);
    }
  }

  @Test
  void safeAndFinalizedTrailTheHeadAndComeDownWithARewind() {
    try (DevChain dev =
        DevChain.open(inMemory(Duration.ZERO).withFinality(new FinalitySchedule(2, 4)))) {
      for (int i = 0; i < 6; i++) {
        dev.miner().mine();
      }
      assertThat(dev.chain().head().number()).isEqualTo(6);
      assertThat(dev.chain().safe().orElseThrow().number()).isEqualTo(4);
      assertThat(dev.chain().finalized().orElseThrow().number()).isEqualTo(2);

      ChainHead oldThree =
          dev.chain()
              .header(3)
              .map(h -> new ChainHead(dev.chain().canonicalHash(3).orElseThrow(), h))
              .orElseThrow();
      dev.miner().rewind(3);
      assertThat(dev.chain().head()).isEqualTo(oldThree);
      assertThat(dev.chain().safe().orElseThrow()).isEqualTo(oldThree);
      assertThat(dev.chain().finalized().orElseThrow().number()).isEqualTo(2);
      assertThatThrownBy(() -> dev.miner().rewind(4)).hasMessageContaining("the head is block 3");

      // New blocks build on the rewound head; the labels do not step back below where they were.
      ChainHead four = dev.miner().mine();
      assertThat(four.header().parentHash()).isEqualTo(oldThree.hash());
      assertThat(dev.chain().safe().orElseThrow()).isEqualTo(oldThree);
      dev.miner().mine();
      dev.miner().mine();
      assertThat(dev.chain().safe().orElseThrow().number()).isEqualTo(4);
      assertThat(dev.chain().safe().orElseThrow().hash()).isEqualTo(four.hash());
    }
  }

  @Test
  void minedBlocksCarryTheBeaconRootAndRisingTimestamps() {
    try (DevChain dev = DevChain.open(inMemory(Duration.ZERO))) {
      ChainHead first = dev.miner().mine();
      ChainHead second = dev.miner().mine();
      assertThat(second.number()).isEqualTo(2);
      Header header = second.header();
      assertThat(header.timestamp()).isGreaterThan(first.header().timestamp());
      assertThat(header.parentHash()).isEqualTo(first.hash());
      // EIP-4788: the contract stored the block's parent beacon root under its timestamp.
      long slot = header.timestamp() % 8191;
      assertThat(
              dev.chain()
                  .headState()
                  .storage(DevGenesis.BEACON_ROOTS_ADDRESS, UInt256.valueOf(slot + 8191)))
          .isEqualTo(UInt256.fromHash(header.parentBeaconBlockRoot().orElseThrow()));
      assertThat(
              dev.chain()
                  .headState()
                  .storage(DevGenesis.BEACON_ROOTS_ADDRESS, UInt256.valueOf(slot)))
          .isEqualTo(UInt256.valueOf(header.timestamp()));
    }
  }

  @Test
  void sealsOnATimerWithAPeriod() throws Exception {
    try (DevChain dev = DevChain.open(inMemory(Duration.ofSeconds(1)))) {
      dev.start();
      awaitHead(dev, 2);
      assertThat(dev.chain().block(1).orElseThrow().transactions()).isEmpty();
    }
  }

  @Test
  void theRocksDbDataDirectoryKeepsTheChain(@TempDir Path dir) {
    DevConfig config = DevConfig.defaults().withDataDir(Optional.of(dir));
    ChainHead head;
    try (DevChain dev = DevChain.open(config)) {
      dev.pool().add(transfer(dev.accounts().keys().get(3), 0, 7));
      dev.miner().mine();
      head = dev.miner().mine();
    }
    try (DevChain reopened = DevChain.open(config)) {
      assertThat(reopened.chain().head()).isEqualTo(head);
      assertThat(reopened.pool().nextNonce(reopened.accounts().keys().get(3).address()))
          .isEqualTo(1);
    }
    DevConfig other =
        new DevConfig(
            Optional.of(dir),
            Duration.ZERO,
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                + " abandon about",
            10,
            DevGenesis.CHAIN_ID,
            DevGenesis.GAS_LIMIT,
            Address.ZERO,
            config.pool(),
            config.builder(),
            config.finality());
    assertThatThrownBy(() -> DevChain.open(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another genesis");
  }

  @Test
  void runsOnAChainTheNodeOpened() {
    DevConfig config = inMemory(Duration.ZERO);
    io.merapi.storage.InMemoryKeyValueStore store = new io.merapi.storage.InMemoryKeyValueStore();
    io.merapi.execution.chain.Blockchain chain =
        io.merapi.execution.chain.Blockchain.initialize(
            store, DevChain.genesis(config, DevAccounts.defaults()));
    try (DevChain dev = DevChain.on(chain, config)) {
      dev.pool().add(transfer(dev.accounts().keys().get(1), 0, 5));
      assertThat(dev.miner().mine().number()).isEqualTo(1);
    }
    // The store stays the node's: still open after the dev chain closed.
    assertThat(chain.block(1).orElseThrow().transactions()).hasSize(1);
    store.close();
  }

  @Test
  void aSetBalanceIsSetOnceEvenWhenItsBlockSpendsFromIt() {
    try (DevChain dev = DevChain.open(inMemory(Duration.ZERO))) {
      Secp256k1.PrivateKey key = dev.accounts().keys().get(2);
      UInt256 set = UInt256.valueOf(1_000_000_000_000_000L);
      dev.pool().add(transfer(key, 0, 1_000)); // waits: the producer is not started
      ChainHead block = dev.setBalance(key.address(), set);
      assertThat(dev.chain().body(block.hash()).orElseThrow().transactions()).hasSize(1);
      UInt256 spent = dev.chain().headState().account(key.address()).orElseThrow().balance();
      assertThat(spent).isLessThan(set.subtract(UInt256.valueOf(1_000)));
      dev.miner().mine();
      assertThat(dev.chain().headState().account(key.address()).orElseThrow().balance())
          .as("the next block does not set it again")
          .isEqualTo(spent);
    }
  }

  @Test
  void bannerListsEndpointsAccountsAndKeys() {
    try (DevChain dev = DevChain.open(inMemory(Duration.ZERO))) {
      List<String> lines =
          DevBanner.lines(
              dev,
              List.of(
                  new DevBanner.Endpoint("HTTP JSON-RPC", "http://127.0.0.1:8545"),
                  new DevBanner.Endpoint("Engine API", "http://127.0.0.1:8551")));
      String text = String.join("\n", lines);
      assertThat(text)
          .contains("Chain ID:        1337")
          .contains("HTTP JSON-RPC:   http://127.0.0.1:8545")
          .contains("Engine API:      http://127.0.0.1:8551")
          .contains("(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (10000 ETH)")
          .contains("(9) 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720 (10000 ETH)")
          .contains("(0) 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
          .contains(
              "Mnemonic:          test test test test test test test test test test test junk")
          .contains("m/44'/60'/0'/0/{index}")
          .contains("in memory");
    }
  }
}
