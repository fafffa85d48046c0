package io.merapi.contracts.deposit;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2.Events.TransactionDeposited;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The L2 deposit transactions that the portal's {@code TransactionDeposited} logs describe (specs
 * deposits.md "Deposit Contract" and "User-Deposited Transactions"; op-node's deposit log
 * decoding): version 0's opaque data is {@code mint (32) ++ value (32) ++ gasLimit (8) ++
 * isCreation (1) ++ data}, {@code from} and {@code to} come from the topics (a contract sender is
 * already aliased by the portal), and the source hash names the L1 block and log index.
 */
public final class UserDeposits {
  /** The only deposit event version. */
  public static final UInt256 VERSION_0 = UInt256.ZERO;

  private static final int OPAQUE_HEADER = 32 + 32 + 8 + 1;

  private UserDeposits() {}

  /**
   * The deposits among an L1 block's {@code logs} (all its receipts' logs in order, so that a log's
   * position is its log index) that {@code portal} emitted.
   *
   * @throws InvalidDepositException if a deposit event of the portal does not decode
   */
  public static List<DepositTransaction> fromBlock(
      Address portal, Hash l1BlockHash, List<Log> logs) {
    List<DepositTransaction> deposits = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      Log log = logs.get(i);
      if (log.address().equals(portal) && TransactionDeposited.EVENT.matches(log.topics())) {
        deposits.add(fromLog(log, l1BlockHash, i));
      }
    }
    return deposits;
  }

  /**
   * The deposit of one {@code TransactionDeposited} log, the {@code logIndex}-th of L1 block {@code
   * l1BlockHash}.
   *
   * @throws InvalidDepositException if the log is not a version 0 deposit event
   */
  public static DepositTransaction fromLog(Log log, Hash l1BlockHash, long logIndex) {
    TransactionDeposited event;
    try {
      event =
          TransactionDeposited.from(log)
              .orElseThrow(() -> new InvalidDepositException("not a TransactionDeposited log"));
    } catch (io.merapi.base.abi.AbiException e) {
      throw new InvalidDepositException("deposit event does not decode: " + e.getMessage());
    }
    if (!event.version().equals(VERSION_0)) {
      throw new InvalidDepositException("unknown deposit version " + event.version());
    }
    byte[] opaque = event.opaqueData().array();
    if (opaque.length < OPAQUE_HEADER) {
      throw new InvalidDepositException(
          "opaque data of " + opaque.length + " bytes, at least " + OPAQUE_HEADER + " needed");
    }
    UInt256 mint = UInt256.fromBytes(opaque, 0, 32);
    UInt256 value = UInt256.fromBytes(opaque, 32, 32);
    long gasLimit = UInt256.fromBytes(opaque, 64, 8).limb(0);
    boolean isCreation = opaque[72] != 0;
    Bytes data = Bytes.wrap(Arrays.copyOfRange(opaque, OPAQUE_HEADER, opaque.length));
    return new DepositTransaction(
        DepositSource.userDeposit(l1BlockHash, logIndex),
        event.from(),
        isCreation ? Optional.empty() : Optional.of(event.to()),
        mint,
        value,
        gasLimit,
        false,
        data);
  }

  /** A deposit event that the rollup cannot turn into a deposit. */
  public static final class InvalidDepositException extends RuntimeException {
    public InvalidDepositException(String message) {
      super(message);
    }
  }
}
