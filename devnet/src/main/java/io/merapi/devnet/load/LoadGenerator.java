package io.merapi.devnet.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Bip32Key;
import io.merapi.base.crypto.Bip39Seed;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.rpc.client.BatchCall;
import io.merapi.rpc.client.BatchResult;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L2 traffic at a steady rate over the same JSON-RPC a wallet uses: signed EIP-1559 ether transfers
 * ({@code eth_sendRawTransaction}) from several accounts derived from the dev mnemonic, each sender
 * paying one wei to the next. {@link #start} funds the senders from one account in one batch and
 * waits for those receipts; then every {@value #TICK_MILLIS} ms the transfers that fall due (see
 * {@link Pacer}) are signed and sent as one JSON-RPC batch, with nonces counted locally (see {@link
 * SenderNonces}) and at most {@link LoadSettings#maxInFlightPerSender} unanswered per sender.
 * {@link #stop} ends the run and says what happened; {@link #awaitReceipts} checks that every
 * accepted transfer made it into a block.
 *
 * <p>A transfer is a function of (sender, nonce) only, so sending one again after a lost answer
 * gives the same transaction, which the pool reports as already known.
 */
public final class LoadGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

  static final long TICK_MILLIS = 20;
  private static final long TRANSFER_GAS = 21_000;
  private static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

  /** Each sender gets ten ether, enough for millions of transfers at devnet fees. */
  private static final UInt256 FUNDING = ETHER.multiply(10);

  /** A sender below one ether is funded again. */
  private static final UInt256 MIN_BALANCE = ETHER;

  private static final UInt256 TIP = UInt256.valueOf(1_000);
  private static final UInt256 MIN_FEE_CAP = UInt256.valueOf(1_000_000_000L);
  private static final Duration FUNDING_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int BLOCKS_PER_BATCH = 8;

  /** The pool's answer to a transaction it holds already: the transfer is in, not refused. */
  private static final String ALREADY_KNOWN = "already known";

  private record Sender(Secp256k1.PrivateKey key, Address recipient, SenderNonces nonces) {}

  private record Signed(Sender sender, Hash hash, String raw) {}

  private final HttpRpcClient rpc;
  private final long chainId;
  private final UInt256 feeCap;
  private final List<Sender> senders;
  private final Pacer pacer;
  private final long startNanos;
  private final long startBlock;
  private final ScheduledExecutorService ticker;
  private final AtomicInteger batchesInFlight = new AtomicInteger();
  private final Object lock = new Object();
  // Guarded by lock:
  private final List<Hash> hashes = new ArrayList<>();
  private final Map<String, Long> rejected = new HashMap<>();
  private long sent;
  private int cursor;
  private volatile boolean stopping;
  private volatile Optional<LoadSummary> summary = Optional.empty();

  private LoadGenerator(
      HttpRpcClient rpc,
      long chainId,
      UInt256 feeCap,
      List<Sender> senders,
      double perSecond,
      long startBlock) {
    this.rpc = rpc;
    this.startBlock = startBlock;
    this.chainId = chainId;
    this.feeCap = feeCap;
    this.senders = senders;
    this.startNanos = System.nanoTime();
    // At most a second behind: beyond that the run is slower than asked and says so.
    this.pacer = new Pacer(perSecond, startNanos, Math.max(1, (long) Math.ceil(perSecond)));
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("load-generator").daemon().factory());
  }

  /**
   * Funds the senders that need it, then starts sending.
   *
   * @throws IllegalStateException if the node refuses the funding or it is not mined in a minute
   */
  public static LoadGenerator start(LoadSettings settings) {
    HttpRpcClient rpc =
        HttpRpcClient.create(
            settings.l2Rpc(), RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
    try {
      long chainId = Hex.parseQuantity(rpc.call("eth_chainId").asText());
      JsonNode head = rpc.call("eth_getBlockByNumber", "latest", false);
      UInt256 baseFee = UInt256.fromQuantity(head.path("baseFeePerGas").asText("0x0"));
      // Room for the base fee to rise while the load fills blocks (EIP-1559: +1/250 a block at
      // most on OP chains since Canyon).
      UInt256 feeCap = baseFee.multiply(4).add(TIP).max(MIN_FEE_CAP);
      List<Secp256k1.PrivateKey> keys = senderKeys(settings);
      List<Long> nonces = fund(rpc, chainId, feeCap, settings.funder(), keys);
      List<Sender> senders = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        senders.add(
            new Sender(
                keys.get(i),
                keys.get((i + 1) % keys.size()).address(),
                new SenderNonces(nonces.get(i), settings.maxInFlightPerSender())));
      }
      LoadGenerator generator =
          new LoadGenerator(
              rpc, chainId, feeCap, List.copyOf(senders), settings.perSecond(), blockNumber(rpc));
      generator.ticker.scheduleAtFixedRate(generator::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
      LOG.info(
          "Load: {} tx/s from {} senders ({}..) to {}",
          settings.perSecond(),
          keys.size(),
          keys.getFirst().address().toChecksumHex(),
          settings.l2Rpc());
      return generator;
    } catch (RuntimeException e) {
      rpc.close();
      throw e;
    }
  }

  private static List<Secp256k1.PrivateKey> senderKeys(LoadSettings settings) {
    Bip32Key master = Bip32Key.master(Bip39Seed.of(settings.mnemonic(), ""));
    List<Secp256k1.PrivateKey> keys = new ArrayList<>(settings.senders());
    for (int i = 0; i < settings.senders(); i++) {
      keys.add(
          master.derive(DevAccounts.PATH_PREFIX + (settings.firstSenderIndex() + i)).privateKey());
    }
    return keys;
  }

  /**
   * Tops up every sender below {@link #MIN_BALANCE} with one batch of transfers from the funder and
   * waits for their receipts; returns each sender's pending nonce.
   */
  private static List<Long> fund(
      RpcClient rpc,
      long chainId,
      UInt256 feeCap,
      Secp256k1.PrivateKey funder,
      List<Secp256k1.PrivateKey> keys) {
    List<BatchCall> state = new ArrayList<>();
    for (Secp256k1.PrivateKey key : keys) {
      state.add(BatchCall.of("eth_getBalance", key.address().toHex(), "latest"));
      state.add(BatchCall.of("eth_getTransactionCount", key.address().toHex(), "pending"));
    }
    state.add(BatchCall.of("eth_getTransactionCount", funder.address().toHex(), "pending"));
    List<JsonNode> answers = successes(RpcClient.await(rpc.batch(state)), "read the senders");
    long funderNonce = Hex.parseQuantity(answers.getLast().asText());
    List<Long> nonces = new ArrayList<>(keys.size());
    List<BatchCall> funding = new ArrayList<>();
    List<Hash> fundingHashes = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      UInt256 balance = UInt256.fromQuantity(answers.get(2 * i).asText());
      nonces.add(Hex.parseQuantity(answers.get(2 * i + 1).asText()));
      if (balance.compareTo(MIN_BALANCE) < 0) {
        SignedTransaction tx =
            transfer(chainId, feeCap, funder, funderNonce++, keys.get(i).address(), FUNDING);
        funding.add(BatchCall.of("eth_sendRawTransaction", Hex.encode(tx.encoded())));
        fundingHashes.add(tx.hash());
      }
    }
    if (!funding.isEmpty()) {
      long before = blockNumber(rpc);
      successes(RpcClient.await(rpc.batch(funding)), "fund the senders");
      ReceiptReport receipts = receipts(rpc, fundingHashes, before, FUNDING_TIMEOUT);
      if (!receipts.complete() || receipts.failed() > 0) {
        throw new IllegalStateException("the senders' funding did not complete: " + receipts);
      }
      LOG.info("Load: funded {} senders in block {}", funding.size(), receipts.lastBlock());
    }
    return nonces;
  }

  private static long blockNumber(RpcClient rpc) {
    return Hex.parseQuantity(rpc.call("eth_blockNumber").asText());
  }

  private static List<JsonNode> successes(List<BatchResult> results, String what) {
    List<JsonNode> values = new ArrayList<>(results.size());
    for (BatchResult result : results) {
      switch (result) {
        case BatchResult.Success success -> values.add(success.result());
        case BatchResult.Failure failure ->
            throw new IllegalStateException("cannot " + what + ": " + failure.error().message());
      }
    }
    return values;
  }

  private static SignedTransaction transfer(
      long chainId,
      UInt256 feeCap,
      Secp256k1.PrivateKey from,
      long nonce,
      Address to,
      UInt256 value) {
    return new DynamicFeeTransaction(
            chainId,
            nonce,
            TIP,
            feeCap,
            TRANSFER_GAS,
            Optional.of(to),
            value,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(from);
  }

  /** One pacing step: resync refused senders, then sign and send what is due as one batch. */
  private void tick() {
    try {
      if (stopping) {
        return;
      }
      resyncRefusedSenders();
      List<Sender> picked = new ArrayList<>();
      List<Long> nonces = new ArrayList<>();
      synchronized (lock) {
        int due = pacer.due(System.nanoTime());
        for (int tried = 0; picked.size() < due && tried < senders.size(); ) {
          Sender sender = senders.get(cursor);
          OptionalLong nonce = sender.nonces().take();
          if (nonce.isPresent()) {
            picked.add(sender);
            nonces.add(nonce.getAsLong());
            tried = 0;
          } else {
            tried++;
          }
          cursor = (cursor + 1) % senders.size();
        }
        pacer.issued(picked.size());
        sent += picked.size();
      }
      if (picked.isEmpty()) {
        return;
      }
      List<Signed> signed = new ArrayList<>(picked.size());
      List<BatchCall> calls = new ArrayList<>(picked.size());
      for (int i = 0; i < picked.size(); i++) {
        Sender sender = picked.get(i);
        SignedTransaction tx =
            transfer(chainId, feeCap, sender.key(), nonces.get(i), sender.recipient(), UInt256.ONE);
        String raw = Hex.encode(tx.encoded());
        signed.add(new Signed(sender, tx.hash(), raw));
        calls.add(BatchCall.of("eth_sendRawTransaction", raw));
      }
      batchesInFlight.incrementAndGet();
      rpc.batch(calls)
          .whenComplete(
              (results, failure) -> {
                try {
                  answered(signed, results, failure);
                } finally {
                  batchesInFlight.decrementAndGet();
                }
              });
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log and go on with the next tick.
      LOG.warn("Load: a tick failed: {}", e.toString());
    }
  }

  private void answered(List<Signed> signed, List<BatchResult> results, Throwable failure) {
    synchronized (lock) {
      for (int i = 0; i < signed.size(); i++) {
        Signed tx = signed.get(i);
        Optional<String> refusal =
            failure != null
                ? Optional.of("no answer: " + failure.getMessage())
                : switch (results.get(i)) {
                  case BatchResult.Success success -> Optional.empty();
                  case BatchResult.Failure f ->
                      f.error().message().contains(ALREADY_KNOWN)
                          ? Optional.empty()
                          : Optional.of(f.error().message());
                };
        tx.sender().nonces().answered(refusal.isEmpty());
        if (refusal.isEmpty()) {
          hashes.add(tx.hash());
        } else {
          long before = rejected.merge(refusal.get(), 1L, Long::sum);
          if (before == 1) {
            LOG.warn("Load: the node refused a transfer: {}", refusal.get());
          }
        }
      }
    }
  }

  /** Senders whose transfer was refused continue from the node's pending nonce. */
  private void resyncRefusedSenders() {
    for (Sender sender : senders) {
      boolean needed;
      synchronized (lock) {
        needed = sender.nonces().needsResync();
      }
      if (!needed) {
        continue;
      }
      long pending =
          Hex.parseQuantity(
              rpc.call("eth_getTransactionCount", sender.key().address().toHex(), "pending")
                  .asText());
      synchronized (lock) {
        sender.nonces().resynced(pending);
      }
      LOG.info("Load: {} continues at nonce {}", sender.key().address(), pending);
    }
  }

  /** Stops sending, waits (bounded) for the answers still out, and says what the run did. */
  public LoadSummary stop() {
    synchronized (this) {
      if (summary.isPresent()) {
        return summary.get();
      }
      stopping = true;
      ticker.shutdown();
      long end = System.nanoTime();
      try {
        ticker.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (batchesInFlight.get() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LoadSummary result;
      synchronized (lock) {
        result =
            new LoadSummary(
                sent,
                hashes.size(),
                rejected,
                pacer.skipped(),
                Duration.ofNanos(end - startNanos),
                hashes);
      }
      summary = Optional.of(result);
      LOG.info("Load: {}", result);
      return result;
    }
  }

  /** The accepted transactions so far. */
  public List<Hash> hashes() {
    synchronized (lock) {
      return List.copyOf(hashes);
    }
  }

  /** Waits until every transaction accepted so far has a receipt, or {@code timeout} has passed. */
  public ReceiptReport awaitReceipts(Duration timeout) {
    return receipts(rpc, hashes(), startBlock, timeout);
  }

  /**
   * Waits for receipts of {@code hashes}, all sent after block {@code after}: reads the receipts of
   * each new block once ({@code eth_getBlockReceipts}, a few blocks a batch) instead of asking for
   * each transaction, so the wait costs the node a block's receipts per block, not per transaction.
   */
  private static ReceiptReport receipts(
      RpcClient rpc, List<Hash> hashes, long after, Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Set<Hash> missing = new LinkedHashSet<>(hashes);
    int failed = 0;
    long firstBlock = -1;
    long lastBlock = -1;
    long next = after + 1;
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      try {
        long head = blockNumber(rpc);
        while (next <= head && !missing.isEmpty()) {
          List<BatchCall> calls = new ArrayList<>();
          for (long n = next; n <= head && calls.size() < BLOCKS_PER_BATCH; n++) {
            calls.add(BatchCall.of("eth_getBlockReceipts", Hex.quantity(n)));
          }
          List<JsonNode> blocks = successes(RpcClient.await(rpc.batch(calls)), "read receipts");
          for (JsonNode receipts : blocks) {
            for (JsonNode receipt : receipts) {
              if (missing.remove(Hash.fromHex(receipt.path("transactionHash").asText()))) {
                long block = Hex.parseQuantity(receipt.path("blockNumber").asText());
                firstBlock = firstBlock < 0 ? block : Math.min(firstBlock, block);
                lastBlock = Math.max(lastBlock, block);
                if (!"0x1".equals(receipt.path("status").asText())) {
                  failed++;
                }
              }
            }
          }
          next += calls.size();
        }
      } catch (RuntimeException e) {
        LOG.debug("receipt query failed, asking again: {}", e.getMessage());
      }
      if (!missing.isEmpty()) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new ReceiptReport(
        hashes.size(),
        failed,
        firstBlock,
        lastBlock,
        List.copyOf(missing),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Stops sending (if running) and closes the connection to the node. */
  @Override
  public void close() {
    stop();
    rpc.close();
  }
}
