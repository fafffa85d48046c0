package io.merapi.types.json;

import static io.merapi.types.json.JsonValues.address;
import static io.merapi.types.json.JsonValues.data;
import static io.merapi.types.json.JsonValues.has;
import static io.merapi.types.json.JsonValues.hash;
import static io.merapi.types.json.JsonValues.optionalAddress;
import static io.merapi.types.json.JsonValues.optionalQuantity;
import static io.merapi.types.json.JsonValues.optionalUInt256;
import static io.merapi.types.json.JsonValues.quantity;
import static io.merapi.types.json.JsonValues.required;
import static io.merapi.types.json.JsonValues.uint256;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.AccessListTransaction;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SetCodeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Transactions in the JSON-RPC shape of geth and op-geth ({@code RPCTransaction}): common fields
 * for every type, {@code accessList}, {@code chainId}, {@code yParity} for typed transactions, the
 * fee caps from EIP-1559, blob fields, {@code authorizationList} (EIP-7702), and for deposits
 * {@code sourceHash}, {@code mint} (also when zero, as op-geth prints it), {@code isSystemTx} (only
 * when true) and {@code depositReceiptVersion}, with {@code nonce} the receipt's deposit nonce.
 */
final class TransactionJson {
  private TransactionJson() {}

  static void write(JsonGenerator out, RpcTransaction rpc) throws IOException {
    Transaction tx = rpc.transaction();
    out.writeStartObject();
    if (rpc.inclusion().isPresent()) {
      RpcTransaction.Inclusion at = rpc.inclusion().get();
      JsonValues.hash(out, "blockHash", at.blockHash());
      JsonValues.quantity(out, "blockNumber", at.blockNumber());
    } else {
      out.writeNullField("blockHash");
      out.writeNullField("blockNumber");
    }
    JsonValues.address(out, "from", senderOrZero(tx));
    JsonValues.quantity(out, "gas", tx.gasLimit());
    boolean feeMarket = RpcTransaction.paysEffectivePrice(tx.type());
    UInt256 gasPrice =
        feeMarket ? rpc.effectiveGasPrice().orElse(tx.maxFeePerGas()) : tx.maxFeePerGas();
    JsonValues.quantity(out, "gasPrice", gasPrice);
    if (feeMarket) {
      JsonValues.quantity(out, "maxFeePerGas", tx.maxFeePerGas());
      JsonValues.quantity(out, "maxPriorityFeePerGas", tx.maxPriorityFeePerGas());
    }
    if (tx.maxFeePerBlobGas().isPresent()) {
      JsonValues.quantity(out, "maxFeePerBlobGas", tx.maxFeePerBlobGas().get());
    }
    JsonValues.hash(out, "hash", tx.hash());
    JsonValues.data(out, "input", tx.data());
    long nonce = tx instanceof DepositTransaction ? rpc.depositNonce().orElse(0) : tx.nonce();
    JsonValues.quantity(out, "nonce", nonce);
    JsonValues.optionalAddress(out, "to", tx.to());
    if (rpc.inclusion().isPresent()) {
      JsonValues.quantity(out, "transactionIndex", rpc.inclusion().get().transactionIndex());
    } else {
      out.writeNullField("transactionIndex");
    }
    JsonValues.quantity(out, "value", tx.value());
    JsonValues.quantity(out, "type", tx.type().value());
    switch (tx) {
      case SignedTransaction signed -> writeSigned(out, signed);
      case DepositTransaction deposit -> writeDeposit(out, deposit, rpc);
    }
    out.writeEndObject();
  }

  /** geth prints the zero address when a signature does not recover; so do we. */
  private static Address senderOrZero(Transaction tx) {
    try {
      return tx.sender();
    } catch (InvalidTransactionException e) {
      return Address.ZERO;
    }
  }

  private static void writeSigned(JsonGenerator out, SignedTransaction tx) throws IOException {
    if (tx.type() != TransactionType.LEGACY) {
      out.writeFieldName("accessList");
      writeAccessList(out, tx.accessList());
    }
    if (tx.chainId().isPresent()) {
      JsonValues.quantity(out, "chainId", tx.chainId().getAsLong());
    }
    if (tx instanceof BlobTransaction blob) {
      JsonValues.hashes(out, "blobVersionedHashes", blob.blobVersionedHashes());
    }
    if (tx instanceof SetCodeTransaction setCode) {
      out.writeArrayFieldStart("authorizationList");
      for (Authorization authorization : setCode.authorizationList()) {
        writeAuthorization(out, authorization);
      }
      out.writeEndArray();
    }
    JsonValues.quantity(out, "v", tx.v());
    JsonValues.quantity(out, "r", tx.r());
    JsonValues.quantity(out, "s", tx.s());
    if (tx.type() != TransactionType.LEGACY) {
      JsonValues.quantity(out, "yParity", tx.v());
    }
    if (tx instanceof BlobTransaction blob && blob.sidecar().isPresent()) {
      BlobSidecar sidecar = blob.sidecar().get();
      JsonValues.dataList(out, "blobs", sidecar.blobs());
      JsonValues.dataList(out, "commitments", sidecar.commitments());
      JsonValues.dataList(out, "proofs", sidecar.proofs());
    }
  }

