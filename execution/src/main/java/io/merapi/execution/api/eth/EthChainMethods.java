package io.merapi.execution.api.eth;

import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpException;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.PoolAccess;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.List;

/**
 * The chain's identity and progress ({@code eth_chainId}, {@code eth_blockNumber}, {@code
 * eth_syncing}, {@code eth_accounts}) and {@code eth_sendRawTransaction}, which decodes the
 * transaction (with a blob sidecar in the network form) and hands it to the pool.
 */
public final class EthChainMethods {
  private final ChainAccess chain;
  private final PoolAccess pool;
  private final String chainId;

  public EthChainMethods(ChainAccess chain, PoolAccess pool) {
    this.chain = chain;
    this.pool = pool;
    this.chainId = Hex.quantity(chain.chain().config().chainId());
  }

  public void register(RpcMethods methods) {
    methods.inline("eth_chainId", 0, 0, p -> chainId);
    methods.inline("eth_blockNumber", 0, 0, p -> Hex.quantity(chain.head().number()));
    // Blocks arrive from the consensus client: there is no sync of our own to report.
    methods.inline("eth_syncing", 0, 0, p -> Boolean.FALSE);
    methods.inline("eth_accounts", 0, 0, p -> List.of());
    methods.blocking("eth_sendRawTransaction", 1, 1, this::sendRawTransaction);
  }

  private Object sendRawTransaction(Params params) {
    byte[] raw = params.data(0).array();
    Transaction tx;
    try {
      tx = TransactionDecoder.decodeNetwork(raw);
    } catch (RlpException | InvalidTransactionException | IllegalArgumentException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
    Hash hash = pool.submit(tx);
    return hash.toHex();
  }
}
