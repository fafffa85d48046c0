package io.merapi.execution.txpool;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.execution.txpool.TxPoolException.Reason;
import io.merapi.state.Account;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.IntrinsicGas;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionValidator;
import java.math.BigInteger;
import java.util.List;

/**
 * The pool's admission rules, in geth's order and words ({@code txpool.ValidateTransaction} and
 * {@code ValidateTransactionWithState}): first what the transaction is on its own under the head's
 * rules, then what the sender's account at the head can pay for.
 */
final class PoolValidator {
  /** EIP-4844 {@code MIN_BLOB_GASPRICE}: a blob fee cap below it can never be included. */
  private static final UInt256 MIN_BLOB_FEE = UInt256.ONE;

  private PoolValidator() {}

  /**
   * Checks {@code tx} without state, for a block with {@code gasLimit} under {@code validator}'s
   * fork and chain id.
   *
   * @return the canonical encoding's size
   * @throws TxPoolException naming the first rule broken
   */
  static int validateStateless(
      Transaction tx, TransactionValidator validator, long gasLimit, TxPoolConfig config) {
    if (tx instanceof DepositTransaction) {
      throw new TxPoolException(Reason.TYPE_NOT_SUPPORTED, "deposits only come from L1");
    }
    int size = tx.encoded().length;
    if (size > config.maxTransactionSize()) {
      throw new TxPoolException(
          Reason.OVERSIZED_DATA,
          "transaction size " + size + ", limit " + config.maxTransactionSize());
    }
    Fork fork = validator.fork();
    if (fork.isAtLeast(Fork.SHANGHAI)
        && tx.isContractCreation()
        && tx.data().length() > TransactionValidator.MAX_INIT_CODE_SIZE) {
      throw new TxPoolException(
          Reason.MAX_INIT_CODE_SIZE,
          "code size " + tx.data().length() + ", limit " + TransactionValidator.MAX_INIT_CODE_SIZE);
    }
    if (Long.compareUnsigned(tx.gasLimit(), gasLimit) > 0) {
      throw new TxPoolException(Reason.GAS_LIMIT);
    }
    if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
      throw new TxPoolException(Reason.TIP_ABOVE_FEE_CAP);
    }
    try {
      validator.validate(tx);
    } catch (InvalidTransactionException e) {
      throw translate(tx, e, fork);
    }
    if (tx.maxPriorityFeePerGas().compareTo(config.priceLimit()) < 0) {
      throw new TxPoolException(
          Reason.UNDERPRICED,
          "gas tip cap "
              + tx.maxPriorityFeePerGas().toDecimalString()
              + ", minimum needed "
              + config.priceLimit().toDecimalString());
    }
    return size;
  }

  /**
   * The checks that do not depend on the head and cost most, run before the pool's lock is taken:
   * the sender's recovery (its result is cached in the transaction; a failure is reported by {@link
   * #validateStateless} in order) and a blob transaction's sidecar.
   */
  static void prepare(Transaction tx) {
    try {
      tx.sender();
    } catch (InvalidTransactionException e) {
      // Reported with the other signature checks.
    }
    if (tx instanceof BlobTransaction blob) {
      validateBlobs(blob);
    }
  }

  private static TxPoolException translate(
      Transaction tx, InvalidTransactionException e, Fork fork) {
    String details = e.getMessage().substring(e.reason().name().length() + 2);
    return switch (e.reason()) {
      case TYPE_NOT_SUPPORTED -> new TxPoolException(Reason.TYPE_NOT_SUPPORTED, details);
      case INVALID_CHAINID ->
          new TxPoolException(Reason.INVALID_SENDER, "invalid chain id: " + details);
      case INVALID_SIGNATURE_VRS, EC_RECOVERY_FAIL ->
          new TxPoolException(Reason.INVALID_SENDER, details);
      case NONCE_TOO_BIG -> new TxPoolException(Reason.NONCE_MAX);
      case PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS -> new TxPoolException(Reason.TIP_ABOVE_FEE_CAP);
      case GASLIMIT_PRICE_PRODUCT_OVERFLOW ->
          new TxPoolException(Reason.INSUFFICIENT_FUNDS, "gas * price exceeds 2^256 - 1");
      case INTRINSIC_GAS_TOO_LOW -> {
        IntrinsicGas intrinsic = IntrinsicGas.of(tx, fork);
        yield new TxPoolException(
            Reason.INTRINSIC_GAS,
            "gas "
                + Long.toUnsignedString(tx.gasLimit())
                + ", minimum needed "
                + intrinsic.minimumGasLimit());
      }
      case INITCODE_SIZE_EXCEEDED -> new TxPoolException(Reason.MAX_INIT_CODE_SIZE, details);
      case TYPE_3_TX_ZERO_BLOBS,
          TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH,
          TYPE_3_TX_BLOB_COUNT_EXCEEDED,
          TYPE_4_EMPTY_AUTHORIZATION_LIST,
          GAS_LIMIT_EXCEEDS_MAXIMUM ->
          new TxPoolException(Reason.INVALID_BLOB, details);
    };
  }

  /**
   * A blob transaction must carry its sidecar (EIP-4844 network form), whose commitments hash to
   * the versioned hashes and whose proofs verify against the blobs.
   */
  private static void validateBlobs(BlobTransaction tx) {
    if (tx.maxFeePerBlobGas().orElseThrow().compareTo(MIN_BLOB_FEE) < 0) {
      throw new TxPoolException(
          Reason.UNDERPRICED, "blob fee cap 0, minimum needed " + MIN_BLOB_FEE.toDecimalString());
    }
    BlobSidecar sidecar =
        tx.sidecar()
            .orElseThrow(
                () ->
                    new TxPoolException(
                        Reason.INVALID_BLOB, "missing sidecar in blob transaction"));
    if (sidecar.version() != 0) {
      throw new TxPoolException(
          Reason.INVALID_BLOB, "cell-proof sidecars (version 1, Osaka) are not supported yet");
    }
    List<Hash> hashes = tx.blobVersionedHashes();
    if (sidecar.blobs().size() != hashes.size()) {
      throw new TxPoolException(
          Reason.INVALID_BLOB,
          "invalid number of "
              + sidecar.blobs().size()
              + " blobs compared to "
              + hashes.size()
              + " blob hashes");
    }
    List<Hash> computed = sidecar.versionedHashes();
    for (int i = 0; i < hashes.size(); i++) {
      if (!computed.get(i).equals(hashes.get(i))) {
        throw new TxPoolException(
            Reason.INVALID_BLOB,
            "blob " + i + ": computed hash " + computed.get(i) + " mismatches " + hashes.get(i));
      }
    }
    KzgTrustedSetup.ensureLoaded();
    boolean valid;
    try {
      valid =
          CKZG4844JNI.verifyBlobKzgProofBatch(
              concat(sidecar.blobs()),
              concat(sidecar.commitments()),
              concat(sidecar.proofs()),
              sidecar.blobs().size());
    } catch (CKZGException e) {
      throw new TxPoolException(Reason.INVALID_BLOB, "invalid blob proof: " + e.getMessage());
    }
    if (!valid) {
      throw new TxPoolException(Reason.INVALID_BLOB, "invalid blob proof");
    }
  }

  private static byte[] concat(List<Bytes> items) {
    int total = 0;
    for (Bytes item : items) {
      total += item.length();
    }
    byte[] out = new byte[total];
    int offset = 0;
    for (Bytes item : items) {
      System.arraycopy(item.array(), 0, out, offset, item.length());
      offset += item.length();
    }
    return out;
  }

  /**
   * The worst-case cost of {@code tx}: every unit of gas at the fee cap, the value, and every unit
   * of blob gas at the blob fee cap; empty if it does not fit 256 bits (no account can pay it).
   */
  static java.util.Optional<UInt256> cost(Transaction tx) {
    BigInteger cost =
        tx.maxFeePerGas()
            .toBigInteger()
            .multiply(new BigInteger(Long.toUnsignedString(tx.gasLimit())))
            .add(tx.value().toBigInteger());
    if (tx.blobGas() > 0) {
      cost =
          cost.add(
              tx.maxFeePerBlobGas()
                  .orElseThrow()
                  .toBigInteger()
                  .multiply(BigInteger.valueOf(tx.blobGas())));
    }
    return cost.bitLength() > 256
        ? java.util.Optional.empty()
        : java.util.Optional.of(UInt256.valueOf(cost));
  }

  /**
   * The sender's account at the head against {@code tx}: the nonce is not used yet and the balance
   * pays for it on top of the pending transactions it does not replace.
   *
   * @param pendingCost what the sender's pending transactions may cost together
   * @param replacedCost the cost of the pending transaction {@code tx} would replace, or zero
   */
  static void validateWithState(
      PooledTransaction tx, Account account, BigInteger pendingCost, BigInteger replacedCost) {
    long next = account.nonce();
    if (Long.compareUnsigned(next, tx.nonce()) > 0) {
      throw new TxPoolException(
          Reason.NONCE_TOO_LOW,
          "next nonce "
              + Long.toUnsignedString(next)
              + ", tx nonce "
              + Long.toUnsignedString(tx.nonce()));
    }
    BigInteger balance = account.balance().toBigInteger();
    BigInteger cost = tx.cost().toBigInteger();
    if (balance.compareTo(cost) < 0) {
      throw new TxPoolException(
          Reason.INSUFFICIENT_FUNDS,
          "balance " + balance + ", tx cost " + cost + ", overshot " + cost.subtract(balance));
    }
    BigInteger need = pendingCost.subtract(replacedCost).add(cost);
    if (balance.compareTo(need) < 0) {
      throw new TxPoolException(
          Reason.INSUFFICIENT_FUNDS,
          "balance "
              + balance
              + ", queued cost "
              + pendingCost
              + ", tx cost "
              + cost
              + ", overshot "
              + need.subtract(balance));
    }
  }
}
