package io.merapi.types.json;

import static io.merapi.types.json.JsonValues.address;
import static io.merapi.types.json.JsonValues.has;
import static io.merapi.types.json.JsonValues.hash;
import static io.merapi.types.json.JsonValues.optionalHash;
import static io.merapi.types.json.JsonValues.optionalQuantity;
import static io.merapi.types.json.JsonValues.optionalUInt256;
import static io.merapi.types.json.JsonValues.quantity;
import static io.merapi.types.json.JsonValues.uint256;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Headers, blocks and withdrawals in the JSON-RPC shape of geth ({@code RPCMarshalHeader}, {@code
 * RPCMarshalBlock}). Prague's header field is written {@code requestsHash} (execution-apis); the
 * older name {@code requestsRoot} is read too.
 */
final class BlockJson {
  private BlockJson() {}

  static void writeHeader(JsonGenerator out, Header header) throws IOException {
    out.writeStartObject();
    writeHeaderFields(out, header);
    out.writeEndObject();
  }

  private static void writeHeaderFields(JsonGenerator out, Header h) throws IOException {
    JsonValues.quantity(out, "number", h.number());
    JsonValues.hash(out, "hash", h.hash());
    JsonValues.hash(out, "parentHash", h.parentHash());
    out.writeStringField("nonce", Hex.encode(Header.nonceBytes(h.nonce())));
    JsonValues.hash(out, "mixHash", h.mixHash());
    JsonValues.hash(out, "sha3Uncles", h.ommersHash());
    out.writeStringField("logsBloom", h.logsBloom().toHex());
    JsonValues.hash(out, "stateRoot", h.stateRoot());
    JsonValues.address(out, "miner", h.coinbase());
    JsonValues.quantity(out, "difficulty", h.difficulty());
    JsonValues.data(out, "extraData", h.extraData());
    JsonValues.quantity(out, "gasLimit", h.gasLimit());
    JsonValues.quantity(out, "gasUsed", h.gasUsed());
    JsonValues.quantity(out, "timestamp", h.timestamp());
    JsonValues.hash(out, "transactionsRoot", h.transactionsRoot());
    JsonValues.hash(out, "receiptsRoot", h.receiptsRoot());
    if (h.baseFeePerGas().isPresent()) {
      JsonValues.quantity(out, "baseFeePerGas", h.baseFeePerGas().get());
    }
    if (h.withdrawalsRoot().isPresent()) {
      JsonValues.hash(out, "withdrawalsRoot", h.withdrawalsRoot().get());
    }
    if (h.blobGasUsed().isPresent()) {
      JsonValues.quantity(out, "blobGasUsed", h.blobGasUsed().getAsLong());
    }
    if (h.excessBlobGas().isPresent()) {
      JsonValues.quantity(out, "excessBlobGas", h.excessBlobGas().getAsLong());
    }
    if (h.parentBeaconBlockRoot().isPresent()) {
      JsonValues.hash(out, "parentBeaconBlockRoot", h.parentBeaconBlockRoot().get());
    }
    if (h.requestsHash().isPresent()) {
      JsonValues.hash(out, "requestsHash", h.requestsHash().get());
    }
  }

  static void writeBlock(JsonGenerator out, RpcBlock block) throws IOException {
    out.writeStartObject();
    writeHeaderFields(out, block.header());
    JsonValues.quantity(out, "size", block.size());
    out.writeArrayFieldStart("transactions");
    switch (block.transactions()) {
      case RpcBlock.Hashes hashes -> {
        for (Hash hash : hashes.hashes()) {
          out.writeString(hash.toHex());
        }
      }
      case RpcBlock.Full full -> {
        for (RpcTransaction tx : full.transactions()) {
          TransactionJson.write(out, tx);
        }
      }
    }
    out.writeEndArray();
    JsonValues.hashes(out, "uncles", block.uncles());
    if (block.withdrawals().isPresent()) {
      out.writeArrayFieldStart("withdrawals");
      for (Withdrawal withdrawal : block.withdrawals().get()) {
        writeWithdrawal(out, withdrawal);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  static void writeWithdrawal(JsonGenerator out, Withdrawal w) throws IOException {
    out.writeStartObject();
    JsonValues.quantity(out, "index", w.index());
    JsonValues.quantity(out, "validatorIndex", w.validatorIndex());
    JsonValues.address(out, "address", w.address());
    JsonValues.quantity(out, "amount", w.amount());
    out.writeEndObject();
  }

  // ---- reading

  static Header readHeader(JsonNode json) {
    JsonValues.requireObject(json, "a header");
    Bytes nonce = JsonValues.data(json, "nonce");
    if (nonce.length() != 8) {
      throw new IllegalArgumentException("field 'nonce' must have 8 bytes");
    }
    long nonceValue = 0;
    for (byte b : nonce.array()) {
      nonceValue = (nonceValue << 8) | (b & 0xff);
    }
    Optional<Hash> requestsHash = optionalHash(json, "requestsHash");
    if (requestsHash.isEmpty()) {
      requestsHash = optionalHash(json, "requestsRoot");
    }
    Header header;
    try {
      header =
          new Header(
              hash(json, "parentHash"),
              hash(json, "sha3Uncles"),
              address(json, "miner"),
              hash(json, "stateRoot"),
              hash(json, "transactionsRoot"),
              hash(json, "receiptsRoot"),
              JsonValues.bloom(json, "logsBloom"),
              uint256(json, "difficulty"),
              quantity(json, "number"),
              quantity(json, "gasLimit"),
              quantity(json, "gasUsed"),
              quantity(json, "timestamp"),
              JsonValues.data(json, "extraData"),
              hash(json, "mixHash"),
              nonceValue,
              optionalUInt256(json, "baseFeePerGas"),
              optionalHash(json, "withdrawalsRoot"),
              optionalQuantity(json, "blobGasUsed"),
              optionalQuantity(json, "excessBlobGas"),
              optionalHash(json, "parentBeaconBlockRoot"),
              requestsHash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid header: " + e.getMessage(), e);
    }
    if (has(json, "hash") && !hash(json, "hash").equals(header.hash())) {
      throw new IllegalArgumentException(
          "field 'hash' is " + hash(json, "hash") + " but the header hashes to " + header.hash());
    }
    return header;
  }

  static RpcBlock readBlock(JsonNode json) {
    Header header = readHeader(json);
    JsonNode txs = JsonValues.array(json, "transactions");
    RpcBlock.Transactions transactions;
    if (!txs.isEmpty() && txs.get(0).isObject()) {
      transactions =
          new RpcBlock.Full(JsonValues.list(json, "transactions", TransactionJson::read));
    } else {
      transactions =
          new RpcBlock.Hashes(JsonValues.list(json, "transactions", JsonValues::hashElement));
    }
    Optional<List<Withdrawal>> withdrawals = Optional.empty();
    if (has(json, "withdrawals")) {
      withdrawals = Optional.of(JsonValues.list(json, "withdrawals", BlockJson::readWithdrawal));
    }
    List<Hash> uncles =
        has(json, "uncles")
            ? JsonValues.list(json, "uncles", JsonValues::hashElement)
            : new ArrayList<>();
    return new RpcBlock(header, quantity(json, "size"), transactions, uncles, withdrawals);
  }

  static Withdrawal readWithdrawal(JsonNode json) {
    JsonValues.requireObject(json, "a withdrawal");
    return new Withdrawal(
        quantity(json, "index"),
        quantity(json, "validatorIndex"),
        address(json, "address"),
        quantity(json, "amount"));
  }
}
