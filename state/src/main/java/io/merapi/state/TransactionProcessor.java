package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.CallResult;
import io.merapi.evm.Delegation;
import io.merapi.evm.Evm;
import io.merapi.evm.ForkRules;
import io.merapi.evm.GasCosts;
import io.merapi.evm.Message;
import io.merapi.evm.TxContext;
import io.merapi.state.TransactionResult.InvalidReason;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.IntrinsicGas;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import io.merapi.types.transaction.TransactionValidator;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The state transition of one transaction (Yellow Paper section 6; geth's {@code ApplyMessage}):
 * validity against the state (nonce, sender without code, fee caps against the base fees, balance,
 * intrinsic gas, init code and blob limits), the upfront charge, EIP-2929/2930 warming, execution,
 * the EIP-3529 refund, and fees through {@link FeeRules}. An invalid transaction leaves the state
 * untouched. The transaction's signature is the caller's concern (the sender is given).
 */
public final class TransactionProcessor {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private final FeeRules fees;

  public TransactionProcessor(FeeRules fees) {
    this.fees = fees;
  }

  /**
   * Applies {@code tx} sent by {@code sender} to {@code state} with {@code evm} (which runs on
   * {@code state} for the current block), within the block's remaining gas and blob gas, and ends
   * the transaction in {@code state} ({@link JournaledState#finishTransaction}).
   */
  public TransactionResult process(
      Evm evm,
      JournaledState state,
      Transaction tx,
      Address sender,
      long gasAvailable,
      long blobGasAvailable) {
    ForkRules rules = evm.config().rules();
    Fork fork = rules.fork();
    BlockContext block = evm.block();

    UInt256 extraCost = fees.extraUpfrontCost(tx, block);
    Optional<TransactionResult.Invalid> invalid =
        validate(rules, block, state, tx, sender, gasAvailable, blobGasAvailable, extraCost);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    long intrinsicGas = IntrinsicGas.of(tx, fork).gas();
    UInt256 gasPrice =
        rules.hasBaseFee() ? tx.effectiveGasPrice(block.baseFee()) : tx.maxFeePerGas();
    UInt256 effectiveTip =
        rules.hasBaseFee() ? tx.effectiveGasTip(block.baseFee()).orElseThrow() : gasPrice;

    // Buy the gas (and the blob gas at the block's blob base fee).
    long blobGas = tx.blobGas();
    UInt256 upfront =
        gasPrice
            .multiply(UInt256.valueOf(tx.gasLimit()))
            .add(block.blobBaseFee().multiply(blobGas))
            .add(extraCost);
    state.subtractBalance(sender, upfront);

    // EIP-2929 and EIP-2930: the accounts and slots warm from the start.
    state.accessAccount(sender);
    tx.to().ifPresent(state::accessAccount);
    evm.config().precompiles().addresses().forEach(state::accessAccount);
    if (rules.hasWarmCoinbase()) {
      state.accessAccount(block.coinbase());
    }
    for (AccessList.Entry entry : tx.accessList().entries()) {
      state.accessAccount(entry.address());
      for (Hash key : entry.storageKeys()) {
        state.accessStorage(entry.address(), UInt256.fromHash(key));
      }
    }

    long gas = tx.gasLimit() - intrinsicGas;
    Message message;
    if (tx.to().isPresent()) {
      state.setNonce(sender, state.nonce(sender) + 1);
      Address to = tx.to().get();
      if (!tx.authorizationList().isEmpty()) {
        // EIP-7702: counted in the refund, which a failing call does not revert.
        state.addRefund(
            SetCodeAuthorizations.apply(state, evm.config().chainId(), tx.authorizationList()));
      }
      Optional<Address> delegate = rules.hasSetCode() ? Delegation.of(state, to) : Optional.empty();
      if (delegate.isPresent()) {
        state.accessAccount(delegate.get());
        message =
            Message.delegatedCall(sender, to, delegate.get(), tx.value(), tx.data().array(), gas);
      } else {
        message = Message.call(sender, to, tx.value(), tx.data().array(), gas);
      }
    } else {
      message = Message.create(sender, tx.value(), tx.data().array(), gas);
    }
    CallResult call =
        evm.execute(new TxContext(sender, gasPrice, tx.blobVersionedHashes()), message);

    // Refund: at most the gas used over the fork's quotient (EIP-3529: 5).
    long gasUsed = tx.gasLimit() - call.gasLeft();
    long refund = Math.min(gasUsed / rules.maxRefundQuotient(), Math.max(0, state.refund()));
    gasUsed -= refund;
    if (rules.hasCalldataFloor()) {
      // EIP-7623: a transaction pays at least its calldata floor, after the refund.
      gasUsed = Math.max(gasUsed, IntrinsicGas.of(tx, fork).floorGas());
    }
    long gasLeft = tx.gasLimit() - gasUsed;
    state.addBalance(sender, gasPrice.multiply(gasLeft));
    fees.payFees(state, block, tx, gasUsed, effectiveTip);

    TransactionResult.Executed result =
        new TransactionResult.Executed(
            call.halt(),
            gasUsed,
            refund,
            state.logs(),
            call.output(),
            call.createdAddress(),
            blobGas);
    state.finishTransaction(true);
    return result;
  }

  private static Optional<TransactionResult.Invalid> validate(
      ForkRules rules,
      BlockContext block,
      JournaledState state,
      Transaction tx,
      Address sender,
      long gasAvailable,
      long blobGasAvailable,
      UInt256 extraCost) {
    Fork fork = rules.fork();
    TransactionType type = tx.type();
    boolean enabled =
        switch (type) {
          case LEGACY, ACCESS_LIST -> true;
          case DYNAMIC_FEE -> fork.isAtLeast(Fork.LONDON);
          case BLOB -> rules.hasBlobs();
          case SET_CODE -> rules.hasSetCode();
          case DEPOSIT -> false;
        };
    if (!enabled) {
      return invalid(
          InvalidReason.TYPE_NOT_SUPPORTED, type + " transactions are not supported at " + fork);
    }
    long stateNonce = state.nonce(sender);
    if (Long.compareUnsigned(tx.nonce(), stateNonce) < 0) {
      return invalid(
          InvalidReason.NONCE_MISMATCH_TOO_LOW,
          "nonce too low: tx " + Long.toUnsignedString(tx.nonce()) + ", state " + stateNonce);
    }
    if (Long.compareUnsigned(tx.nonce(), stateNonce) > 0) {
      return invalid(
          InvalidReason.NONCE_MISMATCH_TOO_HIGH,
          "nonce too high: tx " + Long.toUnsignedString(tx.nonce()) + ", state " + stateNonce);
    }
    if (stateNonce == -1L) {
      return invalid(InvalidReason.NONCE_IS_MAX, "nonce has max value");
    }
    if (!state.codeHash(sender).equals(Account.EMPTY_CODE_HASH)
        && !(rules.hasSetCode() && Delegation.isDesignator(state.code(sender)))) {
      return invalid(InvalidReason.SENDER_NOT_EOA, "sender not an eoa: " + sender);
    }
    if (rules.hasBaseFee()) {
      if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
        return invalid(
            InvalidReason.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS,
            "max priority fee per gas higher than max fee per gas");
      }
      if (tx.maxFeePerGas().compareTo(block.baseFee()) < 0) {
        return invalid(
            InvalidReason.INSUFFICIENT_MAX_FEE_PER_GAS,
            "max fee per gas less than block base fee: "
                + tx.maxFeePerGas()
                + " < "
                + block.baseFee());
      }
    }
    if (type == TransactionType.SET_CODE) {
      if (tx.to().isEmpty()) {
        return invalid(
            InvalidReason.TYPE_4_TX_CONTRACT_CREATION, "set-code transaction of type create");
      }
      if (tx.authorizationList().isEmpty()) {
        return invalid(
            InvalidReason.TYPE_4_EMPTY_AUTHORIZATION_LIST,
            "set-code transaction with an empty authorization list");
      }
    }
    long blobGas = 0;
    if (type == TransactionType.BLOB) {
      List<Hash> hashes = tx.blobVersionedHashes();
      if (tx.to().isEmpty()) {
        return invalid(
            InvalidReason.TYPE_3_TX_CONTRACT_CREATION, "blob transaction of type create");
      }
      if (hashes.isEmpty()) {
        return invalid(InvalidReason.TYPE_3_TX_ZERO_BLOBS, "blob transaction missing blob hashes");
      }
      for (Hash hash : hashes) {
        if (hash.get(0) != 0x01) {
          return invalid(
              InvalidReason.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH,
              "blob has invalid hash version: " + hash);
        }
      }
      if (fork.isAtLeast(Fork.OSAKA)
          && hashes.size() > TransactionValidator.MAX_BLOBS_PER_TX_OSAKA) {
        return invalid(
            InvalidReason.TYPE_3_TX_BLOB_COUNT_EXCEEDED,
            hashes.size()
                + " blobs, at most "
                + TransactionValidator.MAX_BLOBS_PER_TX_OSAKA
                + " a transaction (EIP-7594)");
      }
      blobGas = tx.blobGas();
      if (blobGas > blobGasAvailable) {
        return invalid(
            InvalidReason.TYPE_3_TX_BLOB_COUNT_EXCEEDED,
            "blob gas " + blobGas + " exceeds the block's remaining " + blobGasAvailable);
      }
      if (tx.maxFeePerBlobGas().orElse(UInt256.ZERO).compareTo(block.blobBaseFee()) < 0) {
        return invalid(
            InvalidReason.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS,
            "max fee per blob gas less than block blob gas fee");
      }
    }
    // Balance: the gas at the fee cap, the value, the fee rules' extra charge (OP: the L1 data
    // fee), and the blob gas at its fee cap.
    BigInteger required =
        tx.maxFeePerGas()
            .toBigInteger()
            .multiply(new BigInteger(Long.toUnsignedString(tx.gasLimit())))
            .add(tx.value().toBigInteger())
            .add(extraCost.toBigInteger());
    if (blobGas > 0) {
      required =
          required.add(
              tx.maxFeePerBlobGas()
                  .orElseThrow()
                  .toBigInteger()
                  .multiply(BigInteger.valueOf(blobGas)));
    }
    if (required.compareTo(TWO_256) >= 0
        || state.balance(sender).toBigInteger().compareTo(required) < 0) {
      return invalid(
          InvalidReason.INSUFFICIENT_ACCOUNT_FUNDS,
          "insufficient funds for gas * price + value: address "
              + sender
              + " have "
              + state.balance(sender).toDecimalString()
              + " want "
              + required);
    }
    if (Long.compareUnsigned(tx.gasLimit(), gasAvailable) > 0) {
      return invalid(
          InvalidReason.GAS_ALLOWANCE_EXCEEDED,
          "gas limit reached: tx "
              + Long.toUnsignedString(tx.gasLimit())
              + ", block has "
              + gasAvailable);
    }
    if (fork.isAtLeast(Fork.OSAKA)
        && Long.compareUnsigned(tx.gasLimit(), TransactionValidator.MAX_TX_GAS_LIMIT_OSAKA) > 0) {
      return invalid(
          InvalidReason.GAS_LIMIT_EXCEEDS_MAXIMUM,
          "gas limit " + Long.toUnsignedString(tx.gasLimit()) + " above 2^24 (EIP-7825)");
    }
    IntrinsicGas intrinsic = IntrinsicGas.of(tx, fork);
    if (Long.compareUnsigned(tx.gasLimit(), intrinsic.minimumGasLimit()) < 0) {
      return invalid(
          InvalidReason.INTRINSIC_GAS_TOO_LOW,
          "intrinsic gas too low: have "
              + Long.toUnsignedString(tx.gasLimit())
              + ", want "
              + intrinsic.minimumGasLimit());
    }
    if (rules.hasInitcodeLimit()
        && tx.to().isEmpty()
        && tx.data().length() > GasCosts.MAX_INITCODE_SIZE) {
      return invalid(
          InvalidReason.INITCODE_SIZE_EXCEEDED,
          "max initcode size exceeded: code size " + tx.data().length());
    }
    return Optional.empty();
  }

  private static Optional<TransactionResult.Invalid> invalid(InvalidReason reason, String message) {
    return Optional.of(new TransactionResult.Invalid(reason, message));
  }
}
