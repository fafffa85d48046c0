package io.merapi.service.txmgr;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.attributes.L1BlobFees;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.TemporaryFailures;
import io.merapi.types.block.Header;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.SignedTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction manager over an L1's JSON-RPC (op-service {@code SimpleTxManager} with its {@code
 * Queue}).
 *
 * <p>A send takes its turn in call order ({@link SendOrder}), prepares the candidate (gas estimate,
 * blob sidecar), reserves the next nonce ({@link NonceTracker}) and gets its first version into the
 * pool; then, outside the turn, it polls receipts of every version it sent every receipt query
 * interval, bumps the fees by the pool's replacement rules ({@link FeeRules}) every resubmission
 * timeout while nothing is mined, and returns once a version has the configured confirmations. A
 * version whose receipt disappears (an L1 reorg) is sent again. Only a fee-bumped replacement ever
 * reuses a nonce; a nonce is given back only when no transaction with it reached the pool.
 */
public final class L1TxManager implements TxManager {
  private static final Logger LOG = LoggerFactory.getLogger(L1TxManager.class);

  /** Tries of the first publication that the pool refuses for missing funds. */
  static final int INSUFFICIENT_FUNDS_TRIES = 3;

  /** Underpriced answers in a row that are answered with an immediate bump. */
  static final int MAX_IMMEDIATE_BUMPS = 10;

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

  private final L1Rpc l1;
  private final Address from;
  private final TxManagerConfig config;
  private final TxBuilder builder;
  private final FeeSource fees;
  private final TxMetrics metrics;
  private final NonceTracker nonces = new NonceTracker();
  private final SendOrder order = new SendOrder();
  private final Optional<Semaphore> inFlight;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean closed;

  L1TxManager(
      RpcClient rpc,
      Secp256k1.PrivateKey key,
      long chainId,
      TxManagerConfig config,
      MeterRegistry registry,
      Optional<FeeSource> feeSource) {
    this.l1 = new L1Rpc(rpc);
    this.from = key.address();
    this.config = config;
    this.builder = new TxBuilder(chainId, key);
    this.fees = feeSource.orElseGet(() -> () -> l1Fees(l1));
    this.metrics = new TxMetrics(registry);
    this.inFlight =
        config.maxPendingTx() == 0
            ? Optional.empty()
            : Optional.of(new Semaphore(config.maxPendingTx(), true));
  }

  /**
   * A manager sending from {@code key}'s account through the L1 at {@code l1Rpc}; the chain id is
   * read from the L1 ({@code eth_chainId}).
   *
   * @throws IllegalStateException if the L1 does not answer {@code eth_chainId}
   */
  public static TxManager create(
      URI l1Rpc, Secp256k1.PrivateKey key, TxManagerConfig config, MeterRegistry registry) {
    RpcClient rpc =
        HttpRpcClient.create(
            l1Rpc, RpcClientOptions.defaults().withTimeout(config.networkTimeout()));
    return create(rpc, key, config, registry, Optional.empty());
  }

  static L1TxManager create(
      RpcClient rpc,
      Secp256k1.PrivateKey key,
      TxManagerConfig config,
      MeterRegistry registry,
      Optional<FeeSource> feeSource) {
    long chainId;
    try {
      chainId = new L1Rpc(rpc).chainId();
    } catch (RuntimeException e) {
      rpc.close();
      throw new IllegalStateException("cannot read the L1's chain id: " + e.getMessage(), e);
    }
    return new L1TxManager(rpc, key, chainId, config, registry, feeSource);
  }

  /**
   * The L1's suggestion: its tip ({@code eth_maxPriorityFeePerGas}, else {@code eth_feeHistory}),
   * the latest header's base fee, and the blob base fee from that header's {@code excessBlobGas}.
   */
  static GasPriceEstimate l1Fees(L1Rpc l1) {
    Header head = l1.latestHeader();
    UInt256 tip = l1.suggestedTip();
    return new GasPriceEstimate(
        tip, head.baseFeePerGas().orElse(UInt256.ZERO), L1BlobFees.fromHeader(head));
  }

  @Override
  public Address from() {
    return from;
  }

  @Override
  public TxResult send(TxCandidate candidate) throws TxManagerException, InterruptedException {
    if (closed) {
      throw closedError("before sending");
    }
    return run(candidate, order.take());
  }

