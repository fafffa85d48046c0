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
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code ExecutionPayloadV1..V3} (execution-apis {@code paris.md}, {@code shanghai.md}, {@code
 * cancun.md}): a block as the consensus layer carries it. {@code withdrawals} is present from V2,
 * {@code blobGasUsed} and {@code excessBlobGas} from V3; the parent beacon block root travels
 * beside the payload ({@code engine_newPayloadV3}'s third argument).
 */
public record ExecutionPayload(
    Hash parentHash,
    Address feeRecipient,
    Hash stateRoot,
    Hash receiptsRoot,
    Bytes logsBloom,
    Hash prevRandao,
    long blockNumber,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    UInt256 baseFeePerGas,
    Hash blockHash,
    List<Bytes> transactions,
    Optional<List<Withdrawal>> withdrawals,
    OptionalLong blobGasUsed,
    OptionalLong excessBlobGas) {

  /** The length of {@code logsBloom}: 2048 bits. */
  public static final int LOGS_BLOOM_LENGTH = 256;

  public ExecutionPayload {
    transactions = List.copyOf(transactions);
    withdrawals = withdrawals.map(List::copyOf);
  }

  /** The payload of a stored or built block. */
  public static ExecutionPayload of(Block block, Hash blockHash) {
    Header h = block.header();
    List<Bytes> txs = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      txs.add(Bytes.wrap(tx.encoded()));
    }
    return new ExecutionPayload(
        h.parentHash(),
        h.coinbase(),
        h.stateRoot(),
        h.receiptsRoot(),
        Bytes.wrap(h.logsBloom().toArray()),
        h.mixHash(),
        h.number(),
        h.gasLimit(),
        h.gasUsed(),
        h.timestamp(),
        h.extraData(),
        h.baseFeePerGas().orElse(UInt256.ZERO),
        blockHash,
        txs,
        block.withdrawals(),
        h.blobGasUsed(),
        h.excessBlobGas());
  }

  /**
   * The blob versioned hashes of the payload's transactions in order (EIP-4844), which {@code
   * engine_newPayloadV3} compares with its expected list.
   */
  public static List<Hash> blobVersionedHashes(Block block) {
    List<Hash> hashes = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      hashes.addAll(tx.blobVersionedHashes());
    }
    return hashes;
  }

  /**
   * The {@code ExecutionPayloadV1..V3} JSON object, fields in the spec's order; {@code
   * withdrawals}, {@code blobGasUsed} and {@code excessBlobGas} only when present.
   */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("parentHash", parentHash.toHex());
    out.put("feeRecipient", feeRecipient.toHex());
    out.put("stateRoot", stateRoot.toHex());
    out.put("receiptsRoot", receiptsRoot.toHex());
    out.put("logsBloom", logsBloom.toHex());
    out.put("prevRandao", prevRandao.toHex());
    out.put("blockNumber", Hex.quantity(blockNumber));
    out.put("gasLimit", Hex.quantity(gasLimit));
    out.put("gasUsed", Hex.quantity(gasUsed));
    out.put("timestamp", Hex.quantity(timestamp));
    out.put("extraData", extraData.toHex());
    out.put("baseFeePerGas", baseFeePerGas.toQuantity());
    out.put("blockHash", blockHash.toHex());
    ArrayNode txs = out.putArray("transactions");
    transactions.forEach(tx -> txs.add(tx.toHex()));
    EngineJsonFields.putWithdrawals(out, "withdrawals", withdrawals);
    blobGasUsed.ifPresent(v -> out.put("blobGasUsed", Hex.quantity(v)));
    excessBlobGas.ifPresent(v -> out.put("excessBlobGas", Hex.quantity(v)));
    return out;
  }

  /**
   * Reads an {@code ExecutionPayloadV1..V3} object; a field given as JSON null counts as absent.
   * Fields this record does not have are ignored, except Isthmus's {@code withdrawalsRoot}
   * (op-geth's {@code ExecutionPayloadV4}), which is refused rather than dropped.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static ExecutionPayload fromJson(JsonNode json) {
    EngineJsonFields f = new EngineJsonFields(json, "execution payload");
    if (f.present("withdrawalsRoot")) {
      throw f.error("withdrawalsRoot", "Isthmus payloads are not supported yet");
    }
    return new ExecutionPayload(
        Hash.wrap(f.bytes("parentHash", Hash.LENGTH)),
        Address.wrap(f.bytes("feeRecipient", Address.LENGTH)),
        Hash.wrap(f.bytes("stateRoot", Hash.LENGTH)),
        Hash.wrap(f.bytes("receiptsRoot", Hash.LENGTH)),
        Bytes.wrap(f.bytes("logsBloom", LOGS_BLOOM_LENGTH)),
        Hash.wrap(f.bytes("prevRandao", Hash.LENGTH)),
        f.quantity("blockNumber"),
        f.quantity("gasLimit"),
        f.quantity("gasUsed"),
        f.quantity("timestamp"),
        Bytes.wrap(f.bytes("extraData", -1)),
        f.bigQuantity("baseFeePerGas"),
        Hash.wrap(f.bytes("blockHash", Hash.LENGTH)),
        f.dataList("transactions"),
        f.present("withdrawals") ? Optional.of(f.withdrawals("withdrawals")) : Optional.empty(),
        f.present("blobGasUsed")
            ? OptionalLong.of(f.quantity("blobGasUsed"))
            : OptionalLong.empty(),
        f.present("excessBlobGas")
            ? OptionalLong.of(f.quantity("excessBlobGas"))
            : OptionalLong.empty());
  }
}
