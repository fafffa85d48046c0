package io.merapi.faultproof.client;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.L2BlockInfo;
import io.merapi.derive.source.L2Source;
import io.merapi.faultproof.hint.HintType;
import io.merapi.types.block.Header;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The L2 chain the program derives onto: the agreed head and its ancestors read through the oracle
 * (hints {@code l2-block-header} for the header RLP by hash, {@code l2-transactions} for the
 * transaction trie), and on top of them the blocks the program built itself, kept in memory. The
 * canonical chain is the one ending at the last block appended, walked back by parent hash.
 */
public final class OracleL2 implements L2Source {
  private record L2Block(Header header, List<Transaction> transactions) {}

  private final Oracle oracle;
  private final RollupConfig rollup;
  private final HeaderChain chain;
  private final Map<Hash, L2Block> blocks = new HashMap<>();

  public OracleL2(Oracle oracle, RollupConfig rollup, Hash agreedHead) {
    this.oracle = oracle;
    this.rollup = rollup;
    this.chain = new HeaderChain(oracle, HintType.L2_BLOCK_HEADER, agreedHead);
  }

  /** The header of the block with {@code hash}. */
  public Header header(Hash hash) {
    return chain.header(hash);
  }

  /** Adds a block the program built on the head and makes it the head. */
  public L2BlockRef append(Header header, List<Transaction> transactions) {
    Hash hash = header.hash();
    blocks.put(hash, new L2Block(header, List.copyOf(transactions)));
    chain.setHead(hash, header);
    return l2BlockRefByHash(hash);
  }

  /** The canonical block hash at {@code number}, or empty above the head. */
  public Optional<Hash> hashByNumber(long number) {
    return chain.hashByNumber(number);
  }

  @Override
  public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
    return hashByNumber(number).map(this::l2BlockRefByHash);
  }

  @Override
  public L2BlockRef l2BlockRefByHash(Hash hash) {
    L2Block block = block(hash);
    return L2BlockInfo.blockRef(rollup, block.header(), hash, block.transactions());
  }

  @Override
  public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
    L2Block block = block(hash);
    return L2BlockInfo.systemConfig(rollup, block.header(), hash, block.transactions());
  }

  @Override
  public Optional<List<Bytes>> transactionsByNumber(long number) {
    return hashByNumber(number)
        .map(h -> block(h).transactions().stream().map(tx -> Bytes.wrap(tx.encoded())).toList());
  }

  private L2Block block(Hash hash) {
    L2Block cached = blocks.get(hash);
    if (cached != null) {
      return cached;
    }
    Header header = header(hash);
    oracle.hint(HintType.L2_TRANSACTIONS.with(hash));
    List<Transaction> transactions =
        ListTrie.read(
            header.transactionsRoot(),
            node -> Optional.of(oracle.keccak(node)),
            TransactionDecoder::decode);
    L2Block block = new L2Block(header, transactions);
    blocks.put(hash, block);
    return block;
  }
}
