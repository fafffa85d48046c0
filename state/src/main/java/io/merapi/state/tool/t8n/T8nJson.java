package io.merapi.state.tool.t8n;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.state.tool.FixtureJson;
import io.merapi.types.json.Json;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SignedTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** t8n's JSON: reading {@code alloc} and {@code txs}, writing {@code result} and {@code alloc}. */
public final class T8nJson {
  /** geth's t8n files its logs under this block hash (0x1337 then zeros). */
  private static final String LOG_BLOCK_HASH = "0x1337" + "0".repeat(60);

  private T8nJson() {}

  /** A genesis-style allocation: address to {@code balance, code, nonce, storage}. */
  public static InMemoryState readAlloc(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new T8nException(T8nException.JSON, "alloc is not a JSON object");
    }
    InMemoryState state = new InMemoryState();
    try {
      for (Map.Entry<String, JsonNode> e : json.properties()) {
        JsonNode a = e.getValue();
        Map<UInt256, UInt256> storage = new HashMap<>();
        FixtureJson.field(a, "storage")
            .ifPresent(
                s -> {
                  for (Map.Entry<String, JsonNode> slot : s.properties()) {
                    storage.put(UInt256.parse(slot.getKey()), FixtureJson.uint(slot.getValue()));
                  }
                });
        state.put(
            Address.fromHex(e.getKey().toLowerCase(java.util.Locale.ROOT)),
            FixtureJson.field(a, "nonce").map(FixtureJson::uint64).orElse(0L),
            FixtureJson.field(a, "balance").map(FixtureJson::uint).orElse(UInt256.ZERO),
            FixtureJson.field(a, "code").map(FixtureJson::bytes).orElse(new byte[0]),
            storage);
      }
    } catch (RuntimeException e) {
      throw new T8nException(T8nException.JSON, "bad alloc: " + e.getMessage());
    }
    return state;
  }

  /**
   * Transactions as JSON objects; one with a {@code secretKey} and no signature is signed with it
   * (EIP-155 for legacy unless {@code "protected": false}) for {@code chainId}.
   */
  public static List<Transition.TxInput> readTransactions(JsonNode json, long chainId) {
    if (json == null || json.isNull()) {
      return List.of();
    }
    if (!json.isArray()) {
      throw new T8nException(T8nException.JSON, "txs is not a JSON array");
    }
    List<Transition.TxInput> txs = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      JsonNode node = json.get(i);
      Transaction tx;
      try {
        // geth's t8n ignores a given hash; the transaction is signed below if it has a key.
        JsonNode fields = node.isObject() ? ((ObjectNode) node).deepCopy().without("hash") : node;
        tx = Json.mapper().treeToValue(fields, Transaction.class);
      } catch (IOException | RuntimeException e) {
        throw new T8nException(T8nException.JSON, "tx " + i + ": " + e.getMessage());
      }
      if (node.hasNonNull("secretKey")
          && tx instanceof SignedTransaction signed
          && unsigned(signed)) {
        Secp256k1.PrivateKey key =
            Secp256k1.PrivateKey.fromBytes(FixtureJson.bytes(node.get("secretKey")));
        boolean isProtected = !node.has("protected") || node.get("protected").asBoolean();
        if (signed instanceof LegacyTransaction legacy) {
          signed =
              LegacyTransaction.unsigned(
                  isProtected ? OptionalLong.of(chainId) : OptionalLong.empty(),
                  legacy.nonce(),
                  legacy.gasPrice(),
                  legacy.gasLimit(),
                  legacy.to(),
                  legacy.value(),
                  legacy.data());
        }
        tx = signed.sign(key);
      }
      txs.add(new Transition.TxInput.Decoded(tx));
    }
    return txs;
  }

  private static boolean unsigned(SignedTransaction tx) {
    return tx.r().isZero()
        && tx.s().isZero()
        && (tx.v().isZero() || tx instanceof LegacyTransaction legacy && legacy.v().isZero());
  }

  /** An RLP list of signed transactions; an element that does not decode is rejected alone. */
  public static List<Transition.TxInput> readRlpTransactions(byte[] rlp) {
    List<Transition.TxInput> txs = new ArrayList<>();
    RlpReader list;
    try {
      list = RlpReader.of(rlp).readList();
    } catch (RlpException e) {
      throw new T8nException(T8nException.RLP, "txs are not an RLP list: " + e.getMessage());
    }
    while (list.hasNext()) {
      byte[] element;
      try {
        element = list.readRaw();
      } catch (RlpException e) {
        txs.add(new Transition.TxInput.Failed("rlp: " + e.getMessage()));
        break;
      }
      try {
        txs.add(new Transition.TxInput.Decoded(TransactionDecoder.readFrom(RlpReader.of(element))));
      } catch (RlpException | IllegalArgumentException e) {
        txs.add(new Transition.TxInput.Failed("rlp: " + e.getMessage()));
      }
    }
    return txs;
  }

  /** geth's {@code result} object. */
  public static void writeResult(JsonGenerator out, T8nResult r) throws IOException {
    out.writeStartObject();
    out.writeStringField("stateRoot", r.stateRoot().toHex());
    out.writeStringField("txRoot", r.txRoot().toHex());
    out.writeStringField("receiptsRoot", r.receiptsRoot().toHex());
    out.writeStringField("logsHash", r.logsHash().toHex());
    out.writeStringField("logsBloom", r.logsBloom().toHex());
    out.writeArrayFieldStart("receipts");
    for (T8nResult.IncludedReceipt receipt : r.receipts()) {
      writeReceipt(out, receipt);
    }
    out.writeEndArray();
    if (!r.rejected().isEmpty()) {
      out.writeArrayFieldStart("rejected");
      for (T8nResult.Rejected rejected : r.rejected()) {
        out.writeStartObject();
        out.writeNumberField("index", rejected.index());
        out.writeStringField("error", rejected.error());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    if (r.currentDifficulty().isPresent()) {
      out.writeStringField("currentDifficulty", r.currentDifficulty().get().toQuantity());
    } else {
      out.writeNullField("currentDifficulty");
    }
    out.writeStringField("gasUsed", Hex.quantity(r.gasUsed()));
    if (r.currentBaseFee().isPresent()) {
      out.writeStringField("currentBaseFee", r.currentBaseFee().get().toQuantity());
    }
    if (r.withdrawalsRoot().isPresent()) {
      out.writeStringField("withdrawalsRoot", r.withdrawalsRoot().get().toHex());
    }
    if (r.currentExcessBlobGas().isPresent()) {
      out.writeStringField(
          "currentExcessBlobGas", Hex.quantity(r.currentExcessBlobGas().getAsLong()));
    }
    if (r.blobGasUsed().isPresent()) {
      out.writeStringField("blobGasUsed", Hex.quantity(r.blobGasUsed().getAsLong()));
    }
    out.writeEndObject();
  }

  /** A receipt in geth's t8n form (its {@code types.Receipt} JSON without block fields). */
  private static void writeReceipt(JsonGenerator out, T8nResult.IncludedReceipt r)
      throws IOException {
    out.writeStartObject();
    if (r.receipt().type().value() != 0) {
      out.writeStringField("type", Hex.quantity(r.receipt().type().value()));
    }
    out.writeStringField("root", "0x");
    out.writeStringField("status", r.receipt().status().orElse(false) ? "0x1" : "0x0");
    out.writeStringField("cumulativeGasUsed", Hex.quantity(r.receipt().cumulativeGasUsed()));
    out.writeStringField("logsBloom", r.receipt().logsBloom().toHex());
    if (r.receipt().logs().isEmpty()) {
      out.writeNullField("logs");
    } else {
      out.writeArrayFieldStart("logs");
      long index = r.firstLogIndex();
      for (Log log : r.receipt().logs()) {
        out.writeStartObject();
        out.writeStringField("address", log.address().toHex());
        out.writeArrayFieldStart("topics");
        for (var topic : log.topics()) {
          out.writeString(topic.toHex());
        }
        out.writeEndArray();
        out.writeStringField("data", log.data().toHex());
        out.writeStringField("blockNumber", Hex.quantity(r.blockNumber()));
        out.writeStringField("transactionHash", r.transactionHash().toHex());
        out.writeStringField("transactionIndex", Hex.quantity(r.transactionIndex()));
        out.writeStringField("blockHash", LOG_BLOCK_HASH);
        out.writeStringField("logIndex", Hex.quantity(index++));
        out.writeBooleanField("removed", false);
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    out.writeStringField("transactionHash", r.transactionHash().toHex());
    out.writeStringField("contractAddress", r.contractAddress().orElse(Address.ZERO).toHex());
    out.writeStringField("gasUsed", Hex.quantity(r.gasUsed()));
    out.writeNullField("effectiveGasPrice");
    out.writeStringField("blockHash", io.merapi.base.bytes.Hash.ZERO.toHex());
    out.writeStringField("transactionIndex", Hex.quantity(r.transactionIndex()));
    out.writeEndObject();
  }

  /** The post-state as a genesis-style allocation, accounts in address order. */
  public static void writeAlloc(JsonGenerator out, InMemoryState state) throws IOException {
    out.writeStartObject();
    for (Map.Entry<Address, InMemoryState.Entry> e : state.accounts().entrySet()) {
      InMemoryState.Entry a = e.getValue();
      out.writeObjectFieldStart(e.getKey().toHex());
      byte[] code = state.code(a.codeHash());
      if (code.length > 0) {
        out.writeStringField("code", Hex.encode(code));
      }
      if (!a.storage().isEmpty()) {
        out.writeObjectFieldStart("storage");
        for (Map.Entry<UInt256, UInt256> slot : a.storage().entrySet()) {
          out.writeStringField(slot.getKey().toHash().toHex(), slot.getValue().toHash().toHex());
        }
        out.writeEndObject();
      }
      out.writeStringField("balance", a.balance().toQuantity());
      if (a.nonce() != 0) {
        out.writeStringField("nonce", Hex.quantity(a.nonce()));
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }
}
