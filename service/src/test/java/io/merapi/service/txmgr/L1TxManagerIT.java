package io.merapi.service.txmgr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transaction manager against a real dev L1 ({@code merapi execution --dev}, one block a
 * second) started in-process on free loopback ports. Each test sends from its own dev account, so
 * their nonces do not meet.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class L1TxManagerIT {
  private static final Address INBOX =
      Address.fromHex("0xff00000000000000000000000000000000000901");

  private static ExecutionNode l1;
  private static HttpRpcClient rpc;
  private static List<Secp256k1.PrivateKey> keys;

  @BeforeAll
  static void startL1() {
    l1 =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .inMemory()
                .http(Optional.of(RpcServerConfig.httpDefaults().withHost("127.0.0.1").withPort(0)))
                .ws(Optional.empty())
                .dev(Optional.of(new ExecutionNodeConfig.DevSettings(1)))
                .build());
    rpc = HttpRpcClient.create(l1.httpUri().orElseThrow(), RpcClientOptions.defaults());
    keys = l1.dev().orElseThrow().accounts().keys();
  }

  @AfterAll
  static void stopL1() {
    if (rpc != null) {
      rpc.close();
    }
    if (l1 != null) {
      l1.close();
    }
  }

  /** Two confirmations, quick polling, fee floors off (the dev L1's fees are tiny). */
  private static TxManagerConfig config() {
    return TxManagerConfig.defaults()
        .withNumConfirmations(2)
        .withMinTipCap(UInt256.ZERO)
        .withMinBaseFee(UInt256.ZERO)
        .withTimings(Duration.ofSeconds(3), Duration.ofMillis(100))
        .withTxSendTimeout(Duration.ofSeconds(60));
  }

  private static L1TxManager manager(
      Secp256k1.PrivateKey key, TxManagerConfig config, Optional<FeeSource> fees) {
    return manager(key, config, fees, new SimpleMeterRegistry());
  }

  private static L1TxManager manager(
      Secp256k1.PrivateKey key,
      TxManagerConfig config,
      Optional<FeeSource> fees,
      MeterRegistry registry) {
    return L1TxManager.create(
        HttpRpcClient.create(l1.httpUri().orElseThrow(), RpcClientOptions.defaults()),
        key,
        config,
        registry,
        fees);
  }

  /** Every eth_sendRawTransaction the manager made, accepted or not. */
  private static double publications(MeterRegistry registry) {
    return registry.find("txmgr_tx_sent").counter().count()
        + registry.find("txmgr_tx_publish_error_count").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
  }

  private static long l1Head() {
    return Hex.parseQuantity(rpc.call("eth_blockNumber").asText());
  }

  private static long latestNonce(Address account) {
    return Hex.parseQuantity(
        rpc.call("eth_getTransactionCount", account.toHex(), "latest").asText());
  }

  private static Bytes randomBytes(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return Bytes.wrap(data);
  }

  @Test
  void calldataAndBlobTransactionsAreMinedAndConfirmed() throws Exception {
    try (L1TxManager m = manager(keys.get(1), config(), Optional.empty())) {
      TxResult calldata = m.send(TxCandidate.calldata(INBOX, randomBytes(1000, 1)));
      assertThat(calldata.success()).isTrue();
      assertThat(calldata.nonce()).isZero();
      assertThat(l1Head()).isGreaterThanOrEqualTo(calldata.blockNumber() + 1);
      JsonNode minedCalldata = rpc.call("eth_getTransactionByHash", calldata.txHash().toHex());
      assertThat(minedCalldata.get("type").asText()).isEqualTo("0x2");
      assertThat(minedCalldata.get("input").asText()).isEqualTo(randomBytes(1000, 1).toHex());

      List<Bytes> blobs =
          List.of(
              BlobEncoding.encode(randomBytes(50_000, 2)),
              BlobEncoding.encode(randomBytes(BlobEncoding.MAX_DATA_SIZE, 3)));
      TxResult blob = m.send(TxCandidate.blobs(INBOX, blobs));
      assertThat(blob.success()).isTrue();
      assertThat(blob.nonce()).isEqualTo(1);
      assertThat(blob.blobGasUsed()).isEqualTo(2 * 131_072L);
      JsonNode minedBlob = rpc.call("eth_getTransactionByHash", blob.txHash().toHex());
      assertThat(minedBlob.get("type").asText()).isEqualTo("0x3");
      assertThat(minedBlob.get("blobVersionedHashes")).hasSize(2);
      assertThat(minedBlob.get("blobVersionedHashes").get(0).asText()).startsWith("0x01");
    }
  }

  @Test
  void aTransactionTooCheapToBeMinedIsBumpedUntilItIs() throws Exception {
    AtomicInteger suggestions = new AtomicInteger();
    L1Rpc l1Rpc = new L1Rpc(rpc);
    // The first suggestion offers 1 wei in all (below any base fee); later ones are the L1's own.
    FeeSource cheapFirst =
        () -> {
          GasPriceEstimate real = L1TxManager.l1Fees(l1Rpc);
          return suggestions.getAndIncrement() == 0
              ? new GasPriceEstimate(UInt256.ONE, UInt256.ZERO, real.blobBaseFee())
              : real;
        };
    UInt256 baseFee = L1TxManager.l1Fees(l1Rpc).baseFee();
    assertThat(baseFee).as("the test needs a base fee above 1 wei").isGreaterThan(UInt256.ONE);
    try (L1TxManager m =
        manager(
            keys.get(2),
            config().withTimings(Duration.ofSeconds(2), Duration.ofMillis(100)),
            Optional.of(cheapFirst))) {
      long before = l1Head();
      TxResult result = m.send(TxCandidate.calldata(INBOX, randomBytes(100, 4)));
      assertThat(result.success()).isTrue();
      assertThat(suggestions.get()).isGreaterThanOrEqualTo(2);
      // It was mined at the bumped price, after at least the resubmission timeout.
      assertThat(result.effectiveGasPrice()).isGreaterThan(UInt256.ONE);
      assertThat(result.blockNumber()).isGreaterThanOrEqualTo(before + 2);
      JsonNode mined = rpc.call("eth_getTransactionByHash", result.txHash().toHex());
      assertThat(UInt256.fromQuantity(mined.get("maxFeePerGas").asText()))
          .isGreaterThan(UInt256.ONE);
    }
  }

  @Test
  void aTransactionReorgedOutBeforeItsConfirmationsIsSentAgain() throws Exception {
    Secp256k1.PrivateKey key = keys.get(3);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (L1TxManager m =
        manager(key, config().withNumConfirmations(5), Optional.empty(), registry)) {
      CompletableFuture<TxResult> sending =
          m.sendAsync(TxCandidate.calldata(INBOX, randomBytes(200, 5)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (latestNonce(key.address()) == 0) {
        assertThat(System.nanoTime()).as("the transaction is mined in time").isLessThan(deadline);
        Thread.sleep(50);
      }
      // Let the manager (polling every 100 ms) see the receipt before the block goes away.
      Thread.sleep(400);
      long included = findInclusion(key.address(), l1Head());
      Hash firstBlock =
          Hash.fromHex(
              rpc.call("eth_getBlockByNumber", Hex.quantity(included), false).get("hash").asText());
      rpc.call("debug_setHead", Hex.quantity(included - 1));
      assertThat(latestNonce(key.address())).as("the reorg removed the transaction").isZero();
      TxResult result = sending.get(60, TimeUnit.SECONDS);
      assertThat(result.success()).isTrue();
      assertThat(result.blockHash()).isNotEqualTo(firstBlock);
      assertThat(publications(registry)).as("sent again after the reorg").isGreaterThanOrEqualTo(2);
      JsonNode canonical =
          rpc.call("eth_getBlockByNumber", Hex.quantity(result.blockNumber()), false);
      assertThat(canonical.get("hash").asText()).isEqualTo(result.blockHash().toHex());
    }
  }

  /** The block at or below {@code head} holding a transaction from {@code sender}. */
  private static long findInclusion(Address sender, long head) {
    for (long n = head; n > 0; n--) {
      JsonNode block = rpc.call("eth_getBlockByNumber", Hex.quantity(n), true);
      for (JsonNode tx : block.get("transactions")) {
        if (Address.fromHex(tx.get("from").asText()).equals(sender)) {
          return n;
        }
      }
    }
    throw new AssertionError("no transaction from " + sender + " at or below " + head);
  }

  @Test
  void anAccountWithoutFundsGetsAClearErrorAndKeepsItsNonce() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Secp256k1.PrivateKey poor = Secp256k1.PrivateKey.fromBytes(secret);
    try (L1TxManager m = manager(poor, config(), Optional.empty());
        L1TxManager funder = manager(keys.get(4), config(), Optional.empty())) {
      assertThatThrownBy(() -> m.send(TxCandidate.calldata(INBOX, randomBytes(64, 6))))
          .isInstanceOf(TxManagerException.class)
          .hasMessageContaining("insufficient funds: account " + poor.address().toChecksumHex())
          .hasMessageContaining("has 0 wei")
          .hasMessageContaining("no nonce was used");
      assertThat(
              Hex.parseQuantity(
                  rpc.call("eth_getTransactionCount", poor.address().toHex(), "pending").asText()))
          .isZero();
      // Funded, the same manager sends with nonce 0.
      funder.send(
          new TxCandidate(Bytes.EMPTY, List.of(), poor.address(), 21_000, BigInteger.TEN.pow(18)));
      TxResult result = m.send(TxCandidate.calldata(INBOX, randomBytes(64, 7)));
      assertThat(result.nonce()).isZero();
      assertThat(result.success()).isTrue();
    }
  }

  @Test
  void aNonceUsedOutsideTheManagerIsRecoveredFrom() throws Exception {
    Secp256k1.PrivateKey key = keys.get(5);
    try (L1TxManager m = manager(key, config().withNumConfirmations(1), Optional.empty())) {
      assertThat(m.send(TxCandidate.calldata(INBOX, randomBytes(10, 8))).nonce()).isZero();
      // Another program uses nonce 1 with the same key.
      DynamicFeeTransaction outside =
          (DynamicFeeTransaction)
              new DynamicFeeTransaction(
                      DevGenesis.CHAIN_ID,
                      1,
                      UInt256.valueOf(1_000_000_000L),
                      UInt256.valueOf(50_000_000_000L),
                      21_000,
                      Optional.of(INBOX),
                      UInt256.ZERO,
                      Bytes.EMPTY,
                      AccessList.EMPTY,
                      UInt256.ZERO,
                      UInt256.ZERO,
                      UInt256.ZERO)
                  .sign(key);
      rpc.call("eth_sendRawTransaction", Hex.encode(outside.encoded()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (latestNonce(key.address()) < 2) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(50);
      }
      TxResult result = m.send(TxCandidate.calldata(INBOX, randomBytes(10, 9)));
      assertThat(result.nonce()).isEqualTo(2);
      assertThat(result.success()).isTrue();
    }
  }

  @Test
  void concurrentSendsGetConsecutiveNoncesInCallOrder() throws Exception {
    Secp256k1.PrivateKey key = keys.get(6);
    try (L1TxManager m =
        manager(key, config().withNumConfirmations(1).withMaxPendingTx(4), Optional.empty())) {
      List<CompletableFuture<TxResult>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(m.sendAsync(TxCandidate.calldata(INBOX, randomBytes(32, 100 + i))));
      }
      for (int i = 0; i < futures.size(); i++) {
        TxResult result = futures.get(i).get(60, TimeUnit.SECONDS);
        assertThat(result.nonce()).as("send %d", i).isEqualTo(i);
        assertThat(result.success()).isTrue();
        JsonNode tx = rpc.call("eth_getTransactionByHash", result.txHash().toHex());
        assertThat(tx.get("input").asText()).isEqualTo(randomBytes(32, 100 + i).toHex());
      }
      assertThat(latestNonce(key.address())).isEqualTo(12);
    }
  }

  @Test
  void aClosedManagerRefusesWork() throws Exception {
    L1TxManager m = manager(keys.get(7), config(), Optional.empty());
    m.close();
    assertThatThrownBy(() -> m.send(TxCandidate.calldata(INBOX, Bytes.EMPTY)))
        .isInstanceOf(TxManagerException.class)
        .hasMessageContaining("closed");
    assertThat(m.sendAsync(TxCandidate.calldata(INBOX, Bytes.EMPTY)))
        .failsWithin(Duration.ofSeconds(1));
  }
}
