package io.merapi.types.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Withdrawal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The attributes of a block to build, as the Engine API passes them to {@code
 * engine_forkchoiceUpdated} ({@code PayloadAttributesV1..V3}) with the OP Stack extensions (specs
 * exec-engine.md "Extended PayloadAttributesV3", holocene/exec-engine.md, jovian/exec-engine.md).
 * One type for the whole path: the derivation pipeline produces it, the rollup node sends it, the
 * engine builds from it, and stateless execution reads it from a file.
 *
 * <p>The L1 fields: {@code timestamp}, {@code prevRandao}, {@code suggestedFeeRecipient}, {@code
 * withdrawals} (V2, Shanghai) and {@code parentBeaconBlockRoot} (V3, Cancun), empty when not given
 * so that each method version can check which ones it got. The rollup's: {@code transactions}
 * forced into the block first (deposits and upgrades, raw EIP-2718 bytes, in order), {@code
 * noTxPool} to build from those alone, {@code gasLimit}, {@code eip1559Params} (Holocene, 8 bytes)
 * and {@code minBaseFee} (Jovian). On an L1 chain they are empty / false.
 */
public record PayloadAttributes(
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

  /** The length of Holocene's {@code eip1559Params}: denominator and elasticity, two uint32. */
  public static final int EIP1559_PARAMS_LENGTH = 8;

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

  public PayloadAttributes {
    Objects.requireNonNull(prevRandao, "prevRandao");
    Objects.requireNonNull(suggestedFeeRecipient, "suggestedFeeRecipient");
    withdrawals = withdrawals.map(List::copyOf);
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
    transactions = List.copyOf(transactions);
    Objects.requireNonNull(gasLimit, "gasLimit");
    Objects.requireNonNull(eip1559Params, "eip1559Params");
    Objects.requireNonNull(minBaseFee, "minBaseFee");
  }

  /** Plain Ethereum attributes, without the OP Stack fields. */
  public static PayloadAttributes of(
      long timestamp,
      Hash prevRandao,
      Address suggestedFeeRecipient,
      Optional<List<Withdrawal>> withdrawals,
      Optional<Hash> parentBeaconBlockRoot) {
    return new PayloadAttributes(
        timestamp,
        prevRandao,
        suggestedFeeRecipient,
        withdrawals,
        parentBeaconBlockRoot,
        List.of(),
        false,
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether any OP Stack field is used. */
  public boolean hasRollupFields() {
    return !transactions.isEmpty()
        || noTxPool
        || gasLimit.isPresent()
        || eip1559Params.isPresent()
        || minBaseFee.isPresent();
  }

  /**
   * These attributes with {@code transactions} instead (a verifier appends a batch's transactions
   * to the deposits; Holocene retries a block with its deposits only).
   */
  public PayloadAttributes withTransactions(List<Bytes> transactions) {
    return new PayloadAttributes(
        timestamp,
        prevRandao,
        suggestedFeeRecipient,
        withdrawals,
        parentBeaconBlockRoot,
        transactions,
        noTxPool,
        gasLimit,
        eip1559Params,
        minBaseFee);
  }

  /** These attributes with {@code noTxPool} set as given (a sequencer's choice). */
  public PayloadAttributes withNoTxPool(boolean noTxPool) {
    return new PayloadAttributes(
        timestamp,
        prevRandao,
        suggestedFeeRecipient,
        withdrawals,
        parentBeaconBlockRoot,
        transactions,
        noTxPool,
        gasLimit,
        eip1559Params,
        minBaseFee);
  }

  /**
   * The Engine API JSON object: the fields that are present, {@code transactions} when there are
   * some and {@code noTxPool} when true (as op-node omits them otherwise); {@link #fromJson} reads
   * it back equal.
   */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("timestamp", Hex.quantity(timestamp));
    json.put("prevRandao", prevRandao.toHex());
    json.put("suggestedFeeRecipient", suggestedFeeRecipient.toHex());
    EngineJsonFields.putWithdrawals(json, "withdrawals", withdrawals);
    parentBeaconBlockRoot.ifPresent(root -> json.put("parentBeaconBlockRoot", root.toHex()));
    if (!transactions.isEmpty()) {
      ArrayNode array = json.putArray("transactions");
      transactions.forEach(tx -> array.add(tx.toHex()));
    }
    if (noTxPool) {
      json.put("noTxPool", true);
    }
    gasLimit.ifPresent(limit -> json.put("gasLimit", Hex.quantity(limit)));
    eip1559Params.ifPresent(params -> json.put("eip1559Params", params.toHex()));
    minBaseFee.ifPresent(fee -> json.put("minBaseFee", fee.toQuantity()));
    return json;
  }

  /**
   * Reads the JSON object. Unknown fields are refused; every error names its field.
   *
   * @throws IllegalArgumentException if a field is missing, malformed or unknown
   */
  public static PayloadAttributes fromJson(JsonNode json) {
    EngineJsonFields f = new EngineJsonFields(json, "payload attributes");
    for (var names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw f.error(name, "unknown field");
      }
    }
    return new PayloadAttributes(
        f.quantity("timestamp"),
        Hash.wrap(f.bytes("prevRandao", Hash.LENGTH)),
        Address.wrap(f.bytes("suggestedFeeRecipient", Address.LENGTH)),
        f.present("withdrawals") ? Optional.of(f.withdrawals("withdrawals")) : Optional.empty(),
        f.present("parentBeaconBlockRoot")
            ? Optional.of(Hash.wrap(f.bytes("parentBeaconBlockRoot", Hash.LENGTH)))
            : Optional.empty(),
        f.present("transactions") ? f.dataList("transactions") : List.of(),
        f.present("noTxPool") && f.bool("noTxPool"),
        f.present("gasLimit") ? OptionalLong.of(f.quantity("gasLimit")) : OptionalLong.empty(),
        f.present("eip1559Params")
            ? Optional.of(Bytes.wrap(f.bytes("eip1559Params", EIP1559_PARAMS_LENGTH)))
            : Optional.empty(),
        f.present("minBaseFee") ? Optional.of(f.bigQuantity("minBaseFee")) : Optional.empty());
  }
}
