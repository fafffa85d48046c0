package io.merapi.service.txmgr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.client.RpcClient;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.transaction.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The L1 calls the manager makes, typed. Failures are the client's {@link RpcException} (the node
 * answered an error) and {@code RpcTransportException} (no answer in the network timeout).
 */
final class L1Rpc {
  private final RpcClient rpc;

  L1Rpc(RpcClient rpc) {
    this.rpc = rpc;
  }

  long chainId() {
    return quantity(call("eth_chainId"));
  }

  /** {@code eth_getTransactionCount(from, "pending")}: the next nonce counting the pool. */
  long pendingNonce(Address from) {
    return quantity(call("eth_getTransactionCount", from.toHex(), "pending"));
  }

  long latestNonce(Address from) {
    return quantity(call("eth_getTransactionCount", from.toHex(), "latest"));
  }

  UInt256 balance(Address from) {
    return UInt256.fromQuantity(call("eth_getBalance", from.toHex(), "latest").asText());
  }

  Header latestHeader() {
    JsonNode block = call("eth_getBlockByNumber", "latest", false);
    if (block == null || block.isNull()) {
      throw new IllegalStateException("the L1 has no latest block");
    }
    try {
      return Json.mapper().treeToValue(block, Header.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the L1's latest block is not a block: " + e.getMessage());
    }
  }

  long blockNumber() {
    return quantity(call("eth_blockNumber"));
  }

  /**
   * The tip to offer: {@code eth_maxPriorityFeePerGas}, or where the node lacks it the median of
   * the last blocks' 50th-percentile tips from {@code eth_feeHistory}.
   */
  UInt256 suggestedTip() {
    try {
      return UInt256.fromQuantity(call("eth_maxPriorityFeePerGas").asText());
    } catch (RpcException e) {
      if (e.code() != RpcError.METHOD_NOT_FOUND) {
        throw e;
      }
    }
    JsonNode history = call("eth_feeHistory", "0x5", "latest", List.of(50));
    List<UInt256> tips = new ArrayList<>();
    for (JsonNode block : history.path("reward")) {
      if (block.size() > 0) {
        tips.add(UInt256.fromQuantity(block.get(0).asText()));
      }
    }
    if (tips.isEmpty()) {
      return UInt256.ZERO;
    }
    tips.sort(UInt256::compareTo);
    return tips.get(tips.size() / 2);
  }

  /** {@code eth_estimateGas} of the candidate's call from {@code from}. */
  long estimateGas(Address from, TxCandidate candidate) {
    ObjectNode call = RpcJson.mapper().createObjectNode();
    call.put("from", from.toHex());
    call.put("to", candidate.to().toHex());
    call.put("input", candidate.data().toHex());
    call.put("value", Hex.quantity(candidate.value()));
    return quantity(call("eth_estimateGas", call));
  }

  /** {@code eth_sendRawTransaction} of the network form (with the blob sidecar). */
  Hash sendRawTransaction(SignedTransaction tx) {
    return Hash.fromHex(call("eth_sendRawTransaction", Hex.encode(tx.networkEncoded())).asText());
  }

  Optional<RpcReceipt> receipt(Hash txHash) {
    JsonNode receipt = call("eth_getTransactionReceipt", txHash.toHex());
    if (receipt == null || receipt.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().treeToValue(receipt, RpcReceipt.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the L1's receipt is not a receipt: " + e.getMessage());
    }
  }

  void close() {
    rpc.close();
  }

  private JsonNode call(String method, Object... params) {
    return rpc.call(method, params);
  }

  private static long quantity(JsonNode node) {
    return Hex.parseQuantity(node.asText());
  }
}