  @Override
  public CompletableFuture<TxResult> sendAsync(TxCandidate candidate) {
    if (closed) {
      return CompletableFuture.failedFuture(closedError("before sending"));
    }
    if (inFlight.isPresent()) {
      try {
        inFlight.get().acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(e);
      }
    }
    long ticket = order.take();
    CompletableFuture<TxResult> result = new CompletableFuture<>();
    try {
      workers.execute(
          () -> {
            try {
              result.complete(run(candidate, ticket));
            } catch (Throwable t) {
              result.completeExceptionally(t);
            } finally {
              inFlight.ifPresent(Semaphore::release);
            }
          });
    } catch (RuntimeException rejected) {
      order.done(ticket);
      inFlight.ifPresent(Semaphore::release);
      result.completeExceptionally(closedError("before sending"));
    }
    return result;
  }

  private TxResult run(TxCandidate candidate, long ticket)
      throws TxManagerException, InterruptedException {
    metrics.pendingChanged(1);
    long started = System.nanoTime();
    try {
      SendState state;
      try {
        if (!order.awaitTurn(ticket)) {
          throw closedError("before sending");
        }
        state = firstPublish(candidate, started);
      } finally {
        order.done(ticket);
      }
      TxResult result = waitConfirmed(state, started);
      metrics.confirmed(state.bumps);
      return result;
    } catch (TxManagerException e) {
      metrics.failed();
      LOG.warn("Transaction to {} not sent: {}", candidate.to().toHex(), e.getMessage());
      throw e;
    } finally {
      metrics.pendingChanged(-1);
    }
  }

  // ---- the first version, in send order

  private SendState firstPublish(TxCandidate candidate, long started)
      throws TxManagerException, InterruptedException {
    long mempoolDeadline = started + config.txNotInMempoolTimeout().toNanos();
    TxBuilder.Prepared prepared = prepare(candidate, mempoolDeadline);
    GasPriceEstimate estimate = retrying("fee estimation", this::suggest, mempoolDeadline);
    FeeCaps caps = FeeRules.initial(estimate, prepared.blobTx());
    long nonce = reserveNonce(mempoolDeadline);
    SendState state = new SendState(prepared, nonce, builder.sign(prepared, nonce, caps), caps);
    int fundsTries = 0;
    int immediateBumps = 0;
    boolean warnedTemporary = false;
    while (true) {
      if (closed) {
        nonces.release(state.nonce);
        throw closedError("before " + state.describe() + " reached the pool");
      }
      Publication publication = publish(state.tx);
      switch (publication.outcome()) {
        case ACCEPTED, ALREADY_KNOWN -> {
          state.accepted(state.tx.hash());
          LOG.info(
              "Sent {} to {}: {}, gas limit {}{}",
              state.describe(),
              candidate.to().toHex(),
              state.fees,
              prepared.gasLimit(),
              prepared.blobTx() ? ", " + candidate.blobs().size() + " blobs" : "");
          return state;
        }
        case UNDERPRICED -> {
          if (++immediateBumps > MAX_IMMEDIATE_BUMPS) {
            nonces.release(state.nonce);
            throw new TxManagerException(
                "the L1 pool refused "
                    + state.describe()
                    + " as underpriced after "
                    + MAX_IMMEDIATE_BUMPS
                    + " fee bumps ("
                    + state.fees
                    + "): "
                    + publication.message());
          }
          if (immediateBumps == 1) {
            LOG.warn(
                "The L1 pool refused {} as underpriced ({}); bumping its fees",
                state.describe(),
                publication.message());
          }
          resign(state, FeeRules.bump(state.fees, suggestOr(estimate), prepared.blobTx()));
        }
        case NONCE_TOO_LOW -> {
          // Nothing of ours with this nonce is in the pool yet, so a transaction from elsewhere
          // used it: take the L1's count and sign again with the new nonce.
          if (++state.nonceTooLow >= config.safeAbortNonceTooLowCount()) {
            nonces.reset();
            throw new TxManagerException(
                "nonce too low "
                    + state.nonceTooLow
                    + " times for a fresh transaction: another sender keeps using the account "
                    + from.toChecksumHex());
          }
          nonces.reset();
          long fresh = reserveNonce(mempoolDeadline);
          LOG.warn(
              "Nonce {} of {} was used by a transaction not sent by this manager; using nonce {}",
              state.nonce,
              from.toChecksumHex(),
              fresh);
          state.nonce = fresh;
          resign(state, state.fees);
        }
        case INSUFFICIENT_FUNDS -> {
          if (++fundsTries >= INSUFFICIENT_FUNDS_TRIES) {
            nonces.release(state.nonce);
            throw new TxManagerException(insufficientFunds(state));
          }
          Duration wait = backoff(fundsTries);
          LOG.warn(
              "Account {} has too little ether for {}; trying again in {} s",
              from.toChecksumHex(),
              state.describe(),
              wait.toSeconds());
          pause(wait);
        }
        case TEMPORARY -> {
          if (System.nanoTime() - mempoolDeadline > 0) {
            // It may have reached the pool without the answer reaching us: count again.
            nonces.reset();
            throw new TxManagerException(
                "could not get "
                    + state.describe()
                    + " into the L1 pool within "
                    + config.txNotInMempoolTimeout()
                    + ": "
                    + publication.message());
          }
          if (!warnedTemporary) {
            warnedTemporary = true;
            LOG.warn(
                "Sending {} failed ({}); retrying until the L1 answers",
                state.describe(),
                publication.message());
          }
          pause(FIRST_BACKOFF);
        }
        case REFUSED -> {
          nonces.release(state.nonce);
          throw new TxManagerException(
              "the L1 refused " + state.describe() + ": " + publication.message());
        }
      }
    }
  }

