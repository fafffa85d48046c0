package io.merapi.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads op-node's {@code ExecutionPayloadEnvelope} JSON ({@code {executionPayload,
 * parentBeaconBlockRoot}}, the payload in the Engine API's {@code ExecutionPayloadV1..V3} form), as
 * {@code admin_postUnsafePayload} receives it. Strict: a required field missing, a field given as
 * {@code null} where it is required, or a value of the wrong form is an {@link
 * IllegalArgumentException} naming the field. It checks forms only; whether the block is valid is
 * the engine's to say.
 *
 * <p>The execution module has the engine-side reader of the same JSON; this one is the rollup
 * node's default until the two share a home in {@code types}, which is why {@link RollupRpc} takes
 * the decoder as a parameter.
 */
public final class PayloadEnvelopeJson {
  private static final int BLOOM_BYTES = 256;
  private static final int MAX_EXTRA_DATA = 32;

  private PayloadEnvelopeJson() {}

  public static ExecutionPayloadEnvelope decode(JsonNode envelope) {
    Fields outer = new Fields(envelope, "ExecutionPayloadEnvelope");
    Fields p = new Fields(outer.required("executionPayload"), "executionPayload");
    Bytes logsBloom = p.data("logsBloom");
    if (logsBloom.length() != BLOOM_BYTES) {
      throw p.bad("logsBloom", "has " + logsBloom.length() + " bytes, want " + BLOOM_BYTES);
    }
    Bytes extraData = p.data("extraData");
    if (extraData.length() > MAX_EXTRA_DATA) {
      throw p.bad("extraData", "has " + extraData.length() + " bytes, at most 32 allowed");
    }
    ExecutionPayload payload =
        new ExecutionPayload(
            p.hash("parentHash"),
            Address.wrap(p.fixed("feeRecipient", Address.LENGTH)),
            p.hash("stateRoot"),
            p.hash("receiptsRoot"),
            logsBloom,
            p.hash("prevRandao"),
            p.quantity("blockNumber"),
            p.quantity("gasLimit"),
            p.quantity("gasUsed"),
            p.quantity("timestamp"),
            extraData,
            p.uint256("baseFeePerGas"),
            p.hash("blockHash"),
            p.dataList("transactions"),
            p.withdrawals("withdrawals"),
            p.optionalQuantity("blobGasUsed"),
            p.optionalQuantity("excessBlobGas"));
    Optional<Hash> parentBeaconBlockRoot =
        outer.has("parentBeaconBlockRoot")
            ? Optional.of(outer.hash("parentBeaconBlockRoot"))
            : Optional.empty();
    return new ExecutionPayloadEnvelope(payload, parentBeaconBlockRoot);
  }

  /** Field access on one JSON object, with errors that say which field of which structure. */
  private static final class Fields {
    private final JsonNode node;
    private final String structure;

    Fields(JsonNode node, String structure) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(structure + " must be an object");
      }
      this.node = node;
      this.structure = structure;
    }

    boolean has(String field) {
      JsonNode value = node.get(field);
      return value != null && !value.isNull();
    }

    JsonNode required(String field) {
      if (!has(field)) {
        throw new IllegalArgumentException(structure + "." + field + " is missing");
      }
      return node.get(field);
    }

    IllegalArgumentException bad(String field, String why) {
      return new IllegalArgumentException(structure + "." + field + ": " + why);
    }

    private String text(String field, JsonNode value) {
      if (!value.isTextual()) {
        throw bad(field, "expected a hex string");
      }
      return value.textValue();
    }

    private byte[] data(String field, JsonNode value) {
      String text = text(field, value);
      if (!text.startsWith("0x")) {
        throw bad(field, "hex string without 0x prefix");
      }
      try {
        return Hex.decode(text);
      } catch (IllegalArgumentException e) {
        throw bad(field, e.getMessage());
      }
    }

    Bytes data(String field) {
      return Bytes.wrap(data(field, required(field)));
    }

    byte[] fixed(String field, int length) {
      byte[] bytes = data(field, required(field));
      if (bytes.length != length) {
        throw bad(field, "has " + bytes.length + " bytes, want " + length);
      }
      return bytes;
    }

    Hash hash(String field) {
      return Hash.wrap(fixed(field, Hash.LENGTH));
    }

    private long quantity(String field, JsonNode value) {
      String text = text(field, value);
      try {
        return Hex.parseQuantity(text);
      } catch (IllegalArgumentException e) {
        throw bad(field, e.getMessage());
      }
    }

    long quantity(String field) {
      return quantity(field, required(field));
    }

    OptionalLong optionalQuantity(String field) {
      return has(field) ? OptionalLong.of(quantity(field)) : OptionalLong.empty();
    }

    UInt256 uint256(String field) {
      String text = text(field, required(field));
      try {
        return UInt256.fromQuantity(text);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw bad(field, e.getMessage());
      }
    }

    List<Bytes> dataList(String field) {
      JsonNode array = required(field);
      if (!array.isArray()) {
        throw bad(field, "expected an array");
      }
      List<Bytes> out = new ArrayList<>(array.size());
      for (JsonNode item : array) {
        out.add(Bytes.wrap(data(field, item)));
      }
      return out;
    }

    Optional<List<Withdrawal>> withdrawals(String field) {
      if (!has(field)) {
        return Optional.empty();
      }
      JsonNode array = node.get(field);
      if (!array.isArray()) {
        throw bad(field, "expected an array");
      }
      List<Withdrawal> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        Fields w = new Fields(array.get(i), structure + "." + field + "[" + i + "]");
        out.add(
            new Withdrawal(
                w.quantity("index"),
                w.quantity("validatorIndex"),
                Address.wrap(w.fixed("address", Address.LENGTH)),
                w.quantity("amount")));
      }
      return Optional.of(out);
    }
  }
}
