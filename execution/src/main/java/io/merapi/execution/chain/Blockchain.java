package io.merapi.execution.chain;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.evm.BlockContext;
import io.merapi.execution.genesis.ChainConfigJson;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.execution.genesis.GenesisState;
import io.merapi.state.StateReader;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.ChainRules;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.store.FlatStateReader;
import io.merapi.state.store.StateCommitter;
import io.merapi.state.store.StateDiff;
import io.merapi.state.store.StateUpdate;
import io.merapi.state.store.TrieStateReader;
import io.merapi.storage.KeyValueStore;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Genesis;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The chain on a key-value store: blocks validated, executed and stored; the canonical chain and
 * its head chosen; headers, bodies, receipts, transactions and states read back. This is what the
 * execution node drives (Engine API, JSON-RPC, block building) and what {@code merapi execution
 * init/import/export} and {@code merapi evm blocktest} use.
 *
 * <p><b>Storage and crashes.</b> Each step lands in one atomic batch: an imported block with its
 * receipts, trie nodes, code and state diff; a head change with the flat state moved, the canonical
 * index and transaction lookups rewritten and the head pointer. The head pointer is written in the
 * same batch as everything it points to, so a process killed at any moment reopens on a head whose
 * block, state and indexes are complete.
 *
 * <p><b>State.</b> The head's state is kept flat (one lookup per account or slot) and executes the
 * blocks that extend the head; any other stored block's state is read through its tries, which are
 * never pruned. A reorg rewinds the flat view block by block with the stored diffs down to the
 * common ancestor and replays the new branch's diffs up to the new head.
 *
 * <p><b>Threads.</b> Reads are thread-safe and lock-free. Imports and head changes are serialized.
 * {@link HeadListener}s are called after each head change, on the writing thread.
 */
public final class Blockchain {
  private final ChainStore store;
  private final NodeSource nodes;
  private final ChainConfig config;
  private final ChainRules rules;
  private final BlockExecutor executor;
  private final ChainHead genesis;
  private final HeaderCache headers = new HeaderCache(2048);
  private final ReentrantLock writeLock = new ReentrantLock();
  private final List<HeadListener> listeners = new CopyOnWriteArrayList<>();
  private volatile ChainHead head;

  /** Counts head changes, so a builder reading the flat view can tell that it moved under it. */
  private final AtomicLong headChanges = new AtomicLong();

  private volatile Optional<ChainHead> safe;
  private volatile Optional<ChainHead> finalized;

  private Blockchain(ChainStore store, ChainRules rules) {
    this.store = store;
    this.nodes = store;
    this.rules = rules;
    this.config = rules.config();
    this.executor = new BlockExecutor(rules);
    this.genesis = requireStored(store.pointer(ChainStore.GENESIS), "genesis");
    this.head = requireStored(store.pointer(ChainStore.HEAD), "head");
    this.safe = store.pointer(ChainStore.SAFE).map(h -> requireStored(Optional.of(h), "safe"));
    this.finalized =
        store.pointer(ChainStore.FINALIZED).map(h -> requireStored(Optional.of(h), "finalized"));
  }

  // ---- opening ----

  /**
   * The chain of {@code genesis} in {@code store}: written there if the store is empty, opened if
   * it holds the same genesis (geth {@code init}).
   *
   * @throws IllegalStateException if the store holds a different genesis
   */
  public static Blockchain initialize(KeyValueStore store, Genesis genesis) {
    return initialize(store, genesis, ChainRules::of);
  }

  public static Blockchain initialize(
      KeyValueStore kv, Genesis genesis, Function<ChainConfig, ChainRules> rules) {
    ChainStore store = new ChainStore(kv);
    Optional<Hash> stored = store.pointer(ChainStore.GENESIS);
    if (stored.isPresent()) {
      GenesisBlock block = GenesisBlock.of(genesis);
      if (!stored.get().equals(block.hash())) {
        throw new IllegalStateException(
            "the database already holds another genesis block (have "
                + stored.get()
                + ", new "
                + block.hash()
                + ")");
      }
    } else {
      writeGenesis(store, genesis);
    }
    return open(kv, rules);
  }

