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
import io.merapi.types.transaction.TransactionType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The chain's identity and progress ({@code eth_chainId}, {@code eth_blockNumber}, {@code
 * eth_syncing}) and {@code eth_sendRawTransaction}, which decodes the transaction (with a blob
 * sidecar in the network form) and hands it to the pool.
 */
public final class EthChainMethods {
  private final ChainAccess chain;
  private final PoolAccess pool;
  private final String chainId;
  private final BigInteger txFeeCapWei;

  /** {@code txFeeCapWei}: the most fee a sent transaction may commit to (0: no cap). */
  public EthChainMethods(ChainAccess chain, PoolAccess pool, BigInteger txFeeCapWei) {
    this.chain = chain;
    this.pool = pool;
    this.txFeeCapWei = txFeeCapWei;
    this.chainId = Hex.quantity(chain.chain().config().chainId());
  }

  public void register(RpcMethods methods) {
    methods.inline("eth_chainId", 0, 0, p -> chainId);
    methods.inline("eth_blockNumber", 0, 0, p -> Hex.quantity(chain.head().number()));
    // Blocks arrive from the consensus client: there is no sync of our own to report.
    methods.inline("eth_syncing", 0, 0, p -> Boolean.FALSE);
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
    if (tx.type() == TransactionType.DEPOSIT) {
      throw ChainAccess.serverError("transaction type not supported");
    }
    checkFee(tx, txFeeCapWei);
    Hash hash = pool.submit(tx);
    return hash.toHex();
  }

  /**
   * geth's {@code checkTxFee}: the gas limit at the fee cap must stay under the node's cap ({@code
   * txFeeCapWei}, 0 for none), for every transaction the node sends on.
   */
  public static void checkFee(Transaction tx, BigInteger txFeeCapWei) {
    if (txFeeCapWei.signum() == 0) {
      return;
    }
    BigInteger fee = tx.maxFeePerGas().toBigInteger().multiply(BigInteger.valueOf(tx.gasLimit()));
    if (fee.compareTo(txFeeCapWei) > 0) {
      throw ChainAccess.serverError(
          String.format(
              Locale.ROOT,
              "tx fee (%.2f ether) exceeds the configured cap (%.2f ether)",
              ether(fee),
              ether(txFeeCapWei)));
    }
  }

  private static double ether(BigInteger wei) {
    return new BigDecimal(wei).divide(BigDecimal.TEN.pow(18)).doubleValue();
  }
}
