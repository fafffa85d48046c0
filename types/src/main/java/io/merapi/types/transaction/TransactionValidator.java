package io.merapi.types.transaction;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.InvalidTransactionException.Reason;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * The checks a transaction must pass on its own, before any state is read: its type is enabled, its
 * signature is well-formed and for this chain, its fields are in range and its gas limit covers the
 * intrinsic gas. Account checks (nonce, balance) and block checks (base fee, blob gas price) belong
 * to the state transition.
 *
 * <p>{@code optimism} selects the OP Stack's rules on top of the L1 fork: deposits are allowed and
 * blob transactions are not (specs: exec-engine.md, "Ecotone: disable Blob-transactions").
 */
public record TransactionValidator(long chainId, Fork fork, boolean optimism) {
  /** EIP-3860 {@code MAX_INITCODE_SIZE}: twice the EIP-170 code size limit. */
  public static final int MAX_INIT_CODE_SIZE = 49_152;

  /** EIP-7825 (Osaka): the cap on a transaction's gas limit. */
  public static final long MAX_TX_GAS_LIMIT_OSAKA = 1L << 24;

  /** EIP-7594 (Osaka): blobs one transaction may carry. */
  public static final int MAX_BLOBS_PER_TX_OSAKA = 6;

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /** Validation for an Ethereum L1 chain. */
  public static TransactionValidator l1(long chainId, Fork fork) {
    return new TransactionValidator(chainId, fork, false);
  }

  /** Validation for an OP Stack L2 running {@code fork}'s L1 rules. */
  public static TransactionValidator opStack(long chainId, Fork fork) {
    return new TransactionValidator(chainId, fork, true);
  }

