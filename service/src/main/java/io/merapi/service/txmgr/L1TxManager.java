package io.merapi.service.txmgr;

import io.merapi.base.crypto.Secp256k1;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;

/** The transaction manager over an L1's JSON-RPC. */
public final class L1TxManager {
  private L1TxManager() {}

  /**
   * A manager sending from {@code key}'s account through the L1 at {@code l1Rpc}; the chain id is
   * read from the L1 ({@code eth_chainId}).
   */
  public static TxManager create(
      URI l1Rpc, Secp256k1.PrivateKey key, TxManagerConfig config, MeterRegistry registry) {
    throw new UnsupportedOperationException("the L1 transaction manager lands in the next commit");
  }
}
