package io.merapi.service.txmgr;

/**
 * A candidate that will not be mined by this manager: fees above the limit, funds missing after the
 * retries, too many "nonce too low" answers without a receipt, a send timeout, or a closed manager.
 * The message says which, in one sentence.
 */
public final class TxManagerException extends Exception {
  public TxManagerException(String message) {
    super(message);
  }

  public TxManagerException(String message, Throwable cause) {
    super(message, cause);
  }
}
