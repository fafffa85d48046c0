package io.merapi.derive.actions;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.state.AccountChange;
import io.merapi.state.InMemoryState;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.L1ChainRules;
import io.merapi.state.block.PendingBlock;
import io.merapi.types.block.Header;
import io.merapi.types.config.Genesis;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A real L1 chain in memory, mined by hand (op-e2e's {@code L1Miner}): each block executes its
 * transactions under Cancun rules on the state after its parent (the EIP-4788 beacon root call,
 * EIP-1559 base fees, EIP-4844 blob gas) and is sealed with its real state, transactions and
 * receipts roots. Transactions wait in a pool until a block includes them; the blobs of included
 * blob transactions are kept, by block, for the {@link BlobSource} side. Blocks can be dropped from
 * the tip and replaced (a reorg); blocks reorged out stay readable by hash, as an L1 node serves
 * them.
 *
 * <p>The state is one {@link InMemoryState} at the tip; a reorg rebuilds it from the genesis by
 * replaying each remaining block's net changes, which is exact and costs no execution.
 */
final class L1Miner implements L1Source, BlobSource {
  /** The L1 slot time; every mined block is this much after its parent unless told otherwise. */
  static final long BLOCK_TIME = 12;

  private static final Address DEFAULT_COINBASE =
      Address.fromHex("0x00000000000000000000000000000000c014ba5e");

  /** One sealed block with what derivation and the harness read from it. */
  record L1Block(
      Header header,
      Hash hash,
      List<Transaction> transactions,
      List<Receipt> receipts,
      Map<Hash, Bytes> blobs,
      List<AccountChange> changes) {
    L1BlockRef ref() {
      return new L1BlockRef(hash, header.number(), header.parentHash(), header.timestamp());
    }

    long number() {
      return header.number();
    }

    /** All logs of the block in order (a log's position is its log index). */
    List<Log> logs() {
      List<Log> logs = new ArrayList<>();
      receipts.forEach(r -> logs.addAll(r.logs()));
      return logs;
    }
  }

  private final Genesis genesis;
  private final L1ChainRules rules;
  private final BlockExecutor executor;
  private final List<L1Block> canonical = new ArrayList<>();
  private final Map<Hash, L1Block> byHash = new HashMap<>();
  private final List<Transaction> pool = new ArrayList<>();
  private final StateTrie trie = new StateTrie();
  private InMemoryState state;
  private Address coinbase = DEFAULT_COINBASE;

  L1Miner(Genesis genesis) {
    this.genesis = genesis;
    this.rules = new L1ChainRules(genesis.config());
    this.executor = new BlockExecutor(rules);
    this.state = genesisState(genesis);
    GenesisBlock block = trie.genesis(genesis);
    add(new L1Block(block.header(), block.hash(), List.of(), List.of(), Map.of(), List.of()));
  }

  static InMemoryState genesisState(Genesis genesis) {
    InMemoryState s = new InMemoryState();
    genesis
        .alloc()
        .forEach(
            (address, account) -> {
              Map<UInt256, UInt256> storage = new HashMap<>();
              account
                  .storage()
                  .forEach((k, v) -> storage.put(UInt256.fromHash(k), UInt256.fromHash(v)));
              s.put(address, account.nonce(), account.balance(), account.code().array(), storage);
            });
    return s;
  }

  private void add(L1Block block) {
    canonical.add(block);
    byHash.put(block.hash(), block);
  }

  long chainId() {
    return genesis.config().chainId();
  }

  L1Block head() {
    return canonical.get(canonical.size() - 1);
  }

  L1Block block(long number) {
    return canonical.get(Math.toIntExact(number));
  }

  /** The tip state's root computed from scratch (a check on the incremental roots). */
  Hash recomputedStateRoot() {
    return state.stateRoot();
  }

  /**
   * Sets the fee recipient of the next blocks (op-e2e {@code ActL1SetFeeRecipient}): after a reorg,
   * a new recipient makes the replacement blocks differ from the dropped ones.
   */
  void setCoinbase(Address coinbase) {
    this.coinbase = coinbase;
  }

  /** The next nonce of {@code sender}: its nonce at the tip plus its transactions in the pool. */
  long nonce(Address sender) {
    long nonce = state.account(sender).map(a -> a.nonce()).orElse(0L);
    for (Transaction tx : pool) {
      if (tx.sender().equals(sender)) {
        nonce++;
      }
    }
    return nonce;
  }

  /** Puts {@code tx} (a blob transaction in its network form, with its sidecar) in the pool. */
  void submit(Transaction tx) {
    pool.add(tx);
  }

  /** Mines the next block with every pooled transaction. */
  L1Block mine() {
    List<Transaction> txs = List.copyOf(pool);
    pool.clear();
    return mine(BLOCK_TIME, txs);
  }

  /** Mines a block {@code timeDelta} seconds after the tip with exactly {@code txs}. */
  L1Block mine(long timeDelta, List<Transaction> txs) {
    if (timeDelta <= 0) {
      throw new IllegalArgumentException("an L1 block must be later than its parent");
    }
    L1Block parent = head();
    Header p = parent.header();
    long number = p.number() + 1;
    long time = p.timestamp() + timeDelta;
    Header template =
        Header.builder()
            .parentHash(parent.hash())
            .ommersHash(Header.EMPTY_OMMERS_HASH)
            .coinbase(coinbase)
            .stateRoot(Hash.ZERO)
            .transactionsRoot(Header.EMPTY_ROOT)
            .receiptsRoot(Header.EMPTY_ROOT)
            .logsBloom(io.merapi.base.bloom.LogsBloom.EMPTY)
            .difficulty(UInt256.ZERO)
            .number(number)
            .gasLimit(p.gasLimit())
            .gasUsed(0)
            .timestamp(time)
            .extraData(Bytes.wrap("L1 was here".getBytes(StandardCharsets.US_ASCII)))
            .mixHash(seeded("prevrandao", number, parent.hash()))
            .nonce(0)
            .baseFeePerGas(rules.baseFee(p, time))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .blobGasUsed(OptionalLong.of(0))
            .excessBlobGas(rules.excessBlobGas(p, time))
            .parentBeaconBlockRoot(Optional.of(seeded("beacon", number, parent.hash())))
            .requestsHash(Optional.empty())
            .build();
    PendingBlock pending =
        executor.start(template, state, n -> n < canonical.size() ? block(n).hash() : Hash.ZERO);
    Map<Hash, Bytes> blobs = new HashMap<>();
    for (Transaction tx : txs) {
      Transaction inBlock = tx;
      if (tx instanceof BlobTransaction blobTx) {
        BlobSidecar sidecar =
            blobTx
                .sidecar()
                .orElseThrow(() -> new IllegalArgumentException("blob tx without its sidecar"));
        List<Hash> hashes = sidecar.versionedHashes();
        if (!hashes.equals(blobTx.blobVersionedHashes())) {
          throw new IllegalArgumentException("the sidecar does not match the blob hashes");
        }
        for (int i = 0; i < hashes.size(); i++) {
          blobs.put(hashes.get(i), sidecar.blobs().get(i));
        }
        inBlock = blobTx.withSidecar(Optional.empty());
      }
      if (pending.add(inBlock) instanceof PendingBlock.Inclusion.Rejected rejected) {
        throw new IllegalStateException(
            "L1 block " + number + " cannot include " + tx.hash() + ": " + rejected.reason());
      }
    }
    BlockExecution execution = pending.finish(Optional.of(List.of()));
    state.apply(execution.changes());
    Header header =
        template.toBuilder()
            .stateRoot(trie.commit(p.stateRoot(), execution.changes()))
            .transactionsRoot(execution.transactionsRoot())
            .receiptsRoot(execution.receiptsRoot())
            .logsBloom(execution.logsBloom())
            .gasUsed(execution.gasUsed())
            .withdrawalsRoot(execution.withdrawalsRoot())
            .blobGasUsed(OptionalLong.of(execution.blobGasUsed()))
            .build();
    rules.validateHeader(p, header);
    L1Block block =
        new L1Block(
            header,
            header.hash(),
            execution.transactions(),
            execution.receipts(),
            Map.copyOf(blobs),
            execution.changes());
    add(block);
    return block;
  }

  /**
   * Drops the last {@code depth} blocks (never the genesis); their transactions are returned, not
   * put back in the pool, so that a test decides what the new branch holds.
   */
  List<Transaction> reorg(int depth) {
    if (depth <= 0 || depth >= canonical.size()) {
      throw new IllegalArgumentException("cannot drop " + depth + " of " + canonical.size());
    }
    List<Transaction> dropped = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      L1Block gone = canonical.remove(canonical.size() - 1);
      dropped.addAll(0, gone.transactions());
    }
    InMemoryState replayed = genesisState(genesis);
    for (L1Block b : canonical) {
      replayed.apply(b.changes());
    }
    state = replayed;
    return dropped;
  }

  /** A value that differs per block and per branch: stands in for RANDAO and beacon roots. */
  private static Hash seeded(String what, long number, Hash parent) {
    byte[] tag = what.getBytes(StandardCharsets.US_ASCII);
    byte[] in = new byte[tag.length + 8 + Hash.LENGTH];
    System.arraycopy(tag, 0, in, 0, tag.length);
    for (int i = 0; i < 8; i++) {
      in[tag.length + i] = (byte) (number >>> (56 - 8 * i));
    }
    System.arraycopy(parent.array(), 0, in, tag.length + 8, Hash.LENGTH);
    return Keccak256.digest(in);
  }

  L1Block blockByHash(Hash hash) {
    L1Block b = byHash.get(hash);
    if (b == null) {
      throw new DerivationException.Temporary("L1 has no block " + hash);
    }
    return b;
  }

  // --- L1Source ---

  @Override
  public Optional<L1BlockRef> blockRefByNumber(long number) {
    return number >= 0 && number < canonical.size()
        ? Optional.of(block(number).ref())
        : Optional.empty();
  }

  @Override
  public L1BlockRef blockRefByHash(Hash hash) {
    return blockByHash(hash).ref();
  }

  @Override
  public Header headerByHash(Hash hash) {
    return blockByHash(hash).header();
  }

  @Override
  public List<Transaction> transactionsByHash(Hash hash) {
    return blockByHash(hash).transactions();
  }

  @Override
  public List<Receipt> receiptsByHash(Hash hash) {
    return blockByHash(hash).receipts();
  }

  // --- BlobSource ---

  @Override
  public List<Bytes> blobs(L1BlockRef ref, List<IndexedBlobHash> hashes) {
    L1Block block = blockByHash(ref.hash());
    List<Hash> inBlock = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      inBlock.addAll(tx.blobVersionedHashes());
    }
    List<Bytes> out = new ArrayList<>(hashes.size());
    for (IndexedBlobHash h : hashes) {
      if (h.index() < 0
          || h.index() >= inBlock.size()
          || !inBlock.get(h.index()).equals(h.hash())) {
        throw new IllegalArgumentException(
            "block " + ref.number() + " has no blob " + h.hash() + " at index " + h.index());
      }
      Bytes blob = block.blobs().get(h.hash());
      if (blob == null) {
        throw new DerivationException.Temporary("no blob " + h.hash() + " kept");
      }
      out.add(blob);
    }
    return out;
  }
}
