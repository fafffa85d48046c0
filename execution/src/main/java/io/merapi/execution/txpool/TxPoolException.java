package io.merapi.execution.txpool;

/**
 * A transaction the pool refused. The message is geth's wording (its {@code core} and {@code
 * txpool} errors), optionally followed by {@code ": "} and details, because wallets and tools match
 * on those strings; {@link #reason()} says the same for code.
 */
public final class TxPoolException extends RuntimeException {
  private final Reason reason;

  public TxPoolException(Reason reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  public TxPoolException(Reason reason, String details) {
    super(reason.message() + ": " + details, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why a transaction was refused, with geth's error text. */
  public enum Reason {
    ALREADY_KNOWN("already known"),
    INVALID_SENDER("invalid sender"),
    UNDERPRICED("transaction underpriced"),
    REPLACEMENT_UNDERPRICED("replacement transaction underpriced"),
    GAS_LIMIT("exceeds block gas limit"),
    OVERSIZED_DATA("oversized data"),
    POOL_FULL("txpool is full"),
    NONCE_TOO_LOW("nonce too low"),
    NONCE_MAX("nonce has max value"),
    INSUFFICIENT_FUNDS("insufficient funds for gas * price + value"),
    INTRINSIC_GAS("intrinsic gas too low"),
    TIP_ABOVE_FEE_CAP("max priority fee per gas higher than max fee per gas"),
    TYPE_NOT_SUPPORTED("transaction type not supported"),
    MAX_INIT_CODE_SIZE("max initcode size exceeded"),
    INVALID_BLOB("invalid blob transaction");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }
}