  private static void writeDeposit(JsonGenerator out, DepositTransaction tx, RpcTransaction rpc)
      throws IOException {
    out.writeStringField("v", "0x0");
    out.writeStringField("r", "0x0");
    out.writeStringField("s", "0x0");
    JsonValues.hash(out, "sourceHash", tx.sourceHash());
    // op-geth prints mint always: its RLP decoder reads an absent (empty) mint as zero.
    JsonValues.quantity(out, "mint", tx.mint());
    if (tx.isSystemTx()) {
      out.writeBooleanField("isSystemTx", true);
    }
    if (rpc.depositReceiptVersion().isPresent()) {
      JsonValues.quantity(out, "depositReceiptVersion", rpc.depositReceiptVersion().getAsLong());
    }
  }

  static void writeAccessList(JsonGenerator out, AccessList accessList) throws IOException {
    out.writeStartArray();
    for (AccessList.Entry entry : accessList.entries()) {
      out.writeStartObject();
      JsonValues.address(out, "address", entry.address());
      JsonValues.hashes(out, "storageKeys", entry.storageKeys());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  static void writeAuthorization(JsonGenerator out, Authorization authorization)
      throws IOException {
    out.writeStartObject();
    JsonValues.quantity(out, "chainId", authorization.chainId());
    JsonValues.address(out, "address", authorization.address());
    JsonValues.quantity(out, "nonce", authorization.nonce());
    JsonValues.quantity(out, "yParity", authorization.yParity());
    JsonValues.quantity(out, "r", authorization.r());
    JsonValues.quantity(out, "s", authorization.s());
    out.writeEndObject();
  }

  // ---- reading

  static RpcTransaction read(JsonNode json) {
    JsonValues.requireObject(json, "a transaction");
    long typeValue = has(json, "type") ? quantity(json, "type") : 0;
    TransactionType type =
        TransactionType.of(typeValue)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "transaction type 0x" + Long.toHexString(typeValue) + " is not supported"));
    Transaction tx =
        switch (type) {
          case LEGACY -> readLegacy(json);
          case ACCESS_LIST -> readAccessListTx(json);
          case DYNAMIC_FEE -> readDynamicFee(json);
          case BLOB -> readBlob(json);
          case SET_CODE -> readSetCode(json);
          case DEPOSIT -> readDeposit(json);
        };
    if (has(json, "hash") && !hash(json, "hash").equals(tx.hash())) {
      throw new IllegalArgumentException(
          "field 'hash' is " + hash(json, "hash") + " but the transaction hashes to " + tx.hash());
    }
    Optional<RpcTransaction.Inclusion> inclusion = Optional.empty();
    if (has(json, "blockHash")) {
      inclusion =
          Optional.of(
              new RpcTransaction.Inclusion(
                  hash(json, "blockHash"),
                  quantity(json, "blockNumber"),
                  quantity(json, "transactionIndex")));
    }
    Optional<UInt256> effectiveGasPrice =
        inclusion.isPresent() && RpcTransaction.paysEffectivePrice(type)
            ? Optional.of(uint256(json, "gasPrice"))
            : Optional.empty();
    OptionalLong depositNonce = OptionalLong.empty();
    OptionalLong depositReceiptVersion = OptionalLong.empty();
    if (type == TransactionType.DEPOSIT) {
      depositNonce = optionalQuantity(json, "nonce");
      depositReceiptVersion = optionalQuantity(json, "depositReceiptVersion");
    }
    return new RpcTransaction(
        tx, inclusion, effectiveGasPrice, depositNonce, depositReceiptVersion);
  }

  private static LegacyTransaction readLegacy(JsonNode json) {
    LegacyTransaction tx =
        new LegacyTransaction(
            quantity(json, "nonce"),
            uint256(json, "gasPrice"),
            quantity(json, "gas"),
            optionalAddress(json, "to"),
            uint256(json, "value"),
            data(json, "input"),
            uint256(json, "v"),
            uint256(json, "r"),
            uint256(json, "s"));
    if (has(json, "chainId")) {
      long chainId = quantity(json, "chainId");
      if (tx.chainId().isPresent() && tx.chainId().getAsLong() != chainId) {
        throw new IllegalArgumentException(
            "field 'chainId' is " + chainId + " but v encodes " + tx.chainId().getAsLong());
      }
    }
    return tx;
  }

  private static AccessListTransaction readAccessListTx(JsonNode json) {
    return new AccessListTransaction(
        quantity(json, "chainId"),
        quantity(json, "nonce"),
        uint256(json, "gasPrice"),
        quantity(json, "gas"),
        optionalAddress(json, "to"),
        uint256(json, "value"),
        data(json, "input"),
        readOptionalAccessList(json),
        yParity(json),
        uint256(json, "r"),
        uint256(json, "s"));
  }

