package io.merapi.execution.txpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpException;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcMethod;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.subscription.EventFilter;
import io.merapi.rpc.subscription.Topic;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The pool's JSON-RPC face, in geth's formats: the {@code txpool} namespace ({@code txpool_status},
 * {@code txpool_content}, {@code txpool_contentFrom}, {@code txpool_inspect}), the pool side of
 * {@code eth_sendRawTransaction} and the {@code newPendingTransactions} subscription. The node
 * registers what it serves:
 *
 * <pre>{@code
 * TxPoolRpc.register(pool, methods);                                    // txpool_*
 * methods.blocking("eth_sendRawTransaction", 1, 1, TxPoolRpc.sendRawTransaction(pool, false));
 * TxPoolRpc.registerPendingSubscription(pool, methods);                 // eth_subscribe
 * }</pre>
 */
public final class TxPoolRpc {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TxPoolRpc() {}

  /** Registers the {@code txpool_*} methods. */
  public static void register(TransactionPool pool, RpcMethods methods) {
    methods.inline(
        "txpool_status",
        0,
        0,
        params -> {
          PoolStatus status = pool.status();
          ObjectNode out = NODES.objectNode();
          out.put("pending", Hex.quantity(status.pending()));
          out.put("queued", Hex.quantity(status.queued()));
          return out;
        });
    methods.blocking("txpool_content", 0, 0, params -> content(pool.content()));
    methods.blocking(
        "txpool_contentFrom",
        1,
        1,
        params -> {
          Address sender = params.address(0);
          PoolContent content = pool.content(sender);
          ObjectNode out = NODES.objectNode();
          out.set("pending", byNonce(content.pending().getOrDefault(sender, List.of())));
          out.set("queued", byNonce(content.queued().getOrDefault(sender, List.of())));
          return out;
        });
    methods.blocking("txpool_inspect", 0, 0, params -> inspect(pool.content()));
  }

  /**
   * {@code eth_sendRawTransaction}: decodes the network form (a blob transaction with its sidecar),
   * refuses legacy transactions without EIP-155 replay protection unless {@code allowUnprotected}
   * ({@code --rpc.allow-unprotected-txs}), and adds it to the pool. Answers the hash; failures are
   * -32000 with geth's message.
   */
  public static RpcMethod.Handler sendRawTransaction(
      TransactionPool pool, boolean allowUnprotected) {
    return params -> {
      Bytes raw = params.data(0);
      return submit(pool, raw, allowUnprotected);
    };
  }

  /** The pool side of {@code eth_sendRawTransaction}, for callers other than JSON-RPC. */
  public static Hash submit(TransactionPool pool, Bytes raw, boolean allowUnprotected) {
    Transaction tx;
    try {
      tx = TransactionDecoder.decodeNetwork(raw.array());
    } catch (RlpException e) {
      throw RpcError.server("rlp: " + e.getMessage()).exception();
    }
    if (!allowUnprotected && tx instanceof LegacyTransaction legacy && legacy.isPreEip155()) {
      throw RpcError.server("only replay-protected (EIP-155) transactions allowed over RPC")
          .exception();
    }
    try {
      return pool.add(tx);
    } catch (TxPoolException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }

  /**
   * Registers {@code eth_subscribe("newPendingTransactions"[, fullTx])} and feeds it from the pool:
   * each transaction that becomes pending is sent as its hash, or as the full transaction object
   * when {@code fullTx} is true (geth).
   */
  public static Topic<List<Transaction>> registerPendingSubscription(
      TransactionPool pool, RpcMethods methods) {
    Topic<List<Transaction>> topic =
        methods.subscription(
            "eth",
            "newPendingTransactions",
            1,
            params -> {
              boolean full = params.has(0) && params.bool(0);
              EventFilter<List<Transaction>> filter =
                  (txs, notify) -> {
                    for (Transaction tx : txs) {
                      notify.accept(full ? json(tx) : tx.hash());
                    }
                  };
              return filter;
            });
    pool.addListener(topic::publish);
    return topic;
  }

  private static JsonNode json(Transaction tx) {
    return Json.mapper().valueToTree(RpcTransaction.pending(tx));
  }

  private static ObjectNode content(PoolContent content) {
    ObjectNode out = NODES.objectNode();
    out.set("pending", bySender(content.pending()));
    out.set("queued", bySender(content.queued()));
    return out;
  }

  private static ObjectNode bySender(SortedMap<Address, List<Transaction>> part) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<Address, List<Transaction>> e : part.entrySet()) {
      out.set(e.getKey().toChecksumHex(), byNonce(e.getValue()));
    }
    return out;
  }

  private static ObjectNode byNonce(List<Transaction> txs) {
    ObjectNode out = NODES.objectNode();
    for (Transaction tx : txs) {
      out.set(Long.toUnsignedString(tx.nonce()), json(tx));
    }
    return out;
  }

  /**
   * geth's summary lines: {@code "<to>: <value> wei + <gas> gas × <gas price> wei"}, with {@code
   * contract creation} for a creation and the fee cap as the gas price of fee-market types.
   */
  private static ObjectNode inspect(PoolContent content) {
    ObjectNode out = NODES.objectNode();
    for (String part : List.of("pending", "queued")) {
      ObjectNode senders = out.putObject(part);
      SortedMap<Address, List<Transaction>> txs =
          part.equals("pending") ? content.pending() : content.queued();
      for (Map.Entry<Address, List<Transaction>> e : txs.entrySet()) {
        ObjectNode byNonce = senders.putObject(e.getKey().toChecksumHex());
        for (Transaction tx : e.getValue()) {
          byNonce.put(Long.toUnsignedString(tx.nonce()), summary(tx));
        }
      }
    }
    return out;
  }

  static String summary(Transaction tx) {
    String to = tx.to().map(Address::toChecksumHex).orElse("contract creation");
    return to
        + ": "
        + tx.value().toDecimalString()
        + " wei + "
        + Long.toUnsignedString(tx.gasLimit())
        + " gas \u00d7 "
        + tx.maxFeePerGas().toDecimalString()
        + " wei";
  }
}
