package io.merapi.execution.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcException;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import io.merapi.types.transaction.BlobSidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Engine API's JSON structures, read strictly (a field given as {@code null} counts as absent,
 * as cancun.md says; a required field missing or a value of the wrong form is -32602 invalid
 * params) and written with the spec's field names, quantities in minimal hex.
 */
final class EngineJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EngineJson() {}

  // ---- reading ----

  /** Reads one object-valued argument with field access that reports the argument's index. */
  static final class Reader {
    private final JsonNode node;
    private final int argument;
    private final String structure;

    Reader(JsonNode node, int argument, String structure) {
      if (!node.isObject()) {
        throw Params.invalid(argument, structure + " must be an object");
      }
      this.node = node;
      this.argument = argument;
      this.structure = structure;
    }

    boolean has(String field) {
      JsonNode value = node.get(field);
      return value != null && !value.isNull();
    }

    private JsonNode required(String field) {
      if (!has(field)) {
        throw Params.invalid(argument, "missing required field '" + field + "' for " + structure);
      }
      return node.get(field);
    }

    private String text(String field, JsonNode value) {
      if (!value.isTextual()) {
        throw bad(field, "expected a hex string");
      }
      return value.textValue();
    }

    RpcException bad(String field, String why) {
      return Params.invalid(argument, structure + "." + field + ": " + why);
    }

    Hash hash(String field) {
      return Hash.wrap(fixed(field, required(field), Hash.LENGTH));
    }

    Optional<Hash> optionalHash(String field) {
      return has(field)
          ? Optional.of(Hash.wrap(fixed(field, node.get(field), Hash.LENGTH)))
          : Optional.empty();
    }

    Address address(String field) {
      return Address.wrap(fixed(field, required(field), Address.LENGTH));
    }

    Bytes data(String field) {
      return Bytes.wrap(data(field, required(field)));
    }

    Optional<Bytes> optionalData(String field) {
      return has(field) ? Optional.of(Bytes.wrap(data(field, node.get(field)))) : Optional.empty();
    }

    long quantity(String field) {
      return quantity(field, required(field));
    }

    OptionalLong optionalQuantity(String field) {
      return has(field) ? OptionalLong.of(quantity(field, node.get(field))) : OptionalLong.empty();
    }

    UInt256 uint256(String field) {
      String text = text(field, required(field));
      try {
        return UInt256.fromQuantity(text);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw bad(field, e.getMessage());
      }
    }

    Optional<UInt256> optionalUint256(String field) {
      return has(field) ? Optional.of(uint256(field)) : Optional.empty();
    }

    boolean optionalBool(String field) {
      if (!has(field)) {
        return false;
      }
      JsonNode value = node.get(field);
      if (!value.isBoolean()) {
        throw bad(field, "expected a boolean");
      }
      return value.booleanValue();
    }

    List<Bytes> dataList(String field) {
      JsonNode array = required(field);
      return dataList(field, array);
    }

    List<Bytes> optionalDataList(String field) {
      return has(field) ? dataList(field, node.get(field)) : List.of();
    }

    private List<Bytes> dataList(String field, JsonNode array) {
      if (!array.isArray()) {
        throw bad(field, "expected an array");
      }
      List<Bytes> out = new ArrayList<>(array.size());
      for (JsonNode item : array) {
        out.add(Bytes.wrap(data(field, item)));
      }
      return out;
    }

    Optional<List<Withdrawal>> optionalWithdrawals(String field) {
      if (!has(field)) {
        return Optional.empty();
      }
      JsonNode array = node.get(field);
      if (!array.isArray()) {
        throw bad(field, "expected an array");
      }
      List<Withdrawal> out = new ArrayList<>(array.size());
      for (JsonNode item : array) {
        Reader w = new Reader(item, argument, "WithdrawalV1");
        out.add(
            new Withdrawal(
                w.quantity("index"),
                w.quantity("validatorIndex"),
                w.address("address"),
                w.quantity("amount")));
      }
      return Optional.of(out);
    }

    private byte[] data(String field, JsonNode value) {
      String text = text(field, value);
      if (!(text.startsWith("0x") || text.startsWith("0X"))) {
        throw bad(field, "hex string without 0x prefix");
      }
      try {
        return Hex.decode(text);
      } catch (IllegalArgumentException e) {
        throw bad(field, e.getMessage());
      }
    }

    private byte[] fixed(String field, JsonNode value, int length) {
      byte[] bytes = data(field, value);
      if (bytes.length != length) {
        throw bad(field, "hex string has length " + 2 * bytes.length + ", want " + 2 * length);
      }
      return bytes;
    }

    private long quantity(String field, JsonNode value) {
      try {
        return Hex.parseQuantity(text(field, value));
      } catch (IllegalArgumentException e) {
        throw bad(field, e.getMessage());
      }
    }
  }

  static ForkchoiceState forkchoiceState(JsonNode node, int argument) {
    Reader r = new Reader(node, argument, "ForkchoiceStateV1");
    return new ForkchoiceState(
        r.hash("headBlockHash"), r.hash("safeBlockHash"), r.hash("finalizedBlockHash"));
  }

  static PayloadAttributes attributes(JsonNode node, int argument) {
    Reader r = new Reader(node, argument, "PayloadAttributes");
    return new PayloadAttributes(
        r.quantity("timestamp"),
        r.hash("prevRandao"),
        r.address("suggestedFeeRecipient"),
        r.optionalWithdrawals("withdrawals"),
        r.optionalHash("parentBeaconBlockRoot"),
        r.optionalDataList("transactions"),
        r.optionalBool("noTxPool"),
        r.optionalQuantity("gasLimit"),
        r.optionalData("eip1559Params"),
        r.optionalUint256("minBaseFee"));
  }

  static ExecutionPayload payload(JsonNode node, int argument) {
    Reader r = new Reader(node, argument, "ExecutionPayload");
    return new ExecutionPayload(
        r.hash("parentHash"),
        r.address("feeRecipient"),
        r.hash("stateRoot"),
        r.hash("receiptsRoot"),
        r.data("logsBloom"),
        r.hash("prevRandao"),
        r.quantity("blockNumber"),
        r.quantity("gasLimit"),
        r.quantity("gasUsed"),
        r.quantity("timestamp"),
        r.data("extraData"),
        r.uint256("baseFeePerGas"),
        r.hash("blockHash"),
        r.dataList("transactions"),
        r.optionalWithdrawals("withdrawals"),
        r.optionalQuantity("blobGasUsed"),
        r.optionalQuantity("excessBlobGas"));
  }

  static List<Hash> hashes(JsonNode node, int argument) {
    if (!node.isArray()) {
      throw Params.invalid(argument, "expected an array of hashes");
    }
    List<Hash> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw Params.invalid(argument, "expected a hex string");
      }
      try {
        byte[] bytes = Hex.decode(item.textValue());
        if (bytes.length != Hash.LENGTH || !item.textValue().startsWith("0x")) {
          throw Params.invalid(argument, "a versioned hash is 0x and 32 bytes of hex");
        }
        out.add(Hash.wrap(bytes));
      } catch (IllegalArgumentException e) {
        throw Params.invalid(argument, e.getMessage());
      }
    }
    return out;
  }

  // ---- writing ----

  static ObjectNode status(PayloadStatus status) {
    ObjectNode out = NODES.objectNode();
    out.put("status", status.status().name());
    out.put("latestValidHash", status.latestValidHash().map(Hash::toHex).orElse(null));
    out.put("validationError", status.validationError().orElse(null));
    return out;
  }

  static ObjectNode forkchoiceUpdated(ForkchoiceUpdatedResult result) {
    ObjectNode out = NODES.objectNode();
    out.set("payloadStatus", status(result.payloadStatus()));
    out.put("payloadId", result.payloadId().map(PayloadId::toHex).orElse(null));
    return out;
  }

  static ObjectNode payload(ExecutionPayload p) {
    return p.toJson();
  }

  /**
   * The answer of {@code engine_getPayloadV<version>}: the bare payload for V1; for V2 the payload
   * and its {@code blockValue}; for V3 also the {@code blobsBundle} and {@code
   * shouldOverrideBuilder} (always false: no builder heuristics here). OP Stack chains get
   * op-geth's {@code parentBeaconBlockRoot} in the envelope too.
   */
  static JsonNode envelope(BuiltPayload built, int version, boolean optimism) {
    ObjectNode payload = payload(built.executionPayload());
    if (version == 1) {
      return payload;
    }
    ObjectNode out = NODES.objectNode();
    out.set("executionPayload", payload);
    out.put("blockValue", built.blockValue().toQuantity());
    if (version >= 3) {
      ObjectNode bundle = out.putObject("blobsBundle");
      ArrayNode commitments = bundle.putArray("commitments");
      ArrayNode proofs = bundle.putArray("proofs");
      ArrayNode blobs = bundle.putArray("blobs");
      for (BlobSidecar sidecar : built.sidecars()) {
        sidecar.commitments().forEach(c -> commitments.add(c.toHex()));
        sidecar.proofs().forEach(p -> proofs.add(p.toHex()));
        sidecar.blobs().forEach(b -> blobs.add(b.toHex()));
      }
      out.put("shouldOverrideBuilder", false);
      if (optimism) {
        built
            .sealed()
            .block()
            .header()
            .parentBeaconBlockRoot()
            .ifPresent(root -> out.put("parentBeaconBlockRoot", root.toHex()));
      }
    }
    return out;
  }
}
