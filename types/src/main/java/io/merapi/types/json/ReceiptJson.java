package io.merapi.types.json;

import static io.merapi.types.json.JsonValues.address;
import static io.merapi.types.json.JsonValues.has;
import static io.merapi.types.json.JsonValues.hash;
import static io.merapi.types.json.JsonValues.optionalAddress;
import static io.merapi.types.json.JsonValues.optionalQuantity;
import static io.merapi.types.json.JsonValues.optionalUInt256;
import static io.merapi.types.json.JsonValues.quantity;
import static io.merapi.types.json.JsonValues.uint256;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Hash;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.TransactionType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Receipts and logs in the JSON-RPC shape of geth and op-geth ({@code marshalReceipt}): {@code
 * status} or (before Byzantium) {@code root}, {@code contractAddress} null unless a contract was
 * created, blob fields for blob transactions, {@code depositNonce} and {@code
 * depositReceiptVersion} for deposits, and the L1 fee fields on OP chains.
 */
final class ReceiptJson {
  private ReceiptJson() {}

  static void write(JsonGenerator out, RpcReceipt rpc) throws IOException {
    Receipt receipt = rpc.receipt();
    out.writeStartObject();
    JsonValues.hash(out, "blockHash", rpc.blockHash());
    JsonValues.quantity(out, "blockNumber", rpc.blockNumber());
    JsonValues.optionalAddress(out, "contractAddress", rpc.contractAddress());
    JsonValues.quantity(out, "cumulativeGasUsed", receipt.cumulativeGasUsed());
    JsonValues.quantity(out, "effectiveGasPrice", rpc.effectiveGasPrice());
    JsonValues.address(out, "from", rpc.from());
    JsonValues.quantity(out, "gasUsed", rpc.gasUsed());
    out.writeArrayFieldStart("logs");
    for (RpcLog log : rpc.rpcLogs()) {
      writeLog(out, log);
    }
    out.writeEndArray();
    out.writeStringField("logsBloom", receipt.logsBloom().toHex());
    writeOutcome(out, receipt.outcome());
    JsonValues.optionalAddress(out, "to", rpc.to());
    JsonValues.hash(out, "transactionHash", rpc.transactionHash());
    JsonValues.quantity(out, "transactionIndex", rpc.transactionIndex());
    JsonValues.quantity(out, "type", receipt.type().value());
    if (rpc.blobGasUsed().isPresent()) {
      JsonValues.quantity(out, "blobGasUsed", rpc.blobGasUsed().getAsLong());
    }
    if (rpc.blobGasPrice().isPresent()) {
      JsonValues.quantity(out, "blobGasPrice", rpc.blobGasPrice().get());
    }
    writeDepositFields(out, receipt);
    if (rpc.l1Fee().isPresent()) {
      writeL1Fee(out, rpc.l1Fee().get());
    }
    out.writeEndObject();
  }

  private static void writeOutcome(JsonGenerator out, Receipt.Outcome outcome) throws IOException {
    switch (outcome) {
      case Receipt.Status s -> JsonValues.quantity(out, "status", s.success() ? 1 : 0);
      case Receipt.PostState p -> JsonValues.hash(out, "root", p.root());
    }
  }

  private static void writeDepositFields(JsonGenerator out, Receipt receipt) throws IOException {
    if (receipt.depositNonce().isPresent()) {
      JsonValues.quantity(out, "depositNonce", receipt.depositNonce().getAsLong());
    }
    if (receipt.depositReceiptVersion().isPresent()) {
      JsonValues.quantity(
          out, "depositReceiptVersion", receipt.depositReceiptVersion().getAsLong());
    }
  }

  private static void writeL1Fee(JsonGenerator out, L1FeeInfo fee) throws IOException {
    // op-geth prints the first three on every non-deposit receipt, null when unknown.
    writeNullable(out, "l1GasPrice", fee.l1GasPrice());
    writeNullable(out, "l1GasUsed", fee.l1GasUsed());
    writeNullable(out, "l1Fee", fee.l1Fee());
    if (fee.l1FeeScalar().isPresent()) {
      out.writeStringField("l1FeeScalar", fee.l1FeeScalar().get());
    }
    if (fee.l1BlobBaseFee().isPresent()) {
      JsonValues.quantity(out, "l1BlobBaseFee", fee.l1BlobBaseFee().get());
    }
    writeOptional(out, "l1BaseFeeScalar", fee.l1BaseFeeScalar());
    writeOptional(out, "l1BlobBaseFeeScalar", fee.l1BlobBaseFeeScalar());
    writeOptional(out, "operatorFeeScalar", fee.operatorFeeScalar());
    writeOptional(out, "operatorFeeConstant", fee.operatorFeeConstant());
  }

  private static void writeNullable(
      JsonGenerator out, String name, Optional<io.merapi.base.uint.UInt256> value)
      throws IOException {
    if (value.isPresent()) {
      JsonValues.quantity(out, name, value.get());
    } else {
      out.writeNullField(name);
    }
  }

  private static void writeOptional(JsonGenerator out, String name, OptionalLong value)
      throws IOException {
    if (value.isPresent()) {
      JsonValues.quantity(out, name, value.getAsLong());
    }
  }

  static void writeLog(JsonGenerator out, RpcLog rpc) throws IOException {
    out.writeStartObject();
    writeLogFields(out, rpc.log());
    JsonValues.quantity(out, "blockNumber", rpc.blockNumber());
    JsonValues.hash(out, "transactionHash", rpc.transactionHash());
    JsonValues.quantity(out, "transactionIndex", rpc.transactionIndex());
    JsonValues.hash(out, "blockHash", rpc.blockHash());
    if (rpc.blockTimestamp().isPresent()) {
      JsonValues.quantity(out, "blockTimestamp", rpc.blockTimestamp().getAsLong());
    }
    JsonValues.quantity(out, "logIndex", rpc.logIndex());
    out.writeBooleanField("removed", rpc.removed());
    out.writeEndObject();
  }

