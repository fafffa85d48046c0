package io.merapi.state.op;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.Tracer;
import io.merapi.state.AccountChange;
import io.merapi.state.BlobGas;
import io.merapi.state.JournaledState;
import io.merapi.state.StateReader;
import io.merapi.state.SystemCalls;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import io.merapi.types.transaction.TransactionType;
import io.merapi.types.transaction.TransactionValidator;
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
      OpPayloadAttributes attributes,
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
      extraData = rules.extraData(number, timestamp, attributes.holoceneParams());
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
    BlockContext context =
        new BlockContext(
            attributes.suggestedFeeRecipient(),
            number,
            timestamp,
            gasLimit,
            baseFee,
            UInt256.ZERO,
            attributes.prevRandao(),
            cancun ? BlobGas.baseFee(excessBlobGas.getAsLong()) : UInt256.ZERO,
            ancestors);
    JournaledState state = new JournaledState(parentState);
    Evm evm = new Evm(rules.evmConfig(number, timestamp), state, context, Tracer.NONE);

    if (rules.placesCreate2Deployer(timestamp)) {
      Create2Deployer.place(state);
      state.finishTransaction(true);
    }
    if (cancun) {
      SystemCalls.processBeaconBlockRoot(evm, state, attributes.parentBeaconBlockRoot().get());
    }

    boolean regolith = rules.isActive(OpFork.REGOLITH, number, timestamp);
    OpFeeRules fees = OpFeeRules.forBlock(rules, number, timestamp, state);
    TransactionProcessor processor = new TransactionProcessor(fees);
    DepositProcessor deposits = new DepositProcessor(regolith);
    TransactionValidator validator = TransactionValidator.opStack(rules.config().chainId(), fork);

    List<Transaction> transactions = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    LogsBloom.Builder bloom = LogsBloom.builder();
    long gasPool = gasLimit;
    long gasUsed = 0;
    boolean sawNonDeposit = false;
    for (int i = 0; i < attributes.transactions().size(); i++) {
      Transaction tx = decode(i, attributes.transactions().get(i));
      Receipt receipt;
      if (tx instanceof DepositTransaction deposit) {
        if (sawNonDeposit) {
          throw invalid(i, tx, "deposit after a non-deposit transaction: deposits come first");
        }
        DepositResult result = deposits.process(evm, state, deposit, gasPool);
        if (!(result instanceof DepositResult.Included included)) {
          throw invalid(i, tx, ((DepositResult.BlockGasExceeded) result).message());
        }
        gasPool -= included.blockGasUsed();
        gasUsed += included.gasUsed();
        receipt =
            Receipt.deposit(
                included.success(),
                gasUsed,
                included.logs(),
                regolith ? OptionalLong.of(included.depositNonce()) : OptionalLong.empty(),
                regolith && canyon ? OptionalLong.of(1) : OptionalLong.empty());
      } else {
        sawNonDeposit = true;
        if (tx.type() == TransactionType.BLOB) {
          throw invalid(i, tx, "blob transactions are not allowed on L2 (Ecotone)");
        }
        Address sender;
        try {
          validator.validate(tx);
          sender = tx.sender();
        } catch (InvalidTransactionException e) {
          throw invalid(i, tx, e.getMessage());
        }
        TransactionResult result = processor.process(evm, state, tx, sender, gasPool, 0);
        if (result instanceof TransactionResult.Invalid bad) {
          throw invalid(i, tx, bad.message());
        }
        TransactionResult.Executed executed = (TransactionResult.Executed) result;
        gasPool -= executed.gasUsed();
        gasUsed += executed.gasUsed();
        receipt = Receipt.of(tx.type(), executed.isSuccess(), gasUsed, executed.logs());
      }
      bloom.or(receipt.logsBloom());
      transactions.add(tx);
      receipts.add(receipt);
    }
    state.finishTransaction(true);
    List<AccountChange> changes = state.changes();

    Header header =
        Header.builder()
            .parentHash(parent.hash())
            .ommersHash(Header.EMPTY_OMMERS_HASH)
            .coinbase(attributes.suggestedFeeRecipient())
            .stateRoot(stateRoot.apply(changes))
            .transactionsRoot(
                OrderedListRoot.of(transactions.size(), i -> transactions.get(i).encoded()))
            .receiptsRoot(OrderedListRoot.of(receipts.size(), i -> receipts.get(i).trieEncoded()))
            .logsBloom(bloom.build())
            .difficulty(UInt256.ZERO)
            .number(number)
            .gasLimit(gasLimit)
            .gasUsed(gasUsed)
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
    return new Built(header, transactions, receipts, changes);
  }

  /** Canyon: withdrawals must be the empty list; before it, absent (specs canyon/overview.md). */
  private static void checkWithdrawals(OpPayloadAttributes attributes, boolean canyon) {
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