  private TxBuilder.Prepared prepare(TxCandidate candidate, long deadline)
      throws TxManagerException, InterruptedException {
    Optional<BlobSidecar> sidecar;
    try {
      sidecar =
          candidate.isBlobTx() ? Optional.of(BlobSidecars.of(candidate.blobs())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new TxManagerException("cannot send the blobs: " + e.getMessage(), e);
    }
    long gasLimit = candidate.gasLimit();
    if (gasLimit == 0) {
      try {
        gasLimit = retrying("gas estimation", () -> l1.estimateGas(from, candidate), deadline);
      } catch (RpcException e) {
        throw new TxManagerException(
            "gas estimation failed for a transaction to "
                + candidate.to().toHex()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return new TxBuilder.Prepared(candidate, gasLimit, sidecar);
  }

  private long reserveNonce(long deadline) throws TxManagerException, InterruptedException {
    // Read the L1's count (if needed) outside the tracker's lock, with retries.
    if (nonces.peek().isEmpty()) {
      long pending = retrying("nonce lookup", () -> l1.pendingNonce(from), deadline);
      long nonce = nonces.reserve(() -> pending);
      metrics.nonce(nonce);
      return nonce;
    }
    long nonce = nonces.reserve(() -> l1.pendingNonce(from));
    metrics.nonce(nonce);
    return nonce;
  }

  private String insufficientFunds(SendState state) {
    SignedTransaction tx = state.tx;
    UInt256 cost =
        UInt256.valueOf(tx.gasLimit())
            .multiply(tx.maxFeePerGas())
            .add(tx.value())
            .add(UInt256.valueOf(tx.blobGas()).multiply(state.fees.blobFeeCap()));
    String balance;
    try {
      balance = l1.balance(from).toDecimalString() + " wei";
    } catch (RuntimeException e) {
      balance = "unknown";
    }
    return "insufficient funds: account "
        + from.toChecksumHex()
        + " has "
        + balance
        + " but "
        + state.describe()
        + " may cost up to "
        + cost.toDecimalString()
        + " wei (gas limit "
        + tx.gasLimit()
        + " x fee cap "
        + tx.maxFeePerGas().toDecimalString()
        + (tx.blobGas() > 0 ? " + blob gas " + tx.blobGas() + " x blob fee cap" : "")
        + " + value); no nonce was used";
  }

  // ---- waiting for the receipt, bumping, resending

  private TxResult waitConfirmed(SendState state, long started)
      throws TxManagerException, InterruptedException {
    long nextBump = System.nanoTime() + config.resubmissionTimeout().toNanos();
    boolean warnedLimit = false;
    while (true) {
      if (closed) {
        throw closedError("while waiting for " + state.describe());
      }
      Optional<TxResult> confirmed = checkReceipts(state);
      if (confirmed.isPresent()) {
        return confirmed.get();
      }
      long now = System.nanoTime();
      if (state.mined.isEmpty()) {
        if (!config.txSendTimeout().isZero()
            && now - started - config.txSendTimeout().toNanos() > 0) {
          nonces.reset();
          throw new TxManagerException(
              state.describe()
                  + " was not mined within the send timeout of "
                  + config.txSendTimeout()
                  + " ("
                  + state.fees
                  + ", "
                  + state.bumps
                  + " fee bumps)");
        }
        if (state.nonceTooLow >= config.safeAbortNonceTooLowCount()) {
          nonces.reset();
          throw new TxManagerException(
              "nonce "
                  + state.nonce
                  + " is too low and none of the "
                  + state.sentLatestFirst().size()
                  + " versions sent has a receipt: another transaction used it");
        }
        if (now - nextBump >= 0) {
          warnedLimit = bump(state, warnedLimit);
          nextBump = System.nanoTime() + config.resubmissionTimeout().toNanos();
        }
      }
      long untilBump = Math.max(0, nextBump - System.nanoTime());
      long sleep =
          state.mined.isPresent()
              ? config.receiptQueryInterval().toNanos()
              : Math.min(config.receiptQueryInterval().toNanos(), untilBump);
      pause(Duration.ofNanos(Math.max(sleep, 1_000_000)));
    }
  }

  /**
   * Looks for a receipt of any version sent: confirmed → the result; mined → remembered, still
   * waiting; the version seen mined before has none now → it was reorged out, send it again.
   */
  private Optional<TxResult> checkReceipts(SendState state) throws InterruptedException {
    for (Hash hash : state.sentLatestFirst()) {
      Optional<RpcReceipt> receipt;
      long head;
      try {
        receipt = l1.receipt(hash);
        if (receipt.isEmpty()) {
          continue;
        }
        head = l1.blockNumber();
      } catch (RuntimeException e) {
        metrics.rpcError();
        LOG.debug("Receipt of {} not read: {}", hash.toHex(), e.getMessage());
        return Optional.empty();
      }
      RpcReceipt r = receipt.get();
      SendState.Mined mined = new SendState.Mined(hash, r.blockHash(), r.blockNumber());
      if (state.mined.isEmpty() || !state.mined.get().equals(mined)) {
        LOG.info(
            "Transaction {} (nonce {}) mined in L1 block {}:{}",
            hash.toHex(),
            state.nonce,
            r.blockHash().toHex(),
            r.blockNumber());
        state.mined = Optional.of(mined);
      }
      if (r.blockNumber() + config.numConfirmations() <= head + 1) {
        LOG.info(
            "Transaction {} (nonce {}) confirmed: {} blocks on L1 block {}",
            hash.toHex(),
            state.nonce,
            head - r.blockNumber() + 1,
            r.blockNumber());
        return Optional.of(result(r, state.nonce));
      }
      return Optional.empty();
    }
    if (state.mined.isPresent()) {
      SendState.Mined lost = state.mined.get();
      LOG.warn(
          "Transaction {} (nonce {}) left the L1 chain with block {}:{} (L1 reorg); sending it"
              + " again",
          lost.txHash().toHex(),
          state.nonce,
          lost.blockHash().toHex(),
          lost.blockNumber());
      state.mined = Optional.empty();
      Publication again = publish(state.tx);
      if (again.outcome().inPool()) {
        state.accepted(state.tx.hash());
      } else if (again.outcome() == PublishOutcome.NONCE_TOO_LOW) {
        // A version is in the new chain already; its receipt shows up on the next poll.
        LOG.debug("Resent {} answered nonce too low", state.describe());
      } else {
        LOG.warn("Resending {} failed: {}", state.describe(), again.message());
      }
    }
    return Optional.empty();
  }

  /** One fee bump and its publication; returns whether the fee-limit warning was logged. */
  private boolean bump(SendState state, boolean warnedLimit) throws InterruptedException {
    GasPriceEstimate estimate;
    try {
      estimate = suggest();
    } catch (RuntimeException e) {
      metrics.rpcError();
      LOG.warn(
          "Fee estimation failed ({}); sending {} again as it is",
          e.getMessage(),
          state.describe());
      republish(state);
      return warnedLimit;
    }
    for (int attempt = 0; attempt < MAX_IMMEDIATE_BUMPS; attempt++) {
      FeeCaps next = FeeRules.bump(state.fees, estimate, state.prepared.blobTx());
      Optional<String> over =
          FeeRules.overLimit(
              next, estimate, config.feeLimitMultiplier(), config.feeLimitThreshold());
      if (over.isPresent()) {
        if (!warnedLimit) {
          LOG.warn(
              "Not bumping the fees of {}: {}; sending it again as it is",
              state.describe(),
              over.get());
        }
        republish(state);
        return true;
      }
      SignedTransaction previous = state.tx;
      FeeCaps previousFees = state.fees;
      resign(state, next);
      state.bumps++;
      Publication publication = publish(state.tx);
      switch (publication.outcome()) {
        case ACCEPTED, ALREADY_KNOWN -> {
          state.accepted(state.tx.hash());
          LOG.info("Bumped the fees of {}: {}", state.describe(), state.fees);
          return warnedLimit;
        }
        case UNDERPRICED -> {
          // Keep the higher fees and go over them again.
        }
        case NONCE_TOO_LOW -> {
          state.nonceTooLow++;
          LOG.info(
              "Nonce {} is too low for the bumped version: an earlier one is probably mined",
              state.nonce);
          return warnedLimit;
        }
        default -> {
          // The pool still has the previous version; keep it as the one to resend.
          state.tx = previous;
          state.fees = previousFees;
          LOG.warn("Bumping the fees of {} failed: {}", state.describe(), publication.message());
          return warnedLimit;
        }
      }
    }
    return warnedLimit;
  }

  private void republish(SendState state) {
    Publication again = publish(state.tx);
    if (again.outcome().inPool()) {
      state.accepted(state.tx.hash());
    } else if (again.outcome() == PublishOutcome.NONCE_TOO_LOW) {
      state.nonceTooLow++;
    }
  }

  private void resign(SendState state, FeeCaps caps) {
    state.fees = caps;
    state.tx = builder.sign(state.prepared, state.nonce, caps);
  }

  // ---- L1 calls

  record Publication(PublishOutcome outcome, String message) {}

  private Publication publish(SignedTransaction tx) {
    try {
      l1.sendRawTransaction(tx);
      metrics.sent();
      return new Publication(PublishOutcome.ACCEPTED, "");
    } catch (RuntimeException e) {
      PublishOutcome outcome = PublishOutcome.of(e);
      metrics.publishError(outcome.name().toLowerCase(java.util.Locale.ROOT));
      if (outcome == PublishOutcome.TEMPORARY) {
        metrics.rpcError();
      }
      return new Publication(outcome, String.valueOf(e.getMessage()));
    }
  }

  private GasPriceEstimate suggest() {
    GasPriceEstimate raw = fees.suggest();
    GasPriceEstimate floored =
        new GasPriceEstimate(
            raw.tipCap().max(config.minTipCap()),
            raw.baseFee().max(config.minBaseFee()),
            raw.blobBaseFee());
    metrics.fees(floored);
    return floored;
  }

  private GasPriceEstimate suggestOr(GasPriceEstimate fallback) {
    try {
      return suggest();
    } catch (RuntimeException e) {
      metrics.rpcError();
      return fallback;
    }
  }

  /**
   * {@code call}, tried again on temporary failures (no answer, HTTP 5xx) with backoff until {@code
   * deadline}; other failures are thrown as they are.
   */
  private <T> T retrying(String what, Supplier<T> call, long deadline)
      throws TxManagerException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!TemporaryFailures.isTemporary(e)) {
          throw e;
        }
        metrics.rpcError();
        if (System.nanoTime() - deadline > 0) {
          throw new TxManagerException(
              what + " failed: the L1 did not answer: " + e.getMessage(), e);
        }
        if (attempt == 1) {
          LOG.warn("{} failed ({}); retrying", what, e.getMessage());
        }
        pause(backoff(attempt));
      }
    }
  }

  private static Duration backoff(int attempt) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  /** Sleeps, waking early when the manager closes. */
  private void pause(Duration duration) throws InterruptedException {
    closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static TxResult result(RpcReceipt r, long nonce) {
    boolean success = r.receipt().outcome() instanceof Receipt.Status status && status.success();
    return new TxResult(
        r.transactionHash(),
        r.blockHash(),
        r.blockNumber(),
        success,
        r.gasUsed(),
        r.effectiveGasPrice(),
        r.blobGasUsed().orElse(0),
        nonce);
  }

  private static TxManagerException closedError(String when) {
    return new TxManagerException("the transaction manager was closed " + when);
  }

  /**
   * Stops: waiting sends fail with a {@link TxManagerException} within a moment (their nonces may
   * still be in the pool; a new manager counts from the L1 again), then the L1 client closes.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing.countDown();
    order.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(config.networkTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Transaction sends still running at close; closing the L1 client under them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    l1.close();
  }
}