  /** Whether {@code store} holds a chain that {@link #open} can open. */
  public static boolean holdsChain(KeyValueStore store) {
    return new ChainStore(store).metadata(ChainStore.CHAIN_CONFIG).isPresent();
  }

  /**
   * The chain already in {@code store}, with the rules of its stored config.
   *
   * @throws IllegalStateException if the store holds no chain
   */
  public static Blockchain open(KeyValueStore store) {
    return open(store, ChainRules::of);
  }

  public static Blockchain open(KeyValueStore kv, Function<ChainConfig, ChainRules> rules) {
    ChainStore store = new ChainStore(kv);
    byte[] configJson =
        store
            .metadata(ChainStore.CHAIN_CONFIG)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the database holds no chain (write a genesis first: merapi execution"
                            + " init)"));
    return new Blockchain(store, rules.apply(ChainConfigJson.fromBytes(configJson)));
  }

  /**
   * Writes the genesis state in batches as it is built (a large alloc need not fit in one batch),
   * then the block, its indexes and the pointers in a last batch: until that lands the store holds
   * no chain, and a repeated {@code initialize} writes the same content-addressed state again.
   */
  private static void writeGenesis(ChainStore store, Genesis genesis) {
    GenesisWriter writer = new GenesisWriter(store);
    GenesisBlock block = GenesisBlock.of(genesis, writer);
    writer.flush();
    try (ChainStore.Batch batch = store.batch()) {
      batch.block(block.block(), block.hash(), List.of(), EMPTY_UPDATE);
      batch.canonical(block.header().number(), block.hash(), List.of());
      batch.metadata(ChainStore.CHAIN_CONFIG, ChainConfigJson.toBytes(genesis.config()));
      batch.pointer(ChainStore.GENESIS, block.hash());
      batch.pointer(ChainStore.HEAD, block.hash());
      batch.commit();
    }
  }

  private static final StateUpdate EMPTY_UPDATE =
      new StateUpdate(Hash.ZERO, List.of(), Map.of(), StateDiff.EMPTY);

  /** Genesis state into the store, a batch every few hundred thousand writes. */
  private static final class GenesisWriter implements GenesisState.Sink {
    private static final int BATCH_WRITES = 200_000;
    private final ChainStore store;
    private ChainStore.Batch batch;
    private int writes;

    GenesisWriter(ChainStore store) {
      this.store = store;
      this.batch = store.batch();
    }

    @Override
    public void node(EncodedNode node) {
      batch.node(node);
      count();
    }

    @Override
    public void code(Hash codeHash, byte[] code) {
      batch.code(codeHash, code);
      count();
    }

    @Override
    public void account(Hash accountKey, byte[] rlp) {
      batch.account(accountKey, Optional.of(Bytes.wrap(rlp)));
      count();
    }

    @Override
    public void storage(Hash accountKey, Hash slotKey, byte[] rlp) {
      batch.storage(accountKey, slotKey, Optional.of(Bytes.wrap(rlp)));
      count();
    }

    private void count() {
      if (++writes == BATCH_WRITES) {
        flush();
        batch = store.batch();
      }
    }

    void flush() {
      batch.commit();
      batch.close();
      writes = 0;
    }
  }

  private ChainHead requireStored(Optional<Hash> hash, String what) {
    Hash h =
        hash.orElseThrow(() -> new IllegalStateException("the database has no " + what + " block"));
    Header header =
        store
            .header(h)
            .orElseThrow(
                () -> new IllegalStateException("the " + what + " block " + h + " is not stored"));
    return new ChainHead(h, header);
  }

  // ---- reading ----

  public ChainConfig config() {
    return config;
  }

  public ChainRules rules() {
    return rules;
  }

  public BlockExecutor executor() {
    return executor;
  }

  public ChainHead genesis() {
    return genesis;
  }

  public ChainHead head() {
    return head;
  }

  public Optional<ChainHead> safe() {
    return safe;
  }

  public Optional<ChainHead> finalized() {
    return finalized;
  }

  public boolean contains(Hash blockHash) {
    return store.number(blockHash).isPresent();
  }

  public Optional<Header> header(Hash blockHash) {
    Header cached = headers.get(blockHash);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Header> header = store.header(blockHash);
    header.ifPresent(h -> headers.put(blockHash, h));
    return header;
  }

  /** The canonical block at {@code number}'s header. */
  public Optional<Header> header(long number) {
    return canonicalHash(number).flatMap(this::header);
  }

  public Optional<Hash> canonicalHash(long number) {
    return store.canonicalHash(number);
  }

  public Optional<BlockBody> body(Hash blockHash) {
    return store.number(blockHash).flatMap(n -> store.body(n, blockHash));
  }

  public Optional<Block> block(Hash blockHash) {
    return header(blockHash)
        .flatMap(h -> store.body(h.number(), blockHash).map(b -> new Block(h, b)));
  }

  /** The canonical block at {@code number}. */
  public Optional<Block> block(long number) {
    return canonicalHash(number).flatMap(this::block);
  }

  public Optional<List<Receipt>> receipts(Hash blockHash) {
    return store.number(blockHash).flatMap(n -> store.receipts(n, blockHash));
  }

  /**
   * The blob sidecars kept with a block, one per blob transaction in block order: empty for a block
   * without blob transactions, and also for one imported from elsewhere (the execution layer is not
   * given the blobs of a block it did not build).
   */
  public List<BlobSidecar> sidecars(Hash blockHash) {
    return store.number(blockHash).flatMap(n -> store.sidecars(n, blockHash)).orElse(List.of());
  }

  /** Where a transaction of the canonical chain is. */
  public Optional<TransactionLocation> transactionLocation(Hash txHash) {
    return store.transactionLocation(txHash);
  }

  /**
   * The state at the head, from the flat view: fast, and it follows the head (reads made across a
   * head change may see both states). For a fixed state use {@link #stateAt}.
   */
  public StateReader headState() {
    return new FlatStateReader(store, store);
  }

  /**
   * The state after block {@code blockHash}, read through its tries: fixed whatever the head does.
   * Not thread-safe (one reader per thread).
   */
  public Optional<StateReader> stateAt(Hash blockHash) {
    return header(blockHash).map(h -> new TrieStateReader(h.stateRoot(), nodes, store));
  }

  /** Contract code by its hash, as stored (for execution witnesses). */
  public Optional<byte[]> code(Hash codeHash) {
    return store.code(codeHash);
  }

  /** BLOCKHASH answers for a block whose parent is {@code parentHash}: its ancestors by number. */
  public BlockContext.BlockHashLookup ancestorHashes(Hash parentHash) {
    return new AncestorHashes(parentHash, this::header);
  }

  public void addHeadListener(HeadListener listener) {
    listeners.add(listener);
  }

  public void removeHeadListener(HeadListener listener) {
    listeners.remove(listener);
  }

  // ---- importing ----

  /**
   * Validates {@code block} against its parent, executes it on the parent's state, checks its
   * results and stores it, without moving the head (Engine API {@code newPayload}).
   *
   * @throws UnknownBlockException if its parent is not stored
   * @throws InvalidBlockException if it breaks a rule; nothing is stored
   */
  public ImportResult importBlock(Block block) {
    return doImport(block, false);
  }

  /** {@link #importBlock}, then makes the block the head (geth {@code InsertChain}). */
  public ImportResult importBlockAsHead(Block block) {
    return doImport(block, true);
  }

  private ImportResult doImport(Block block, boolean makeHead) {
    Hash hash = block.hash();
    Header header = block.header();
    writeLock.lock();
    try {
      if (contains(hash)) {
        if (makeHead) {
          setHeadLocked(hash, Optional.empty(), Optional.empty());
        }
        return new ImportResult.AlreadyKnown(new ChainHead(hash, header));
      }
      Hash parentHash = header.parentHash();
      Header parent =
          header(parentHash)
              .orElseThrow(
                  () ->
                      new UnknownBlockException(
                          parentHash,
                          "unknown parent " + parentHash + " of block " + header.number()));
      long t0 = System.nanoTime();
      BlockValidator.validateHeader(rules, parent, header);
      BlockValidator.validateBody(block);
      recoverSenders(block.transactions());
      long t1 = System.nanoTime();
      boolean onHead = head.hash().equals(parentHash);
      StateReader parentState =
          onHead ? headState() : new TrieStateReader(parent.stateRoot(), nodes, store);
      BlockExecution result = executor.execute(block, parentState, ancestorHashes(parentHash));
      BlockValidator.validateResults(header, result);
      long t2 = System.nanoTime();
      StateUpdate update = StateCommitter.commit(parent.stateRoot(), nodes, result.changes());
      BlockValidator.validateStateRoot(header, update.stateRoot());
      long t3 = System.nanoTime();
      store(block, hash, result.receipts(), update, List.of(), makeHead);
      long t4 = System.nanoTime();
      return new ImportResult.Imported(
          new ChainHead(hash, header),
          result.receipts(),
          makeHead,
          new ImportTimings(t1 - t0, t2 - t1, t3 - t2, t4 - t3));
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Stores a block this chain's {@link BlockBuilder} sealed, without executing it again.
   *
   * @throws UnknownBlockException if its parent is no longer stored
   */
  public ImportResult importSealed(SealedBlock sealed, boolean makeHead) {
    return importSealed(sealed, List.of(), makeHead);
  }

  /**
   * {@link #importSealed(SealedBlock, boolean)}, keeping the sidecars of the block's blob
   * transactions (in block order) in the same atomic write as the block, for {@link #sidecars}.
   *
   * @throws UnknownBlockException if its parent is no longer stored
   */
  public ImportResult importSealed(
      SealedBlock sealed, List<BlobSidecar> sidecars, boolean makeHead) {
    writeLock.lock();
    try {
      if (contains(sealed.hash())) {
        if (makeHead) {
          setHeadLocked(sealed.hash(), Optional.empty(), Optional.empty());
        }
        return new ImportResult.AlreadyKnown(new ChainHead(sealed.hash(), sealed.block().header()));
      }
      Hash parentHash = sealed.block().header().parentHash();
      if (!contains(parentHash)) {
        throw new UnknownBlockException(parentHash, "unknown parent " + parentHash);
      }
      long t0 = System.nanoTime();
      store(sealed.block(), sealed.hash(), sealed.receipts(), sealed.state(), sidecars, makeHead);
      return new ImportResult.Imported(
          new ChainHead(sealed.hash(), sealed.block().header()),
          sealed.receipts(),
          makeHead,
          new ImportTimings(0, 0, 0, System.nanoTime() - t0));
    } finally {
      writeLock.unlock();
    }
  }

  /** Writes a validated block; extends the head in the same batch when it is the head's child. */
  private void store(
      Block block,
      Hash hash,
      List<Receipt> receipts,
      StateUpdate update,
      List<BlobSidecar> sidecars,
      boolean makeHead) {
    ChainHead previous = head;
    ChainHead imported = new ChainHead(hash, block.header());
    boolean extend = makeHead && previous.hash().equals(block.header().parentHash());
    try (ChainStore.Batch batch = store.batch()) {
      batch.block(block, hash, receipts, update);
      batch.sidecars(block.number(), hash, sidecars);
      if (extend) {
        update.diff().applyForward(batch);
        batch.canonical(block.number(), hash, block.transactions());
        batch.pointer(ChainStore.HEAD, hash);
      }
      batch.commit();
    }
    headers.put(hash, block.header());
    if (extend) {
      head = imported;
      headChanges.incrementAndGet();
      notifyListeners(new HeadChange(previous, imported, List.of(), List.of(imported)));
    } else if (makeHead) {
      setHeadLocked(hash, Optional.empty(), Optional.empty());
    }
  }

  /** Recovers the senders of a large block on all cores before it executes in order. */
  private static void recoverSenders(List<Transaction> txs) {
    if (txs.size() < 64) {
      return;
    }
    txs.parallelStream()
        .forEach(
            tx -> {
              try {
                tx.sender();
              } catch (InvalidTransactionException invalid) {
                // Reported in order when the block executes.
              }
            });
  }

  // ---- fork choice ----

  /** Makes the stored block {@code blockHash} the head, reorganizing the canonical chain. */
  public void setHead(Hash blockHash) {
    forkChoice(blockHash, Optional.empty(), Optional.empty());
  }

  /**
   * Makes {@code headHash} the head and labels {@code safe} and {@code finalized} blocks (Engine
   * API {@code forkchoiceUpdated}), all in one atomic write. Labels not given keep their blocks.
   *
   * @throws UnknownBlockException if a block named is not stored
   * @throws InvalidForkChoiceException if a label is not on the new canonical chain
   */
  public void forkChoice(Hash headHash, Optional<Hash> safeHash, Optional<Hash> finalizedHash) {
    writeLock.lock();
    try {
      setHeadLocked(headHash, safeHash, finalizedHash);
    } finally {
      writeLock.unlock();
    }
  }

  private void setHeadLocked(Hash target, Optional<Hash> safeHash, Optional<Hash> finalizedHash) {
    ChainHead previous = head;
    ChainHead next = stored(target);
    List<ChainHead> removed = new ArrayList<>();
    List<ChainHead> added = new ArrayList<>();
    ChainHead a = previous;
    ChainHead b = next;
    while (a.number() > b.number()) {
      removed.add(a);
      a = parentOf(a);
    }
    while (b.number() > a.number()) {
      added.add(b);
      b = parentOf(b);
    }
    while (!a.hash().equals(b.hash())) {
      removed.add(a);
      added.add(b);
      a = parentOf(a);
      b = parentOf(b);
    }
    Collections.reverse(added);
    long ancestor = a.number();
    // A label not given stays, unless its block left the canonical chain: then it falls back to
    // the common ancestor, so that safe and finalized are never above the head nor off its chain.
    ChainHead common = a;
    Optional<ChainHead> newSafe =
        label(safeHash, "safe", next, ancestor, added).or(() -> kept(safe, ancestor, common));
    Optional<ChainHead> newFinalized =
        label(finalizedHash, "finalized", next, ancestor, added)
            .or(() -> kept(finalized, ancestor, common));

    try (ChainStore.Batch batch = store.batch()) {
      for (ChainHead block : removed) { // newest first: each diff undone on top of the next
        diff(block).applyBackward(batch);
        batch.notCanonical(block.number(), body(block).transactions());
      }
      for (ChainHead block : added) { // oldest first
        diff(block).applyForward(batch);
        batch.canonical(block.number(), block.hash(), body(block).transactions());
      }
      newSafe.ifPresent(s -> batch.pointer(ChainStore.SAFE, s.hash()));
      newFinalized.ifPresent(f -> batch.pointer(ChainStore.FINALIZED, f.hash()));
      batch.pointer(ChainStore.HEAD, next.hash());
      batch.commit();
    }
    head = next;
    if (!removed.isEmpty() || !added.isEmpty()) {
      // Only a new head moves the flat state: new safe or finalized labels on the same head (each
      // forkchoiceUpdated of a sequencer while it derives) leave a block built on it valid.
      headChanges.incrementAndGet();
    }
    safe = newSafe;
    finalized = newFinalized;
    if (!removed.isEmpty() || !added.isEmpty()) {
      notifyListeners(new HeadChange(previous, next, removed, added));
    }
  }

  private static Optional<ChainHead> kept(
      Optional<ChainHead> label, long ancestor, ChainHead common) {
    return label.map(block -> block.number() > ancestor ? common : block);
  }

  /**
   * Rewinds the canonical chain to its block {@code number} (geth {@code debug_setHead}); the
   * blocks above stay stored off the canonical chain, and safe and finalized come down to the new
   * head if they were above it. Listeners see the removed blocks as a reorg.
   *
   * @return the new head
   * @throws IllegalArgumentException if {@code number} is above the head
   */
  public ChainHead rewind(long number) {
    writeLock.lock();
    try {
      ChainHead current = head;
      if (number < 0 || number > current.number()) {
        throw new IllegalArgumentException(
            "cannot rewind to block " + number + ": the head is block " + current.number());
      }
      Hash target =
          canonicalHash(number)
              .orElseThrow(() -> new IllegalStateException("no canonical block " + number));
      setHeadLocked(target, Optional.empty(), Optional.empty());
      return head;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * A label's block, which must be canonical once {@code head} is: on the new branch or below it.
   */
  private Optional<ChainHead> label(
      Optional<Hash> hash, String name, ChainHead head, long ancestor, List<ChainHead> added) {
    if (hash.isEmpty() || hash.get().isZero()) {
      return Optional.empty();
    }
    ChainHead block = stored(hash.get());
    boolean canonical;
    if (block.number() > head.number()) {
      canonical = false;
    } else if (block.number() > ancestor) {
      canonical = added.get((int) (block.number() - ancestor - 1)).hash().equals(block.hash());
    } else {
      canonical = store.canonicalHash(block.number()).filter(block.hash()::equals).isPresent();
    }
    if (!canonical) {
      throw new InvalidForkChoiceException(
          name + " block " + block.hash() + " is not on the chain of head " + head.hash());
    }
    return Optional.of(block);
  }

  private ChainHead stored(Hash hash) {
    return header(hash)
        .map(h -> new ChainHead(hash, h))
        .orElseThrow(() -> new UnknownBlockException(hash, "unknown block " + hash));
  }

  private ChainHead parentOf(ChainHead block) {
    if (block.hash().equals(genesis.hash())) {
      throw new IllegalStateException("no common ancestor above the genesis block");
    }
    return stored(block.header().parentHash());
  }

  private StateDiff diff(ChainHead block) {
    return store
        .stateDiff(block.number(), block.hash())
        .orElseThrow(
            () -> new IllegalStateException("no state diff stored for block " + block.hash()));
  }

  private BlockBody body(ChainHead block) {
    return store
        .body(block.number(), block.hash())
        .orElseThrow(() -> new IllegalStateException("no body stored for block " + block.hash()));
  }

  private void notifyListeners(HeadChange change) {
    for (HeadListener listener : listeners) {
      listener.onHeadChange(change);
    }
  }

  // ---- building ----

  /**
   * Starts a block on the stored block {@code parentHash} (the head or any other), executing on the
   * parent's state without storing anything: add transactions, then {@link BlockBuilder#seal}.
   *
   * @throws UnknownBlockException if the parent is not stored
   * @throws InvalidBlockException if the attributes do not fit the parent and the chain's rules
   */
  public BlockBuilder newBlock(Hash parentHash, BlockAttributes attributes) {
    ChainHead parent = stored(parentHash);
    long changes = headChanges.get();
    boolean onHead = head.hash().equals(parentHash);
    StateReader state =
        onHead ? headState() : new TrieStateReader(parent.header().stateRoot(), nodes, store);
    // On the head's flat view the block is only right if the head stays put until it is sealed.
    BooleanSupplier stateUnchanged = onHead ? () -> headChanges.get() == changes : () -> true;
    return new BlockBuilder(
        rules,
        executor,
        nodes,
        parent,
        attributes,
        state,
        ancestorHashes(parentHash),
        stateUnchanged);
  }
}