  private static void writeLogFields(JsonGenerator out, Log log) throws IOException {
    JsonValues.address(out, "address", log.address());
    JsonValues.hashes(out, "topics", log.topics());
    JsonValues.data(out, "data", log.data());
  }

  static void writeLog(JsonGenerator out, Log log) throws IOException {
    out.writeStartObject();
    writeLogFields(out, log);
    out.writeEndObject();
  }

  /** The consensus receipt alone (as t8n and {@code debug} tools print it). */
  static void writeReceipt(JsonGenerator out, Receipt receipt) throws IOException {
    out.writeStartObject();
    JsonValues.quantity(out, "type", receipt.type().value());
    writeOutcome(out, receipt.outcome());
    JsonValues.quantity(out, "cumulativeGasUsed", receipt.cumulativeGasUsed());
    out.writeStringField("logsBloom", receipt.logsBloom().toHex());
    out.writeArrayFieldStart("logs");
    for (Log log : receipt.logs()) {
      writeLog(out, log);
    }
    out.writeEndArray();
    writeDepositFields(out, receipt);
    out.writeEndObject();
  }

  // ---- reading

  static RpcReceipt read(JsonNode json) {
    JsonValues.requireObject(json, "a receipt");
    List<RpcLog> logs = JsonValues.list(json, "logs", ReceiptJson::readRpcLog);
    Receipt receipt = readReceiptFields(json, logs.stream().map(RpcLog::log).toList());
    long firstLogIndex = logs.isEmpty() ? 0 : logs.get(0).logIndex();
    Optional<L1FeeInfo> l1Fee = Optional.empty();
    if (json.has("l1GasPrice") || json.has("l1Fee") || json.has("l1GasUsed")) {
      l1Fee =
          Optional.of(
              new L1FeeInfo(
                  optionalUInt256(json, "l1GasPrice"),
                  optionalUInt256(json, "l1GasUsed"),
                  optionalUInt256(json, "l1Fee"),
                  has(json, "l1FeeScalar")
                      ? Optional.of(JsonValues.text(json, "l1FeeScalar"))
                      : Optional.empty(),
                  optionalUInt256(json, "l1BlobBaseFee"),
                  optionalQuantity(json, "l1BaseFeeScalar"),
                  optionalQuantity(json, "l1BlobBaseFeeScalar"),
                  optionalQuantity(json, "operatorFeeScalar"),
                  optionalQuantity(json, "operatorFeeConstant")));
    }
    return new RpcReceipt(
        receipt,
        hash(json, "transactionHash"),
        quantity(json, "transactionIndex"),
        hash(json, "blockHash"),
        quantity(json, "blockNumber"),
        address(json, "from"),
        optionalAddress(json, "to"),
        quantity(json, "gasUsed"),
        uint256(json, "effectiveGasPrice"),
        optionalAddress(json, "contractAddress"),
        firstLogIndex,
        optionalQuantity(json, "blobGasUsed"),
        optionalUInt256(json, "blobGasPrice"),
        l1Fee);
  }

  static Receipt readReceipt(JsonNode json) {
    JsonValues.requireObject(json, "a receipt");
    return readReceiptFields(json, JsonValues.list(json, "logs", ReceiptJson::readLog));
  }

  private static Receipt readReceiptFields(JsonNode json, List<Log> logs) {
    long typeValue = has(json, "type") ? quantity(json, "type") : 0;
    TransactionType type =
        TransactionType.of(typeValue)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "receipt type 0x" + Long.toHexString(typeValue) + " is not supported"));
    Receipt.Outcome outcome;
    if (has(json, "root")) {
      outcome = new Receipt.PostState(hash(json, "root"));
    } else {
      long status = quantity(json, "status");
      if (Long.compareUnsigned(status, 1) > 0) {
        throw new IllegalArgumentException("field 'status' must be 0x0 or 0x1");
      }
      outcome = new Receipt.Status(status == 1);
    }
    LogsBloom bloom = JsonValues.bloom(json, "logsBloom");
    OptionalLong depositNonce = optionalQuantity(json, "depositNonce");
    OptionalLong depositReceiptVersion = optionalQuantity(json, "depositReceiptVersion");
    try {
      return new Receipt(
          type,
          outcome,
          quantity(json, "cumulativeGasUsed"),
          bloom,
          logs,
          depositNonce,
          depositReceiptVersion);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid receipt: " + e.getMessage(), e);
    }
  }

  static RpcLog readRpcLog(JsonNode json) {
    JsonValues.requireObject(json, "a log");
    return new RpcLog(
        readLog(json),
        quantity(json, "blockNumber"),
        hash(json, "transactionHash"),
        quantity(json, "transactionIndex"),
        hash(json, "blockHash"),
        quantity(json, "logIndex"),
        has(json, "removed") && JsonValues.bool(json, "removed"),
        optionalQuantity(json, "blockTimestamp"));
  }

  static Log readLog(JsonNode json) {
    JsonValues.requireObject(json, "a log");
    List<Hash> topics = JsonValues.list(json, "topics", JsonValues::hashElement);
    if (topics.size() > 4) {
      throw new IllegalArgumentException("a log has at most 4 topics");
    }
    return new Log(address(json, "address"), topics, JsonValues.data(json, "data"));
  }
}
