package io.merapi.execution.txpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
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