  /**
   * Checks {@code tx} and returns its intrinsic gas.
   *
   * @throws InvalidTransactionException naming the first rule broken
   */
  public IntrinsicGas validate(Transaction tx) {
    checkTypeEnabled(tx.type());
    if (tx instanceof DepositTransaction) {
      // A deposit is always included: too little intrinsic gas or too large init code makes it a
      // failed deposit at execution, not an invalid transaction (specs deposits.md "Execution").
      return IntrinsicGas.of(tx, fork);
    }
    if (tx instanceof SignedTransaction signed) {
      checkSignature(signed);
    }
    if (tx.nonce() == -1L) {
      throw new InvalidTransactionException(
          Reason.NONCE_TOO_BIG, "nonce must be below 2^64 - 1 (EIP-2681)");
    }
    if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
      throw new InvalidTransactionException(
          Reason.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS,
          "maxPriorityFeePerGas "
              + tx.maxPriorityFeePerGas()
              + " > maxFeePerGas "
              + tx.maxFeePerGas());
    }
    checkGasCostFits(tx);
    if (fork.isAtLeast(Fork.SHANGHAI)
        && tx.isContractCreation()
        && tx.data().length() > MAX_INIT_CODE_SIZE) {
      throw new InvalidTransactionException(
          Reason.INITCODE_SIZE_EXCEEDED,
          "init code of " + tx.data().length() + " bytes, limit " + MAX_INIT_CODE_SIZE);
    }
    if (fork.isAtLeast(Fork.OSAKA)
        && !(tx instanceof DepositTransaction)
        && Long.compareUnsigned(tx.gasLimit(), MAX_TX_GAS_LIMIT_OSAKA) > 0) {
      throw new InvalidTransactionException(
          Reason.GAS_LIMIT_EXCEEDS_MAXIMUM,
          "gas limit " + Long.toUnsignedString(tx.gasLimit()) + " above 2^24 (EIP-7825)");
    }
    switch (tx) {
      case BlobTransaction blob -> checkBlobs(blob);
      case SetCodeTransaction setCode -> {
        if (setCode.authorizationList().isEmpty()) {
          throw new InvalidTransactionException(
              Reason.TYPE_4_EMPTY_AUTHORIZATION_LIST,
              "set-code transaction without authorizations");
        }
      }
      default -> {}
    }
    IntrinsicGas intrinsic = IntrinsicGas.of(tx, fork);
    if (Long.compareUnsigned(tx.gasLimit(), intrinsic.minimumGasLimit()) < 0) {
      throw new InvalidTransactionException(
          Reason.INTRINSIC_GAS_TOO_LOW,
          "gas limit "
              + Long.toUnsignedString(tx.gasLimit())
              + " below intrinsic gas "
              + intrinsic.gas()
              + (intrinsic.floorGas() > intrinsic.gas()
                  ? " (calldata floor " + intrinsic.floorGas() + ")"
                  : ""));
    }
    return intrinsic;
  }

  void checkTypeEnabled(TransactionType type) {
    Fork since =
        switch (type) {
          case LEGACY -> Fork.FRONTIER;
          case ACCESS_LIST -> Fork.BERLIN;
          case DYNAMIC_FEE -> Fork.LONDON;
          case BLOB -> Fork.CANCUN;
          case SET_CODE -> Fork.PRAGUE;
          case DEPOSIT -> Fork.FRONTIER;
        };
    boolean enabled =
        switch (type) {
          case DEPOSIT -> optimism;
          case BLOB -> !optimism && fork.isAtLeast(since);
          default -> fork.isAtLeast(since);
        };
    if (!enabled) {
      throw new InvalidTransactionException(
          Reason.TYPE_NOT_SUPPORTED,
          type
              + " transactions are not enabled"
              + (optimism ? " on an OP Stack chain" : "")
              + " at "
              + fork.testName());
    }
  }

  private void checkSignature(SignedTransaction tx) {
    if (tx instanceof LegacyTransaction legacy) {
      checkLegacyV(legacy);
    } else if (tx.chainId().orElseThrow() != chainId) {
      throw new InvalidTransactionException(
          Reason.INVALID_CHAINID,
          "chain id "
              + Long.toUnsignedString(tx.chainId().orElseThrow())
              + ", expected "
              + Long.toUnsignedString(chainId));
    }
    UInt256 s = tx.s();
    if (fork.isAtLeast(Fork.HOMESTEAD) && s.compareTo(Secp256k1.HALF_ORDER) > 0) {
      throw new InvalidTransactionException(
          Reason.INVALID_SIGNATURE_VRS, "signature s above n/2 (EIP-2)");
    }
    tx.sender();
  }

  /**
   * Before EIP-155 (Spurious Dragon) only 27 and 28 are signatures; after it also {@code chainId *
   * 2 + 35/36} for this chain, and any other value is a signature for some other chain.
   */
  private void checkLegacyV(LegacyTransaction tx) {
    if (tx.isPreEip155()) {
      return;
    }
    // v = 0 or 1 is a yParity where a legacy v belongs: malformed rather than for another chain
    // (geth classes these two as unprotected, and so do the ethereum/tests expectations).
    if (fork.isBefore(Fork.SPURIOUS_DRAGON) || tx.v().compareTo(1) <= 0) {
      throw new InvalidTransactionException(
          Reason.INVALID_SIGNATURE_VRS,
          "v = " + tx.v().toDecimalString() + " is not 27 or 28, nor an EIP-155 value");
    }
    OptionalLong txChainId = tx.chainId();
    if (txChainId.isEmpty() || txChainId.getAsLong() != chainId) {
      throw new InvalidTransactionException(
          Reason.INVALID_CHAINID,
          "v = " + tx.v().toDecimalString() + " is not a signature for chain " + chainId);
    }
  }

  /** {@code gasLimit * maxFeePerGas} must fit 256 bits, as balances are checked against it. */
  private static void checkGasCostFits(Transaction tx) {
    UInt256 feeCap = tx.maxFeePerGas();
    if (feeCap.isZero() || tx.gasLimit() == 0) {
      return;
    }
    if (feeCap.bitLength() + (64 - Long.numberOfLeadingZeros(tx.gasLimit())) <= 256) {
      return;
    }
    BigInteger product =
        feeCap.toBigInteger().multiply(new BigInteger(Long.toUnsignedString(tx.gasLimit())));
    if (product.compareTo(TWO_256) >= 0) {
      throw new InvalidTransactionException(
          Reason.GASLIMIT_PRICE_PRODUCT_OVERFLOW, "gasLimit * maxFeePerGas exceeds 2^256 - 1");
    }
  }

  private void checkBlobs(BlobTransaction tx) {
    int count = tx.blobVersionedHashes().size();
    if (count == 0) {
      throw new InvalidTransactionException(
          Reason.TYPE_3_TX_ZERO_BLOBS, "blob transaction without blobs");
    }
    for (Hash hash : tx.blobVersionedHashes()) {
      if (hash.get(0) != BlobSidecar.VERSIONED_HASH_VERSION_KZG) {
        throw new InvalidTransactionException(
            Reason.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH,
            "versioned hash " + hash + " does not start with 0x01");
      }
    }
    int max = maxBlobs();
    if (count > max) {
      throw new InvalidTransactionException(
          Reason.TYPE_3_TX_BLOB_COUNT_EXCEEDED, count + " blobs, at most " + max + " allowed");
    }
  }

  /** Cancun 6 per block (EIP-4844), Prague 9 (EIP-7691), Osaka 6 per transaction (EIP-7594). */
  private int maxBlobs() {
    if (fork.isAtLeast(Fork.OSAKA)) {
      return MAX_BLOBS_PER_TX_OSAKA;
    }
    return fork.isAtLeast(Fork.PRAGUE) ? 9 : 6;
  }
}
