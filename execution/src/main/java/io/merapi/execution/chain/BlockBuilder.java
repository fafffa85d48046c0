package io.merapi.execution.chain;

import io.merapi.evm.BlockContext;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.state.StateReader;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.ChainRules;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.block.L1ChainRules;
import io.merapi.state.block.PendingBlock;
import io.merapi.state.store.StateCommitter;
import io.merapi.state.store.StateUpdate;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * A block being built on a stored parent: transactions are offered one by one (a rejected one
 * changes nothing), then {@link #seal} computes the state root and every other header field.
 * Nothing is stored; {@link Blockchain#importSealed} stores the result. One thread; used once.
 */
public final class BlockBuilder {
  /**
   * Room left under EIP-7934's limit for what is not a transaction: the header, the withdrawals and
   * the list prefixes take a few kilobytes; a whole mebibyte keeps a built block clearly valid.
   */
  static final int BLOCK_SIZE_ALLOWANCE = 1 << 20;

  private final NodeSource nodes;
  private final ChainHead parent;
  private final Header template;
  private final PendingBlock pending;
  private final BlockAttributes attributes;
  private final Fork fork;
  private final BooleanSupplier stateUnchanged;
  private long transactionBytes;

  BlockBuilder(
      ChainRules rules,
      BlockExecutor executor,
      NodeSource nodes,
      ChainHead parent,
      BlockAttributes attributes,
      StateReader parentState,
      BlockContext.BlockHashLookup ancestors,
      BooleanSupplier stateUnchanged) {
    this.nodes = nodes;
    this.stateUnchanged = stateUnchanged;
    this.parent = parent;
    this.attributes = attributes;
    Header p = parent.header();
    long number = p.number() + 1;
    this.fork = rules.fork(number, attributes.timestamp());
    if (Long.compareUnsigned(attributes.timestamp(), p.timestamp()) <= 0) {
      throw new InvalidBlockException(
          "timestamp " + attributes.timestamp() + " not after parent's " + p.timestamp());
    }
    if (fork.isAtLeast(Fork.SHANGHAI) != attributes.withdrawals().isPresent()) {
      throw new InvalidBlockException(
          "withdrawals must be given exactly from Shanghai (block is " + fork.testName() + ")");
    }
    boolean cancun = fork.isAtLeast(Fork.CANCUN);
    if (cancun != attributes.parentBeaconBlockRoot().isPresent()) {
      throw new InvalidBlockException(
          "the parent beacon block root must be given exactly from Cancun (block is "
              + fork.testName()
              + ")");
    }
    this.template =
        Header.builder()
            .parentHash(parent.hash())
            .coinbase(attributes.feeRecipient())
            .number(number)
            .gasLimit(attributes.gasLimit())
            .timestamp(attributes.timestamp())
            .extraData(attributes.extraData())
            .mixHash(attributes.prevRandao())
            .baseFeePerGas(rules.baseFee(p, attributes.timestamp()))
            .withdrawalsRoot(
                fork.isAtLeast(Fork.SHANGHAI) ? Optional.of(Header.EMPTY_ROOT) : Optional.empty())
            .blobGasUsed(cancun ? OptionalLong.of(0) : OptionalLong.empty())
            .excessBlobGas(rules.excessBlobGas(p, attributes.timestamp()))
            .parentBeaconBlockRoot(attributes.parentBeaconBlockRoot())
            .requestsHash(
                fork.isAtLeast(Fork.PRAGUE)
                    ? Optional.of(GenesisBlock.EMPTY_REQUESTS_HASH)
                    : Optional.empty())
            .build();
    this.pending = executor.start(template, parentState, ancestors);
  }

  public ChainHead parent() {
    return parent;
  }

  /** The header so far: environment fields set, result fields not yet. */
  public Header template() {
    return template;
  }

  /**
   * Offers {@code tx}: included, or rejected with the state unchanged. From Osaka a transaction
   * that would take the block past its RLP size limit (EIP-7934) is rejected.
   */
  public PendingBlock.Inclusion add(Transaction tx) {
    int size = fork.isAtLeast(Fork.OSAKA) ? tx.encoded().length : 0;
    if (!fitsSizeLimit(transactionBytes, size)) {
      return new PendingBlock.Inclusion.Rejected(
          "block would exceed " + L1ChainRules.MAX_RLP_BLOCK_SIZE + " RLP bytes (EIP-7934)");
    }
    PendingBlock.Inclusion inclusion = pending.add(tx);
    if (inclusion instanceof PendingBlock.Inclusion.Included) {
      transactionBytes += size;
    }
    return inclusion;
  }

  /** Whether a transaction of {@code size} bytes fits after {@code transactionBytes} (EIP-7934). */
  static boolean fitsSizeLimit(long transactionBytes, int size) {
    return transactionBytes + size <= L1ChainRules.MAX_RLP_BLOCK_SIZE - BLOCK_SIZE_ALLOWANCE;
  }

  public long gasUsed() {
    return pending.gasUsed();
  }

  public long gasRemaining() {
    return template.gasLimit() - pending.gasUsed();
  }

  /** The block in progress (its state for calls on the pending block). */
  public PendingBlock pending() {
    return pending;
  }

  /**
   * Finishes the block: withdrawals, state root, every root and the header.
   *
   * @throws IllegalStateException if the head moved while the block was built on its flat state
   *     (the transactions may have read the new head's state): build it again
   */
  public SealedBlock seal() {
    BlockExecution result = pending.finish(attributes.withdrawals());
    if (!stateUnchanged.getAsBoolean()) {
      throw new IllegalStateException(
          "the head moved while a block was built on it; build it again");
    }
    StateUpdate update =
        StateCommitter.commit(parent.header().stateRoot(), nodes, result.changes());
    Header header =
        template.toBuilder()
            .stateRoot(update.stateRoot())
            .transactionsRoot(result.transactionsRoot())
            .receiptsRoot(result.receiptsRoot())
            .logsBloom(result.logsBloom())
            .gasUsed(result.gasUsed())
            .withdrawalsRoot(result.withdrawalsRoot())
            .requestsHash(result.requestsHash().or(template::requestsHash))
            .blobGasUsed(
                template.blobGasUsed().isPresent()
                    ? OptionalLong.of(result.blobGasUsed())
                    : OptionalLong.empty())
            .build();
    Block block =
        new Block(header, new BlockBody(result.transactions(), List.of(), result.withdrawals()));
    return new SealedBlock(block, header.hash(), result.receipts(), update);
  }
}
