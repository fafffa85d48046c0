package io.merapi.types.transaction;

import java.util.Optional;

/**
 * The EIP-2718 transaction type byte. Legacy transactions have no type byte on the wire; 0 is the
 * number JSON-RPC and receipts use for them. 0x7E is the OP Stack deposit type (specs: deposits.md,
 * "The Deposited Transaction Type").
 */
public enum TransactionType {
  LEGACY(0x00),
  ACCESS_LIST(0x01),
  DYNAMIC_FEE(0x02),
  BLOB(0x03),
  SET_CODE(0x04),
  DEPOSIT(0x7e);

  private final int value;

  TransactionType(int value) {
    this.value = value;
  }

  /** The type byte (0 for legacy). */
  public int value() {
    return value;
  }

  /** The type of a type byte or JSON-RPC {@code type} number, or empty if unknown. */
  public static Optional<TransactionType> of(long value) {
    for (TransactionType type : values()) {
      if (type.value == value) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
