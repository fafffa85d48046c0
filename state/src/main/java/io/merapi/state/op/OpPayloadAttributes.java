package io.merapi.state.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Withdrawal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Engine API payload attributes with the OP Stack extensions (specs exec-engine.md "Extended
 * PayloadAttributesV3", holocene/exec-engine.md, jovian/exec-engine.md): the L1 fields ({@code
 * timestamp}, {@code prevRandao}, {@code suggestedFeeRecipient}, {@code withdrawals} from V2,
 * {@code parentBeaconBlockRoot} from V3) and the rollup's {@code transactions} (forced, in order),
 * {@code noTxPool}, {@code gasLimit}, {@code eip1559Params} (Holocene, 8 bytes) and {@code
 * minBaseFee} (Jovian). Values use the JSON-RPC hex encoding.
 */
public record OpPayloadAttributes(
    long timestamp,
    Hash prevRandao,
    Address suggestedFeeRecipient,
    Optional<List<Withdrawal>> withdrawals,
    Optional<Hash> parentBeaconBlockRoot,
    List<Bytes> transactions,
    boolean noTxPool,
    OptionalLong gasLimit,
    Optional<Bytes> eip1559Params,
    Optional<UInt256> minBaseFee) {

  private static final Set<String> FIELDS =
      Set.of(
          "timestamp",
          "prevRandao",
          "suggestedFeeRecipient",
          "withdrawals",
          "parentBeaconBlockRoot",
          "transactions",
          "noTxPool",
          "gasLimit",
          "eip1559Params",
          "minBaseFee");

  public OpPayloadAttributes {
    withdrawals = withdrawals.map(List::copyOf);
    transactions = List.copyOf(transactions);
  }

  /**
   * Reads the JSON object. Unknown fields are refused; every error names its field.
   *
   * @throws IllegalArgumentException if a field is missing, malformed or unknown
   */
  public static OpPayloadAttributes fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("payload attributes must be a JSON object");
    }
    for (var names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw error(name, "unknown field");
      }
    }
    Optional<List<Withdrawal>> withdrawals = Optional.empty();
    if (present(json, "withdrawals")) {
      JsonNode array = json.get("withdrawals");
      if (!array.isArray()) {
        throw error("withdrawals", "must be an array");
      }
      List<Withdrawal> list = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        JsonNode w = array.get(i);
        String prefix = "withdrawals[" + i + "].";
        if (!w.isObject()) {
          throw error("withdrawals[" + i + "]", "must be an object");
        }
        list.add(
            new Withdrawal(
                quantity(w, "index", prefix),
                quantity(w, "validatorIndex", prefix),
                Address.wrap(bytes(w, "address", prefix, Address.LENGTH)),
                quantity(w, "amount", prefix)));
      }
      withdrawals = Optional.of(list);
    }
    List<Bytes> transactions = new ArrayList<>();
    if (present(json, "transactions")) {
      JsonNode array = json.get("transactions");
      if (!array.isArray()) {
        throw error("transactions", "must be an array");
      }
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (!item.isTextual()) {
          throw error("transactions[" + i + "]", "must be a hex string");
        }
        transactions.add(Bytes.wrap(hex(item.asText(), "transactions[" + i + "]")));
      }
    }
    boolean noTxPool = false;
    if (present(json, "noTxPool")) {
      if (!json.get("noTxPool").isBoolean()) {
        throw error("noTxPool", "must be a boolean");
      }
      noTxPool = json.get("noTxPool").asBoolean();
    }
    return new OpPayloadAttributes(
        quantity(json, "timestamp", ""),
        Hash.wrap(bytes(json, "prevRandao", "", Hash.LENGTH)),
        Address.wrap(bytes(json, "suggestedFeeRecipient", "", Address.LENGTH)),
        withdrawals,
        present(json, "parentBeaconBlockRoot")
            ? Optional.of(Hash.wrap(bytes(json, "parentBeaconBlockRoot", "", Hash.LENGTH)))
            : Optional.empty(),
        transactions,
        noTxPool,
        present(json, "gasLimit")
            ? OptionalLong.of(quantity(json, "gasLimit", ""))
            : OptionalLong.empty(),
        present(json, "eip1559Params")
            ? Optional.of(
                Bytes.wrap(bytes(json, "eip1559Params", "", Eip1559Params.ATTRIBUTES_LENGTH)))
            : Optional.empty(),
        present(json, "minBaseFee")
            ? Optional.of(bigQuantity(json, "minBaseFee"))
            : Optional.empty());
  }

  /** The Holocene parameters, validated (8 bytes; zero denominator only with zero elasticity). */
  public Optional<Eip1559Params> holoceneParams() {
    try {
      return eip1559Params.map(Eip1559Params::fromAttributes);
    } catch (IllegalArgumentException e) {
      throw error("eip1559Params", e.getMessage());
    }
  }

  private static boolean present(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value != null && !value.isNull();
  }

  private static long quantity(JsonNode json, String name, String prefix) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull()) {
      throw error(prefix + name, "missing");
    }
    if (!value.isTextual()) {
      throw error(prefix + name, "must be a hex quantity string");
    }
    try {
      return Hex.parseQuantity(value.asText());
    } catch (IllegalArgumentException e) {
      throw error(prefix + name, e.getMessage());
    }
  }

  private static UInt256 bigQuantity(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (!value.isTextual()) {
      throw error(name, "must be a hex quantity string");
    }
    try {
      return UInt256.fromQuantity(value.asText());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(name, e.getMessage());
    }
  }

  private static byte[] bytes(JsonNode json, String name, String prefix, int length) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull()) {
      throw error(prefix + name, "missing");
    }
    if (!value.isTextual()) {
      throw error(prefix + name, "must be a hex string");
    }
    byte[] b = hex(value.asText(), prefix + name);
    if (b.length != length) {
      throw error(prefix + name, "must be " + length + " bytes, found " + b.length);
    }
    return b;
  }

  private static byte[] hex(String text, String field) {
    if (!text.startsWith("0x")) {
      throw error(field, "must start with 0x");
    }
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  private static IllegalArgumentException error(String field, String message) {
    return new IllegalArgumentException("payload attributes field '" + field + "': " + message);
  }
}