  private static DynamicFeeTransaction readDynamicFee(JsonNode json) {
    return new DynamicFeeTransaction(
        quantity(json, "chainId"),
        quantity(json, "nonce"),
        uint256(json, "maxPriorityFeePerGas"),
        uint256(json, "maxFeePerGas"),
        quantity(json, "gas"),
        optionalAddress(json, "to"),
        uint256(json, "value"),
        data(json, "input"),
        readOptionalAccessList(json),
        yParity(json),
        uint256(json, "r"),
        uint256(json, "s"));
  }

  private static BlobTransaction readBlob(JsonNode json) {
    Optional<BlobSidecar> sidecar = Optional.empty();
    if (has(json, "blobs")) {
      List<Bytes> blobs = JsonValues.list(json, "blobs", JsonValues::dataElement);
      List<Bytes> commitments = JsonValues.list(json, "commitments", JsonValues::dataElement);
      List<Bytes> proofs = JsonValues.list(json, "proofs", JsonValues::dataElement);
      int version = proofs.size() == blobs.size() ? 0 : 1;
      sidecar = Optional.of(new BlobSidecar(version, blobs, commitments, proofs));
    }
    return new BlobTransaction(
        quantity(json, "chainId"),
        quantity(json, "nonce"),
        uint256(json, "maxPriorityFeePerGas"),
        uint256(json, "maxFeePerGas"),
        quantity(json, "gas"),
        address(json, "to"),
        uint256(json, "value"),
        data(json, "input"),
        readOptionalAccessList(json),
        uint256(json, "maxFeePerBlobGas"),
        JsonValues.list(json, "blobVersionedHashes", JsonValues::hashElement),
        yParity(json),
        uint256(json, "r"),
        uint256(json, "s"),
        sidecar);
  }

  private static SetCodeTransaction readSetCode(JsonNode json) {
    return new SetCodeTransaction(
        quantity(json, "chainId"),
        quantity(json, "nonce"),
        uint256(json, "maxPriorityFeePerGas"),
        uint256(json, "maxFeePerGas"),
        quantity(json, "gas"),
        address(json, "to"),
        uint256(json, "value"),
        data(json, "input"),
        readOptionalAccessList(json),
        JsonValues.list(json, "authorizationList", TransactionJson::readAuthorization),
        yParity(json),
        uint256(json, "r"),
        uint256(json, "s"));
  }

  private static DepositTransaction readDeposit(JsonNode json) {
    for (String field : List.of("accessList", "maxFeePerGas", "maxPriorityFeePerGas")) {
      if (has(json, field)) {
        throw new IllegalArgumentException("a deposit transaction has no '" + field + "'");
      }
    }
    for (String field : List.of("gasPrice", "v", "r", "s")) {
      if (has(json, field) && !uint256(json, field).isZero()) {
        throw new IllegalArgumentException("a deposit transaction's '" + field + "' must be 0");
      }
    }
    return new DepositTransaction(
        hash(json, "sourceHash"),
        address(json, "from"),
        optionalAddress(json, "to"),
        optionalUInt256(json, "mint").orElse(UInt256.ZERO),
        uint256(json, "value"),
        quantity(json, "gas"),
        has(json, "isSystemTx") && JsonValues.bool(json, "isSystemTx"),
        data(json, "input"));
  }

  /**
   * {@code yParity}, or {@code v} for older clients; if both are given they must agree (as in
   * geth).
   */
  private static UInt256 yParity(JsonNode json) {
    if (has(json, "yParity")) {
      UInt256 yParity = uint256(json, "yParity");
      if (yParity.compareTo(1) > 0) {
        throw new IllegalArgumentException("field 'yParity' must be 0 or 1");
      }
      if (has(json, "v") && !uint256(json, "v").equals(yParity)) {
        throw new IllegalArgumentException("fields 'v' and 'yParity' disagree");
      }
      return yParity;
    }
    return uint256(json, "v");
  }

  private static AccessList readOptionalAccessList(JsonNode json) {
    return has(json, "accessList")
        ? readAccessList(required(json, "accessList"))
        : AccessList.EMPTY;
  }

  static AccessList readAccessList(JsonNode json) {
    if (!json.isArray()) {
      throw new IllegalArgumentException("an access list must be an array");
    }
    List<AccessList.Entry> entries = new ArrayList<>();
    for (JsonNode entry : json) {
      JsonValues.requireObject(entry, "an access list entry");
      entries.add(
          new AccessList.Entry(
              address(entry, "address"),
              JsonValues.list(entry, "storageKeys", JsonValues::hashElement)));
    }
    return new AccessList(entries);
  }

  static Authorization readAuthorization(JsonNode json) {
    JsonValues.requireObject(json, "an authorization");
    long yParity = quantity(json, "yParity");
    if (Long.compareUnsigned(yParity, 0xff) > 0) {
      throw new IllegalArgumentException("field 'yParity' of an authorization is a uint8");
    }
    return new Authorization(
        uint256(json, "chainId"),
        address(json, "address"),
        quantity(json, "nonce"),
        (int) yParity,
        uint256(json, "r"),
        uint256(json, "s"));
  }
}
