package io.merapi.service.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig.BlockId;
import java.math.BigInteger;

/**
 * Reads op-node's RPC result shapes (the node module's {@code RollupJson} writes them): numbers are
 * plain JSON numbers holding uint64 values, hashes {@code 0x} hex. A missing or malformed field is
 * an {@link IllegalArgumentException} naming its path.
 */
public final class RollupJsonReader {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private RollupJsonReader() {}

  public static SyncStatus syncStatus(JsonNode node) {
    return new SyncStatus(
        l1BlockRef(field(node, "current_l1", "syncStatus"), "current_l1"),
        l1BlockRef(field(node, "current_l1_finalized", "syncStatus"), "current_l1_finalized"),
        l1BlockRef(field(node, "head_l1", "syncStatus"), "head_l1"),
        l1BlockRef(field(node, "safe_l1", "syncStatus"), "safe_l1"),
        l1BlockRef(field(node, "finalized_l1", "syncStatus"), "finalized_l1"),
        l2BlockRef(field(node, "unsafe_l2", "syncStatus"), "unsafe_l2"),
        l2BlockRef(field(node, "safe_l2", "syncStatus"), "safe_l2"),
        l2BlockRef(field(node, "finalized_l2", "syncStatus"), "finalized_l2"),
        l2BlockRef(field(node, "pending_safe_l2", "syncStatus"), "pending_safe_l2"));
  }

  public static OutputResponse outputResponse(JsonNode node) {
    return new OutputResponse(
        hash(node, "version", "output"),
        hash(node, "outputRoot", "output"),
        l2BlockRef(field(node, "blockRef", "output"), "blockRef"),
        hash(node, "withdrawalStorageRoot", "output"),
        hash(node, "stateRoot", "output"),
        syncStatus(field(node, "syncStatus", "output")));
  }

  static L1BlockRef l1BlockRef(JsonNode node, String path) {
    return new L1BlockRef(
        hash(node, "hash", path),
        uint64(node, "number", path),
        hash(node, "parentHash", path),
        uint64(node, "timestamp", path));
  }

  static L2BlockRef l2BlockRef(JsonNode node, String path) {
    JsonNode origin = field(node, "l1origin", path);
    return new L2BlockRef(
        hash(node, "hash", path),
        uint64(node, "number", path),
        hash(node, "parentHash", path),
        uint64(node, "timestamp", path),
        new BlockId(hash(origin, "hash", path + ".l1origin"), uint64(origin, "number", path)),
        uint64(node, "sequenceNumber", path));
  }

  private static JsonNode field(JsonNode node, String name, String path) {
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing " + path + "." + name);
    }
    return value;
  }

  private static Hash hash(JsonNode node, String name, String path) {
    JsonNode value = field(node, name, path);
    try {
      return Hash.fromHex(value.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + name + " is not a 32-byte hash: " + value);
    }
  }

  /** A uint64 as Go writes it (a decimal JSON number), held in a long. */
  private static long uint64(JsonNode node, String name, String path) {
    JsonNode value = field(node, name, path);
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(path + "." + name + " is not a number: " + value);
    }
    BigInteger number = value.bigIntegerValue();
    if (number.signum() < 0 || number.compareTo(TWO_64) >= 0) {
      throw new IllegalArgumentException(path + "." + name + " is not a uint64: " + value);
    }
    return number.longValue();
  }
}
