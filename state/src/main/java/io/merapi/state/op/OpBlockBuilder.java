package io.merapi.state.op;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.state.AccountChange;
import io.merapi.state.BlobGas;
import io.merapi.state.StateReader;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.block.PendingBlock;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Builds one L2 block from payload attributes on its parent, as op-geth's block building does with
 * {@code noTxPool} attributes: the header environment from the attributes and the parent (EIP-1559
 * base fee with OP parameters, Holocene extraData, Ecotone's beacon root and zero blob gas), the
 * Canyon create2Deployer upgrade, the EIP-4788 beacon root call, then the forced transactions in
 * order — deposits first, each through {@link DepositProcessor}, the others through the transaction
 * processor with {@link OpFeeRules}. Any transaction that cannot be included makes the block
 * invalid. The state root comes from the caller's commitment of the net changes.
 *
 * <p>Pure: state through a {@link StateReader}, ancestors through a hash lookup. A pool of other
 * transactions ({@code noTxPool} false) is the node's concern; here there is none.
 */
public final class OpBlockBuilder {

  /** The sealed block: header (with its state root), transactions, receipts, state changes. */
  public record Built(
      Header header,
      List<Transaction> transactions,
      List<Receipt> receipts,
      List<AccountChange> changes) {}

  private final OpChainRules rules;

  public OpBlockBuilder(OpChainRules rules) {
    this.rules = rules;
  }

  /**
   * Builds the child of {@code parent} from {@code attributes}, reading {@code parentState}, and
   * seals it with the root {@code stateRoot} gives for the block's changes.
   *
   * @throws InvalidL2BlockException if the attributes or a transaction break the rules
   * @throws UnsupportedOperationException for a fork this engine does not execute (Isthmus on)
   */
  public Built build(
      Header parent,
      PayloadAttributes attributes,
      StateReader parentState,
      BlockContext.BlockHashLookup ancestors,
      Function<List<AccountChange>, Hash> stateRoot) {
    long number = parent.number() + 1;
    long timestamp = attributes.timestamp();
    if (Long.compareUnsigned(timestamp, parent.timestamp()) <= 0) {
      throw new InvalidL2BlockException(
          "timestamp "
              + Long.toUnsignedString(timestamp)
              + " is not after the parent's "
              + Long.toUnsignedString(parent.timestamp()));
    }
    rules.requireSupported(number, timestamp);
    Fork fork = rules.fork(number, timestamp);
    long gasLimit =
        attributes
            .gasLimit()
            .orElseThrow(
                () -> new InvalidL2BlockException("payload attributes must set gasLimit on L2"));
    boolean canyon = rules.isActive(OpFork.CANYON, number, timestamp);
    boolean ecotone = rules.isActive(OpFork.ECOTONE, number, timestamp);
    checkWithdrawals(attributes, canyon);
    if (ecotone != attributes.parentBeaconBlockRoot().isPresent()) {
      throw new InvalidL2BlockException(
          ecotone
              ? "parentBeaconBlockRoot is required from Ecotone"
              : "parentBeaconBlockRoot must be null before Ecotone");
    }
    if (attributes.minBaseFee().isPresent()) {
      throw new InvalidL2BlockException("minBaseFee must be null before Jovian");
    }
    Bytes extraData;
    try {
      extraData = rules.extraData(number, timestamp, holoceneParams(attributes));
    } catch (IllegalArgumentException e) {
      throw new InvalidL2BlockException(e.getMessage(), e);
    }
    UInt256 baseFee = rules.nextBaseFee(parent, timestamp);
    boolean cancun = fork.isAtLeast(Fork.CANCUN);
    // On L2 no blob is ever used, so the excess stays zero and BLOBBASEFEE reads 1.
    OptionalLong excessBlobGas =
        cancun
            ? OptionalLong.of(
                parent.excessBlobGas().isPresent()
                    ? BlobGas.excessBlobGas(
                        parent.excessBlobGas().getAsLong(), parent.blobGasUsed().orElse(0))
                    : 0)
            : OptionalLong.empty();
    Header environment =
        Header.builder()
            .parentHash(parent.hash())
            .ommersHash(Header.EMPTY_OMMERS_HASH)
            .coinbase(attributes.suggestedFeeRecipient())
            .stateRoot(Hash.ZERO)
            .transactionsRoot(Header.EMPTY_ROOT)
            .receiptsRoot(Header.EMPTY_ROOT)
            .logsBloom(LogsBloom.EMPTY)
            .difficulty(UInt256.ZERO)
            .number(number)
            .gasLimit(gasLimit)
            .gasUsed(0)
            .timestamp(timestamp)
            .extraData(extraData)
            .mixHash(attributes.prevRandao())
            .nonce(0)
            .baseFeePerGas(Optional.of(baseFee))
            .withdrawalsRoot(canyon ? Optional.of(Header.EMPTY_ROOT) : Optional.empty())
            .blobGasUsed(cancun ? OptionalLong.of(0) : OptionalLong.empty())
            .excessBlobGas(excessBlobGas)
            .parentBeaconBlockRoot(attributes.parentBeaconBlockRoot())
            .requestsHash(Optional.empty())
            .build();

    List<Transaction> transactions = new ArrayList<>();
    for (int i = 0; i < attributes.transactions().size(); i++) {
      transactions.add(decode(i, attributes.transactions().get(i)));
    }
    try {
      OpBlockRules.checkDepositsFirst(transactions);
    } catch (InvalidBlockException e) {
      throw new InvalidL2BlockException(e.getMessage() + ": deposits come first", e);
    }
    BlockExecution execution;
    try {
      PendingBlock pending = new BlockExecutor(rules).start(environment, parentState, ancestors);
      for (int i = 0; i < transactions.size(); i++) {
        if (pending.add(transactions.get(i)) instanceof PendingBlock.Inclusion.Rejected rejected) {
          throw invalid(i, transactions.get(i), rejected.reason());
        }
      }
      execution = pending.finish(canyon ? Optional.of(List.of()) : Optional.empty());
    } catch (InvalidBlockException e) {
      throw new InvalidL2BlockException(e.getMessage(), e);
    }
    Header header =
        environment.toBuilder()
            .stateRoot(stateRoot.apply(execution.changes()))
            .transactionsRoot(execution.transactionsRoot())
            .receiptsRoot(execution.receiptsRoot())
            .logsBloom(execution.logsBloom())
            .gasUsed(execution.gasUsed())
            .build();
    return new Built(header, execution.transactions(), execution.receipts(), execution.changes());
  }

  /** The Holocene parameters, validated (8 bytes; zero denominator only with zero elasticity). */
  private static Optional<Eip1559Params> holoceneParams(PayloadAttributes attributes) {
    try {
      return attributes.eip1559Params().map(Eip1559Params::fromAttributes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "payload attributes field 'eip1559Params': " + e.getMessage(), e);
    }
  }

  /** Canyon: withdrawals must be the empty list; before it, absent (specs canyon/overview.md). */
  private static void checkWithdrawals(PayloadAttributes attributes, boolean canyon) {
    if (canyon) {
      if (attributes.withdrawals().isEmpty()) {
        throw new InvalidL2BlockException("withdrawals must be an empty array from Canyon");
      }
      if (!attributes.withdrawals().get().isEmpty()) {
        throw new InvalidL2BlockException("withdrawals are not allowed on L2");
      }
    } else if (attributes.withdrawals().isPresent()) {
      throw new InvalidL2BlockException("withdrawals must be null before Canyon");
    }
  }

  private static Transaction decode(int index, Bytes encoded) {
    try {
      return TransactionDecoder.decode(encoded.array());
    } catch (RlpException | InvalidTransactionException | IllegalArgumentException e) {
      throw new InvalidL2BlockException(
          "transaction " + index + " cannot be decoded: " + e.getMessage(), e);
    }
  }

  private static InvalidL2BlockException invalid(int index, Transaction tx, String why) {
    return new InvalidL2BlockException(
        "transaction " + index + " (" + tx.hash() + ") cannot be included: " + why);
  }
}
