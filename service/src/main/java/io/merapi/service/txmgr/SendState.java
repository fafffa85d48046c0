package io.merapi.service.txmgr;

import io.merapi.base.bytes.Hash;
import io.merapi.types.transaction.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One candidate on its way (op-service {@code SendState}): the nonce it holds, the version signed
 * last and its fees, every version the pool accepted (any may be the one mined), the block one was
 * seen in, and the counts the abort rules look at. Used by one thread.
 */
final class SendState {
  record Mined(Hash txHash, Hash blockHash, long blockNumber) {}

  final TxBuilder.Prepared prepared;
  long nonce;
  SignedTransaction tx;
  FeeCaps fees;
  int bumps;
  int nonceTooLow;
  private final List<Hash> sent = new ArrayList<>();
  Optional<Mined> mined = Optional.empty();

  SendState(TxBuilder.Prepared prepared, long nonce, SignedTransaction tx, FeeCaps fees) {
    this.prepared = prepared;
    this.nonce = nonce;
    this.tx = tx;
    this.fees = fees;
  }

  void accepted(Hash hash) {
    sent.remove(hash);
    sent.add(hash);
  }

  /** The hashes the pool took, the latest first (the likeliest to be mined). */
  List<Hash> sentLatestFirst() {
    return sent.reversed();
  }

  boolean anySent() {
    return !sent.isEmpty();
  }

  String describe() {
    return "tx " + tx.hash().toHex() + " (nonce " + nonce + ")";
  }
}
