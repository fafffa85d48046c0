package io.merapi.node.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.safedb.SafeHeadEntry;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.rollup.OutputRoot;
import java.math.BigInteger;

/**
 * op-node's RPC result shapes. Block numbers, timestamps and sequence numbers are plain JSON
 * numbers, not hex quantities: op-service's refs declare them {@code uint64}, which Go's encoder
 * writes as decimal numbers. Hashes are lower-case {@code 0x} hex.
 */
public final class RollupJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RollupJson() {}

  /** {@code eth.BlockID}: {@code {hash, number}}. */
  public static ObjectNode blockId(BlockId id) {
    ObjectNode node = NODES.objectNode();
    node.put("hash", hex(id.hash()));
    node.set("number", uint64(id.number()));
    return node;
  }

  /** {@code eth.L1BlockRef}: {@code {hash, number, parentHash, timestamp}}. */
  public static ObjectNode l1BlockRef(L1BlockRef ref) {
    ObjectNode node = NODES.objectNode();
    node.put("hash", hex(ref.hash()));
    node.set("number", uint64(ref.number()));
    node.put("parentHash", hex(ref.parentHash()));
    node.set("timestamp", uint64(ref.time()));
    return node;
  }

  /**
   * {@code eth.L2BlockRef}: {@code {hash, number, parentHash, timestamp, l1origin: {hash, number},
   * sequenceNumber}} ({@code l1origin} all lower case, as op-service spells it).
   */
  public static ObjectNode l2BlockRef(L2BlockRef ref) {
    ObjectNode node = NODES.objectNode();
    node.put("hash", hex(ref.hash()));
    node.set("number", uint64(ref.number()));
    node.put("parentHash", hex(ref.parentHash()));
    node.set("timestamp", uint64(ref.time()));
    node.set("l1origin", blockId(ref.l1Origin()));
    node.set("sequenceNumber", uint64(ref.sequenceNumber()));
    return node;
  }

  /**
   * {@code eth.SyncStatus}. Without interop every unsafe block is cross-unsafe and the safe head is
   * also the local-safe one, so op-node reports {@code cross_unsafe_l2} and {@code local_safe_l2}
   * equal to {@code unsafe_l2} and {@code safe_l2}.
   */
  public static ObjectNode syncStatus(SyncStatus status) {
    ObjectNode node = NODES.objectNode();
    node.set("current_l1", l1BlockRef(status.currentL1()));
    node.set("current_l1_finalized", l1BlockRef(status.currentL1Finalized()));
    node.set("head_l1", l1BlockRef(status.headL1()));
    node.set("safe_l1", l1BlockRef(status.safeL1()));
    node.set("finalized_l1", l1BlockRef(status.finalizedL1()));
    node.set("unsafe_l2", l2BlockRef(status.unsafeL2()));
    node.set("safe_l2", l2BlockRef(status.safeL2()));
    node.set("finalized_l2", l2BlockRef(status.finalizedL2()));
    node.set("pending_safe_l2", l2BlockRef(status.pendingSafeL2()));
    node.set("cross_unsafe_l2", l2BlockRef(status.unsafeL2()));
    node.set("local_safe_l2", l2BlockRef(status.safeL2()));
    return node;
  }

  /**
   * {@code eth.OutputResponse}: {@code {version, outputRoot, blockRef, withdrawalStorageRoot,
   * stateRoot, syncStatus}}.
   */
  public static ObjectNode outputResponse(
      OutputRoot output, L2BlockRef blockRef, SyncStatus status) {
    ObjectNode node = NODES.objectNode();
    node.put("version", hex(OutputRoot.VERSION_0));
    node.put("outputRoot", hex(output.root()));
    node.set("blockRef", l2BlockRef(blockRef));
    node.put("withdrawalStorageRoot", hex(output.withdrawalStorageRoot()));
    node.put("stateRoot", hex(output.stateRoot()));
    node.set("syncStatus", syncStatus(status));
    return node;
  }

  /** {@code eth.SafeHeadResponse}: {@code {l1Block: {hash, number}, safeHead: {hash, number}}}. */
  public static ObjectNode safeHeadResponse(SafeHeadEntry entry) {
    ObjectNode node = NODES.objectNode();
    node.set("l1Block", blockId(entry.l1Block()));
    node.set("safeHead", blockId(entry.safeHead()));
    return node;
  }

  private static String hex(Hash hash) {
    return hash.toHex();
  }

  /** A uint64 held in a long, as an unsigned JSON number. */
  private static ValueNode uint64(long value) {
    return value >= 0
        ? NODES.numberNode(value)
        : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
  }
}
