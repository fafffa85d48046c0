package io.merapi.execution.api.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ArgFields;
import io.merapi.types.json.Json;
import io.merapi.types.transaction.AccessList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The transaction-shaped argument of {@code eth_call}, {@code eth_estimateGas}, {@code
 * eth_createAccessList} and {@code debug_traceCall} (geth's {@code TransactionArgs}): every field
 * optional, filled with defaults by {@link #toMessage}.
 */
public record CallArgs(
    Optional<Address> from,
    Optional<Address> to,
    OptionalLong gas,
    Optional<UInt256> gasPrice,
    Optional<UInt256> maxFeePerGas,
    Optional<UInt256> maxPriorityFeePerGas,
    Optional<UInt256> value,
    OptionalLong nonce,
    Optional<Bytes> input,
    Optional<AccessList> accessList,
    Optional<UInt256> chainId,
    Optional<UInt256> maxFeePerBlobGas,
    Optional<List<Hash>> blobVersionedHashes) {

  private static final String OBJECT = "transaction";

  /**
   * Reads the argument.
   *
   * @throws IllegalArgumentException with a message in geth's words
   */
  public static CallArgs parse(JsonNode node) {
    ArgFields f = ArgFields.of(node, OBJECT);
    Optional<Bytes> data = f.bytes("data");
    Optional<Bytes> input = f.bytes("input");
    if (data.isPresent() && input.isPresent() && !data.get().equals(input.get())) {
      throw new IllegalArgumentException(
          "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass"
              + " transaction call data");
    }
    Optional<AccessList> accessList = Optional.empty();
    if (f.has("accessList")) {
      try {
        accessList =
            Optional.of(Json.mapper().treeToValue(node.get("accessList"), AccessList.class));
      } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
        throw f.problem(
            "accessList", "not an access list (an array of {address, storageKeys} objects)");
      }
    }
    return new CallArgs(
        f.address("from"),
        f.address("to"),
        f.uint64("gas"),
        f.big("gasPrice"),
        f.big("maxFeePerGas"),
        f.big("maxPriorityFeePerGas"),
        f.big("value"),
        f.uint64("nonce"),
        input.or(() -> data),
        accessList,
        f.big("chainId"),
        f.big("maxFeePerBlobGas"),
        f.hashes("blobVersionedHashes"));
  }

  /** The sender: {@code from}, or the zero address as geth assumes. */
  public Address sender() {
    return from.orElse(Address.ZERO);
  }

  public CallArgs withGas(long gasLimit) {
    return new CallArgs(
        from,
        to,
        OptionalLong.of(gasLimit),
        gasPrice,
        maxFeePerGas,
        maxPriorityFeePerGas,
        value,
        nonce,
        input,
        accessList,
        chainId,
        maxFeePerBlobGas,
        blobVersionedHashes);
  }

  public CallArgs withAccessList(AccessList list) {
    return new CallArgs(
        from,
        to,
        gas,
        gasPrice,
        maxFeePerGas,
        maxPriorityFeePerGas,
        value,
        nonce,
        input,
        Optional.of(list),
        chainId,
        maxFeePerBlobGas,
        blobVersionedHashes);
  }

  public CallArgs withFees(UInt256 feeCap, UInt256 tipCap) {
    return new CallArgs(
        from,
        to,
        gas,
        gasPrice,
        Optional.of(feeCap),
        Optional.of(tipCap),
        value,
        nonce,
        input,
        accessList,
        chainId,
        maxFeePerBlobGas,
        blobVersionedHashes);
  }

  public CallArgs withGasPrice(UInt256 price) {
    return new CallArgs(
        from,
        to,
        gas,
        Optional.of(price),
        maxFeePerGas,
        maxPriorityFeePerGas,
        value,
        nonce,
        input,
        accessList,
        chainId,
        maxFeePerBlobGas,
        blobVersionedHashes);
  }

  public CallArgs withNonce(long value) {
    return new CallArgs(
        from,
        to,
        gas,
        gasPrice,
        maxFeePerGas,
        maxPriorityFeePerGas,
        this.value,
        OptionalLong.of(value),
        input,
        accessList,
        chainId,
        maxFeePerBlobGas,
        blobVersionedHashes);
  }

  /**
   * The message to execute (geth {@code CallDefaults} then {@code ToMessage}): gas defaults to
   * {@code gasCap} (or half of 2^64 without a cap) and is capped by it; fees default to zero; with
   * a base fee, a legacy {@code gasPrice} stands for both caps and otherwise the price paid is
   * {@code min(tip + baseFee, feeCap)}.
   *
   * @throws CallException for contradictory fee fields or a foreign chain id
   */
  public CallMessage toMessage(long gasCap, Optional<UInt256> baseFee, long chainId) {
    if (gasPrice.isPresent() && (maxFeePerGas.isPresent() || maxPriorityFeePerGas.isPresent())) {
      throw new CallException("both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    }
    if (this.chainId.isPresent() && !this.chainId.get().equals(UInt256.valueOf(chainId))) {
      throw new CallException(
          "chainId does not match node's (have="
              + this.chainId.get().toDecimalString()
              + ", want="
              + chainId
              + ")");
    }
    long gasLimit;
    if (gas.isEmpty()) {
      gasLimit = gasCap != 0 ? gasCap : Long.MAX_VALUE;
    } else {
      gasLimit = gas.getAsLong();
      if (gasCap != 0 && Long.compareUnsigned(gasCap, gasLimit) < 0) {
        gasLimit = gasCap;
      }
    }
    UInt256 price;
    UInt256 feeCap;
    UInt256 tipCap;
    if (baseFee.isEmpty() || gasPrice.isPresent()) {
      price = gasPrice.orElse(UInt256.ZERO);
      feeCap = price;
      tipCap = price;
    } else {
      feeCap = maxFeePerGas.orElse(UInt256.ZERO);
      tipCap = maxPriorityFeePerGas.orElse(UInt256.ZERO);
      price =
          feeCap.isZero() && tipCap.isZero() ? UInt256.ZERO : tipCap.add(baseFee.get()).min(feeCap);
    }
    Optional<UInt256> blobFeeCap =
        maxFeePerBlobGas.or(
            () -> blobVersionedHashes.isPresent() ? Optional.of(UInt256.ZERO) : Optional.empty());
    return new CallMessage(
        sender(),
        to,
        gasLimit,
        price,
        feeCap,
        tipCap,
        value.orElse(UInt256.ZERO),
        nonce.orElse(0),
        input.orElse(Bytes.EMPTY),
        accessList.orElse(AccessList.EMPTY),
        blobFeeCap,
        blobVersionedHashes.orElse(List.of()));
  }
}
