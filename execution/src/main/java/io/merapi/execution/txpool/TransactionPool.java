package io.merapi.execution.txpool;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.HeadChange;
import io.merapi.execution.chain.HeadListener;
import io.merapi.execution.txpool.TxPoolException.Reason;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionValidator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction pool (geth's {@code legacypool}, with blob transactions admitted alongside): the
 * transactions users sent that no canonical block includes yet, per sender either <em>pending</em>
 * (a run of nonces from the account's nonce at the head: executable now) or <em>queued</em> (behind
 * a nonce gap). Block builders take pending ones by effective tip ({@link #ordered}).
 *
 * <p><b>Admission</b> ({@link #add}): the transaction must be valid on its own under the head's
 * rules (type, size, signature and chain id, intrinsic gas, fee caps, the block gas limit, blob
 * proofs) and affordable by its sender at the head on top of the sender's pending transactions; the
 * same nonce replaces a transaction only with both fee caps raised by {@link
 * TxPoolConfig#priceBump()} percent. Errors are {@link TxPoolException}s in geth's words.
 *
 * <p><b>Limits</b>: when the pool is full the cheapest transaction makes way for a dearer one (or
 * the newcomer is refused as underpriced); past {@link TxPoolConfig#globalSlots()} pending, the
 * senders with the most pending transactions are cut back towards {@link
 * TxPoolConfig#accountSlots()} each; past {@link TxPoolConfig#globalQueue()} queued, the longest
 * idle senders lose theirs; a sender keeps at most {@link TxPoolConfig#accountQueue()} queued, and
 * queued transactions idle for {@link TxPoolConfig#lifetime()} are dropped.
 *
 * <p><b>Head changes</b> (this is the chain's {@link HeadListener}): transactions the new head
 * included or made invalid leave, those after a gap wait in the queue, and after a reorg the
 * transactions of the blocks that left the canonical chain come back unless the new branch has
 * them. This runs on the thread that moved the head.
 *
 * <p>Thread-safe: one lock guards the pool; listeners are called after it is released.
 */
public final class TransactionPool implements HeadListener, MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionPool.class);

  /** How often queued senders are checked for idleness (geth {@code evictionInterval}). */
  static final long EVICTION_INTERVAL_MILLIS = 60_000;

  /** Reorgs deeper than this do not re-inject their transactions (geth: 64 blocks). */
  static final int MAX_REINJECT_DEPTH = 64;

  private final Blockchain chain;
  private final TxPoolConfig config;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Hash, PooledTransaction> all = new HashMap<>();
  private final Map<Address, SenderList> pending = new HashMap<>();
  private final Map<Address, SenderList> queue = new HashMap<>();
  private final Map<Address, Long> beats = new HashMap<>();
  private final TreeSet<PooledTransaction> priced = new TreeSet<>(PooledTransaction.CHEAPEST_FIRST);
  private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Optional<MeterRegistry> registry = Optional.empty();
  private volatile int pendingCount;
  private volatile int queuedCount;
  private int slots;
  private long sequence;
  private long lastEviction;

  private ChainHead head;
  private TransactionValidator validator;
  private long blockGasLimit;
  private UInt256 pendingBaseFee;

  private TransactionPool(Blockchain chain, TxPoolConfig config, Clock clock) {
    this.chain = chain;
    this.config = config;
    this.clock = clock;
    this.lastEviction = clock.millis();
    refreshHead(chain.head());
  }

  /** A pool on {@code chain}'s head, following its head changes until {@link #close}. */
  public static TransactionPool create(Blockchain chain, TxPoolConfig config) {
    return create(chain, config, Clock.systemUTC());
  }

  /** As {@link #create(Blockchain, TxPoolConfig)}, with the clock queued lifetimes run on. */
  public static TransactionPool create(Blockchain chain, TxPoolConfig config, Clock clock) {
    TransactionPool pool = new TransactionPool(chain, config, clock);
    chain.addHeadListener(pool);
    return pool;
  }

  public TxPoolConfig config() {
    return config;
  }

  public void addListener(PoolListener listener) {
    listeners.add(listener);
  }

  public void removeListener(PoolListener listener) {
    listeners.remove(listener);
  }

  /** Stops following the chain's head. */
  @Override
  public void close() {
    chain.removeHeadListener(this);
  }

  // ---- adding ----

  /**
   * Adds {@code tx}, sent by a user or a peer (a blob transaction in its network form, with the
   * sidecar).
   *
   * @return its hash
   * @throws TxPoolException if it is refused; the pool is unchanged then
   */
  public Hash add(Transaction tx) {
    List<Transaction> promoted = new ArrayList<>();
    Hash hash;
    try {
      PoolValidator.prepare(tx); // signature recovery and KZG proofs outside the lock
    } catch (TxPoolException e) {
      count("txpool.rejected", e.reason());
      throw e;
    }
    lock.lock();
    try {
      hash = addLocked(tx, promoted);
      truncatePending();
      truncateQueue();
      evictIdle();
    } catch (TxPoolException e) {
      count("txpool.rejected", e.reason());
      throw e;
    } finally {
      lock.unlock();
    }
    count("txpool.added", null);
    notifyPending(promoted);
    return hash;
  }

  private Hash addLocked(Transaction tx, List<Transaction> promoted) {
    Hash hash = tx.hash();
    if (all.containsKey(hash)) {
      throw new TxPoolException(Reason.ALREADY_KNOWN);
    }
    int size = PoolValidator.validateStateless(tx, validator, blockGasLimit, config);
    Address sender = tx.sender();
    UInt256 cost =
        PoolValidator.cost(tx)
            .orElseThrow(
                () -> new TxPoolException(Reason.INSUFFICIENT_FUNDS, "cost exceeds 2^256 - 1"));
    PooledTransaction ptx =
        new PooledTransaction(tx, sender, cost, size, sequence++, clock.millis());
    SenderList senderPending = pending.get(sender);
    PooledTransaction replacesPending =
        senderPending == null ? null : senderPending.get(tx.nonce());
    PoolValidator.validateWithState(
        ptx,
        account(sender),
        senderPending == null ? BigInteger.ZERO : senderPending.totalCost(),
        replacesPending == null ? BigInteger.ZERO : replacesPending.cost().toBigInteger());

    if (replacesPending != null) {
      if (!SenderList.outbids(ptx, replacesPending, config.priceBump())) {
        throw new TxPoolException(Reason.REPLACEMENT_UNDERPRICED);
      }
      senderPending.put(ptx);
      unindex(replacesPending);
      index(ptx);
      promoted.add(tx);
      return hash;
    }
    SenderList senderQueue = queue.get(sender);
    PooledTransaction replacesQueued = senderQueue == null ? null : senderQueue.get(tx.nonce());
    if (replacesQueued != null) {
      if (!SenderList.outbids(ptx, replacesQueued, config.priceBump())) {
        throw new TxPoolException(Reason.REPLACEMENT_UNDERPRICED);
      }
    } else if (slots + ptx.slots() > config.capacitySlots()) {
      makeRoom(ptx);
    }
    senderQueue = queue.computeIfAbsent(sender, a -> new SenderList());
    PooledTransaction old = senderQueue.put(ptx);
    if (old != null) {
      unindex(old);
      queuedCount--;
    }
    index(ptx);
    queuedCount++;
    beats.put(sender, clock.millis());
    promote(List.of(sender), promoted);
    return hash;
  }

  /** Evicts the cheapest transactions until {@code incoming} fits, or refuses it. */
  private void makeRoom(PooledTransaction incoming) {
    while (slots + incoming.slots() > config.capacitySlots()) {
      if (priced.isEmpty()) {
        throw new TxPoolException(Reason.POOL_FULL);
      }
      PooledTransaction cheapest = priced.first();
      if (!pricedAbove(incoming, cheapest)) {
        throw new TxPoolException(
            Reason.UNDERPRICED,
            "fee cap "
                + incoming.tx().maxFeePerGas().toDecimalString()
                + " not above the cheapest pooled "
                + cheapest.tx().maxFeePerGas().toDecimalString());
      }
      evict(cheapest);
    }
  }

  private static boolean pricedAbove(PooledTransaction a, PooledTransaction b) {
    int byFeeCap = a.tx().maxFeePerGas().compareTo(b.tx().maxFeePerGas());
    return byFeeCap > 0
        || (byFeeCap == 0
            && a.tx().maxPriorityFeePerGas().compareTo(b.tx().maxPriorityFeePerGas()) > 0);
  }

  /** Removes {@code tx}; a pending one's successors wait in the queue again. */
  private void evict(PooledTransaction tx) {
    Address sender = tx.sender();
    SenderList senderPending = pending.get(sender);
    if (senderPending != null && senderPending.get(tx.nonce()) == tx) {
      senderPending.remove(tx.nonce());
      pendingCount--;
      unindex(tx);
      List<PooledTransaction> followers = senderPending.removeAbove(tx.nonce());
      pendingCount -= followers.size();
      enqueue(sender, followers);
      if (senderPending.isEmpty()) {
        pending.remove(sender);
      }
      return;
    }
    SenderList senderQueue = queue.get(sender);
    if (senderQueue != null && senderQueue.get(tx.nonce()) == tx) {
      senderQueue.remove(tx.nonce());
      queuedCount--;
      unindex(tx);
      if (senderQueue.isEmpty()) {
        queue.remove(sender);
        beats.remove(sender);
      }
    }
  }

  // ---- moving between pending and queued ----

  /** Moves queued transactions of {@code senders} that became executable into pending. */
  private void promote(Iterable<Address> senders, List<Transaction> promoted) {
    for (Address sender : senders) {
      SenderList senderQueue = queue.get(sender);
      if (senderQueue == null) {
        continue;
      }
      Account account = account(sender);
      drop(senderQueue.removeBelow(account.nonce()), false);
      UInt256 balance = account.balance();
      drop(
          senderQueue.removeIf(
              p ->
                  p.cost().compareTo(balance) > 0
                      || Long.compareUnsigned(p.tx().gasLimit(), blockGasLimit) > 0),
          false);
      SenderList senderPending = pending.get(sender);
      long next = senderPending == null ? account.nonce() : senderPending.last().nonce() + 1;
      List<PooledTransaction> ready = senderQueue.removeReady(next);
      if (!ready.isEmpty()) {
        queuedCount -= ready.size();
        SenderList target = pending.computeIfAbsent(sender, a -> new SenderList());
        for (PooledTransaction tx : ready) {
          target.put(tx);
          pendingCount++;
          promoted.add(tx.tx());
        }
      }
      while (senderQueue.size() > config.accountQueue()) {
        drop(List.of(senderQueue.removeLast()), false);
      }
      if (senderQueue.isEmpty()) {
        queue.remove(sender);
        beats.remove(sender);
      }
    }
  }

  /**
   * After a head change: pending transactions the head included (or whose nonce another one used)
   * leave, unaffordable ones leave, and those behind a new gap go back to the queue.
   */
  private void demoteUnexecutables() {
    for (Address sender : new ArrayList<>(pending.keySet())) {
      SenderList senderPending = pending.get(sender);
      Account account = account(sender);
      List<PooledTransaction> stale = senderPending.removeBelow(account.nonce());
      pendingCount -= stale.size();
      stale.forEach(this::unindex);
      UInt256 balance = account.balance();
      List<PooledTransaction> unaffordable =
          senderPending.removeIf(
              p ->
                  p.cost().compareTo(balance) > 0
                      || Long.compareUnsigned(p.tx().gasLimit(), blockGasLimit) > 0);
      if (!unaffordable.isEmpty()) {
        pendingCount -= unaffordable.size();
        unaffordable.forEach(this::unindex);
        long lowest = unaffordable.stream().mapToLong(PooledTransaction::nonce).min().orElseThrow();
        List<PooledTransaction> gapped = senderPending.removeAbove(lowest);
        pendingCount -= gapped.size();
        enqueue(sender, gapped);
      }
      if (!senderPending.isEmpty() && senderPending.first().nonce() != account.nonce()) {
        List<PooledTransaction> gapped = senderPending.transactions();
        senderPending.removeIf(p -> true);
        pendingCount -= gapped.size();
        enqueue(sender, gapped);
      }
      if (senderPending.isEmpty()) {
        pending.remove(sender);
      }
    }
  }

  /** Puts pooled transactions (still indexed) back into {@code sender}'s queue. */
  private void enqueue(Address sender, List<PooledTransaction> txs) {
    if (txs.isEmpty()) {
      return;
    }
    SenderList senderQueue = queue.computeIfAbsent(sender, a -> new SenderList());
    for (PooledTransaction tx : txs) {
      PooledTransaction old = senderQueue.put(tx);
      if (old != null) {
        unindex(old);
        queuedCount--;
      }
      queuedCount++;
    }
    beats.putIfAbsent(sender, clock.millis());
  }

  /** Forgets transactions already taken out of their lists. */
  private void drop(List<PooledTransaction> txs, boolean wasPending) {
    for (PooledTransaction tx : txs) {
      unindex(tx);
      if (wasPending) {
        pendingCount--;
      } else {
        queuedCount--;
      }
    }
  }

  private void index(PooledTransaction tx) {
    all.put(tx.hash(), tx);
    priced.add(tx);
    slots += tx.slots();
  }

  private void unindex(PooledTransaction tx) {
    if (all.remove(tx.hash()) != null) {
      priced.remove(tx);
      slots -= tx.slots();
    }
  }

  // ---- limits ----

  /**
   * Cuts pending transactions back to {@link TxPoolConfig#globalSlots()} (geth {@code
   * truncatePending}): the senders above their {@link TxPoolConfig#accountSlots()} lose their
   * highest nonces, the largest first and then evenly, never below their allowance.
   */
  private void truncatePending() {
    if (pendingCount <= config.globalSlots()) {
      return;
    }
    PriorityQueue<Address> spammers =
        new PriorityQueue<>(
            Comparator.comparingInt((Address a) -> pending.get(a).size()).reversed());
    for (Map.Entry<Address, SenderList> e : pending.entrySet()) {
      if (e.getValue().size() > config.accountSlots()) {
        spammers.add(e.getKey());
      }
    }
    List<Address> offenders = new ArrayList<>();
    while (pendingCount > config.globalSlots() && !spammers.isEmpty()) {
      Address offender = spammers.poll();
      offenders.add(offender);
      if (offenders.size() > 1) {
        int threshold = pending.get(offender).size();
        while (pendingCount > config.globalSlots()
            && pending.get(offenders.get(offenders.size() - 2)).size() > threshold) {
          for (int i = 0; i < offenders.size() - 1; i++) {
            dropLastPending(offenders.get(i));
          }
        }
      }
    }
    if (pendingCount > config.globalSlots() && !offenders.isEmpty()) {
      while (pendingCount > config.globalSlots()
          && pending.get(offenders.get(offenders.size() - 1)).size() > config.accountSlots()) {
        for (Address offender : offenders) {
          dropLastPending(offender);
        }
      }
    }
  }

  private void dropLastPending(Address sender) {
    SenderList senderPending = pending.get(sender);
    drop(List.of(senderPending.removeLast()), true);
    if (senderPending.isEmpty()) {
      pending.remove(sender);
    }
  }

  /**
   * Cuts queued transactions back to {@link TxPoolConfig#globalQueue()} (geth {@code
   * truncateQueue}): the senders idle longest lose theirs first, highest nonces first.
   */
  private void truncateQueue() {
    if (queuedCount <= config.globalQueue()) {
      return;
    }
    List<Address> byIdleness = new ArrayList<>(queue.keySet());
    byIdleness.sort(Comparator.comparingLong(a -> beats.getOrDefault(a, 0L)));
    int excess = queuedCount - config.globalQueue();
    for (Address sender : byIdleness) {
      if (excess <= 0) {
        break;
      }
      SenderList senderQueue = queue.get(sender);
      while (excess > 0 && !senderQueue.isEmpty()) {
        drop(List.of(senderQueue.removeLast()), false);
        excess--;
      }
      if (senderQueue.isEmpty()) {
        queue.remove(sender);
        beats.remove(sender);
      }
    }
  }

  /** Drops the queued transactions of senders idle for the configured lifetime. */
  private void evictIdle() {
    long now = clock.millis();
    if (now - lastEviction < EVICTION_INTERVAL_MILLIS) {
      return;
    }
    lastEviction = now;
    long lifetime = config.lifetime().toMillis();
    for (Address sender : new ArrayList<>(queue.keySet())) {
      if (now - beats.getOrDefault(sender, now) > lifetime) {
        SenderList senderQueue = queue.remove(sender);
        beats.remove(sender);
        drop(senderQueue.transactions(), false);
      }
    }
  }

  /**
   * Drops every transaction, pending and queued: the dev chain's {@code evm_revert}, whose snapshot
   * had none of them (the reverted blocks' transactions would otherwise come back).
   *
   * @return how many were dropped
   */
  public int clear() {
    lock.lock();
    try {
      int dropped = all.size();
      for (SenderList list : pending.values()) {
        drop(list.transactions(), true);
      }
      for (SenderList list : queue.values()) {
        drop(list.transactions(), false);
      }
      pending.clear();
      queue.clear();
      beats.clear();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  // ---- the head ----

  @Override
  public void onHeadChange(HeadChange change) {
    List<Transaction> promoted = new ArrayList<>();
    lock.lock();
    try {
      List<Transaction> reinject = change.isReorg() ? dropped(change) : List.of();
      refreshHead(change.current());
      demoteUnexecutables();
      for (Transaction tx : reinject) {
        try {
          if (tx instanceof BlobTransaction blob && blob.sidecar().isEmpty()) {
            throw new TxPoolException(
                Reason.INVALID_BLOB, "the blobs of this included transaction were not kept");
          }
          addLocked(tx, promoted);
        } catch (TxPoolException e) {
          LOG.debug("reorged-out transaction {} not re-injected: {}", tx.hash(), e.getMessage());
        }
      }
      promote(new ArrayList<>(queue.keySet()), promoted);
      truncatePending();
      truncateQueue();
      evictIdle();
    } catch (RuntimeException e) {
      // The listener contract: never throw into the chain's writer. The next change retries.
      LOG.error("transaction pool reset to {} failed", change.current().hash(), e);
    } finally {
      lock.unlock();
    }
    notifyPending(promoted);
  }

  /** The transactions of the blocks a reorg removed that the new branch does not include. */
  private List<Transaction> dropped(HeadChange change) {
    if (change.removed().size() > MAX_REINJECT_DEPTH) {
      LOG.warn(
          "reorg of {} blocks: transactions of the old branch are not re-injected",
          change.removed().size());
      return List.of();
    }
    Set<Hash> included = new HashSet<>();
    for (ChainHead block : change.added()) {
      chain.body(block.hash()).map(BlockBody::transactions).orElse(List.of()).stream()
          .map(Transaction::hash)
          .forEach(included::add);
    }
    List<Transaction> out = new ArrayList<>();
    for (int i = change.removed().size() - 1; i >= 0; i--) { // oldest block first
      Hash blockHash = change.removed().get(i).hash();
      // A block this node built keeps its blob sidecars, one per blob transaction in order.
      List<BlobSidecar> sidecars = chain.sidecars(blockHash);
      int blobTxs = 0;
      for (Transaction tx : chain.body(blockHash).map(BlockBody::transactions).orElse(List.of())) {
        if (tx instanceof BlobTransaction blob) {
          tx = withKeptSidecar(blob, sidecars, blobTxs++);
        }
        if (!(tx instanceof DepositTransaction) && !included.contains(tx.hash())) {
          out.add(tx);
        }
      }
    }
    return out;
  }

  private static Transaction withKeptSidecar(
      BlobTransaction tx, List<BlobSidecar> sidecars, int index) {
    if (index < sidecars.size()
        && sidecars.get(index).versionedHashes().equals(tx.blobVersionedHashes())) {
      return tx.withSidecar(Optional.of(sidecars.get(index)));
    }
    return tx;
  }

  private void refreshHead(ChainHead newHead) {
    head = newHead;
    Header header = newHead.header();
    Fork fork = chain.rules().fork(header.number(), header.timestamp());
    long chainId = chain.config().chainId();
    validator =
        chain.config().isOptimism()
            ? TransactionValidator.opStack(chainId, fork)
            : TransactionValidator.l1(chainId, fork);
    blockGasLimit = header.gasLimit();
    pendingBaseFee = chain.rules().baseFee(header, header.timestamp() + 1).orElse(UInt256.ZERO);
  }

  private Account account(Address sender) {
    StateReader state = chain.headState();
    return state.account(sender).orElse(Account.EMPTY);
  }

  // ---- reading ----

  /**
   * The pending transactions in the order a block on the current head should take them: by
   * effective tip under {@code baseFee}, each sender's by nonce, cut at a sender's first
   * transaction whose fee cap is below {@code baseFee} (the later ones cannot go before it).
   */
  public TransactionsByPriceAndNonce ordered(UInt256 baseFee) {
    List<List<PooledTransaction>> bySender = new ArrayList<>();
    lock.lock();
    try {
      for (SenderList list : pending.values()) {
        List<PooledTransaction> txs = list.transactions();
        int usable = 0;
        while (usable < txs.size() && txs.get(usable).tx().maxFeePerGas().compareTo(baseFee) >= 0) {
          usable++;
        }
        if (usable > 0) {
          bySender.add(usable == txs.size() ? txs : txs.subList(0, usable));
        }
      }
    } finally {
      lock.unlock();
    }
    return new TransactionsByPriceAndNonce(bySender, baseFee);
  }

  /** The base fee of a block on the current head, as the pool last saw it. */
  public UInt256 pendingBaseFee() {
    lock.lock();
    try {
      return pendingBaseFee;
    } finally {
      lock.unlock();
    }
  }

  public Optional<Transaction> get(Hash hash) {
    lock.lock();
    try {
      return Optional.ofNullable(all.get(hash)).map(PooledTransaction::tx);
    } finally {
      lock.unlock();
    }
  }

  public boolean contains(Hash hash) {
    return get(hash).isPresent();
  }

  /**
   * The nonce {@code sender}'s next transaction should have: after its pending ones, or its account
   * nonce ({@code eth_getTransactionCount} at {@code pending}).
   */
  public long nextNonce(Address sender) {
    lock.lock();
    try {
      SenderList senderPending = pending.get(sender);
      return senderPending == null ? account(sender).nonce() : senderPending.last().nonce() + 1;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The nonce after {@code sender}'s pending transactions, or empty if it has none pending (the
   * account nonce is then the answer).
   */
  public OptionalLong pendingNonce(Address sender) {
    lock.lock();
    try {
      SenderList senderPending = pending.get(sender);
      return senderPending == null
          ? OptionalLong.empty()
          : OptionalLong.of(senderPending.last().nonce() + 1);
    } finally {
      lock.unlock();
    }
  }

  public PoolStatus status() {
    lock.lock();
    try {
      return new PoolStatus(pendingCount, queuedCount);
    } finally {
      lock.unlock();
    }
  }

  /** Every transaction by sender ({@code txpool_content}). */
  public PoolContent content() {
    lock.lock();
    try {
      return new PoolContent(snapshot(pending), snapshot(queue));
    } finally {
      lock.unlock();
    }
  }

  /** One sender's transactions ({@code txpool_contentFrom}). */
  public PoolContent content(Address sender) {
    lock.lock();
    try {
      SortedMap<Address, List<Transaction>> p = new TreeMap<>();
      SortedMap<Address, List<Transaction>> q = new TreeMap<>();
      Optional.ofNullable(pending.get(sender)).ifPresent(l -> p.put(sender, plain(l)));
      Optional.ofNullable(queue.get(sender)).ifPresent(l -> q.put(sender, plain(l)));
      return new PoolContent(p, q);
    } finally {
      lock.unlock();
    }
  }

  private static SortedMap<Address, List<Transaction>> snapshot(Map<Address, SenderList> part) {
    SortedMap<Address, List<Transaction>> out = new TreeMap<>();
    part.forEach((sender, list) -> out.put(sender, plain(list)));
    return out;
  }

  private static List<Transaction> plain(SenderList list) {
    return list.transactions().stream().map(PooledTransaction::tx).toList();
  }

  /** Checks the pool's internal bookkeeping (tests). */
  void checkInvariants() {
    lock.lock();
    try {
      int p = 0;
      int q = 0;
      int s = 0;
      Set<Hash> listed = new HashSet<>();
      for (Map.Entry<Address, SenderList> e : pending.entrySet()) {
        List<PooledTransaction> txs = e.getValue().transactions();
        if (txs.isEmpty()) {
          throw new IllegalStateException("empty pending list for " + e.getKey());
        }
        long expected = account(e.getKey()).nonce();
        for (PooledTransaction tx : txs) {
          if (tx.nonce() != expected++) {
            throw new IllegalStateException("pending nonces of " + e.getKey() + " have a gap");
          }
          listed.add(tx.hash());
          s += tx.slots();
        }
        p += txs.size();
      }
      for (Map.Entry<Address, SenderList> e : queue.entrySet()) {
        List<PooledTransaction> txs = e.getValue().transactions();
        if (txs.isEmpty()) {
          throw new IllegalStateException("empty queue for " + e.getKey());
        }
        SenderList senderPending = pending.get(e.getKey());
        long next =
            senderPending == null ? account(e.getKey()).nonce() : senderPending.last().nonce() + 1;
        if (Long.compareUnsigned(txs.get(0).nonce(), next) <= 0) {
          throw new IllegalStateException("queued transaction of " + e.getKey() + " is ready");
        }
        for (PooledTransaction tx : txs) {
          listed.add(tx.hash());
          s += tx.slots();
        }
        q += txs.size();
      }
      if (p != pendingCount || q != queuedCount || s != slots) {
        throw new IllegalStateException(
            "counts: pending " + p + "/" + pendingCount + ", queued " + q + "/" + queuedCount);
      }
      if (!listed.equals(all.keySet()) || priced.size() != all.size()) {
        throw new IllegalStateException("index out of step with the lists");
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- events and metrics ----

  private void notifyPending(List<Transaction> promoted) {
    if (promoted.isEmpty()) {
      return;
    }
    List<Transaction> event = List.copyOf(promoted);
    for (PoolListener listener : listeners) {
      try {
        listener.onNewPending(event);
      } catch (RuntimeException e) {
        LOG.error("transaction pool listener failed", e);
      }
    }
  }

  /** Gauges {@code txpool.pending} and {@code txpool.queued}; counters of added and refused. */
  @Override
  public void bindTo(MeterRegistry meters) {
    Gauge.builder("txpool.pending", this, p -> p.pendingCount)
        .description("executable transactions in the pool")
        .register(meters);
    Gauge.builder("txpool.queued", this, p -> p.queuedCount)
        .description("transactions waiting behind a nonce gap")
        .register(meters);
    registry = Optional.of(meters);
  }

  private void count(String name, Reason reason) {
    registry.ifPresent(
        r ->
            r.counter(name, "reason", reason == null ? "none" : reason.name().toLowerCase())
                .increment());
  }
}
