package io.merapi.service.txmgr;

import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.TemporaryFailures;
import java.util.Locale;

/**
 * What became of one {@code eth_sendRawTransaction}, judged by geth's pool errors (op-service txmgr
 * matches the same texts, as every L1 client uses geth's words).
 */
enum PublishOutcome {
  ACCEPTED,
  /** The pool already has exactly this transaction: as good as accepted. */
  ALREADY_KNOWN,
  /** "replacement transaction underpriced" or "transaction underpriced": bump and try again. */
  UNDERPRICED,
  /** The nonce is below the account's: some version (or another sender's transaction) was mined. */
  NONCE_TOO_LOW,
  INSUFFICIENT_FUNDS,
  /** No answer, or an answer worth another try soon. */
  TEMPORARY,
  /** Refused for good (too much gas, a bad blob, a type the pool does not take...). */
  REFUSED;

  static PublishOutcome of(RuntimeException failure) {
    if (failure instanceof RpcException rpc) {
      String m = rpc.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("already known") || m.contains("known transaction")) {
        return ALREADY_KNOWN;
      }
      if (m.contains("underpriced")) {
        return UNDERPRICED;
      }
      if (m.contains("nonce too low")) {
        return NONCE_TOO_LOW;
      }
      if (m.contains("insufficient funds")) {
        return INSUFFICIENT_FUNDS;
      }
    }
    return TemporaryFailures.isTemporary(failure) ? TEMPORARY : REFUSED;
  }

  boolean inPool() {
    return this == ACCEPTED || this == ALREADY_KNOWN;
  }
}
