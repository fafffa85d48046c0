package io.merapi.node.engine;

import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import java.util.Optional;

/**
 * Which version of each Engine API method a block needs, chosen by the OP fork of its timestamp as
 * op-node chooses (op-node {@code rollup.Config.ForkchoiceUpdatedVersion}, {@code
 * NewPayloadVersion}, {@code GetPayloadVersion}): V3 from Ecotone (Cancun on L2), V2 before; {@code
 * forkchoiceUpdated} with attributes before Canyon is V1, because geth refuses V2 before Shanghai,
 * and without attributes always V3, which every OP engine takes at any fork.
 *
 * <p>Isthmus needs {@code newPayloadV4} and {@code getPayloadV4} with the withdrawals root and
 * execution requests, which this project does not implement yet: asking for them is refused with
 * {@link EngineException.Rejected} {@code -38005}, before anything is sent.
 */
public final class EngineMethods {
  private EngineMethods() {}

  public static String forkchoiceUpdated(
      RollupConfig rollup, Optional<PayloadAttributes> attributes) {
    if (attributes.isEmpty()) {
      return "engine_forkchoiceUpdatedV3";
    }
    long timestamp = attributes.get().timestamp();
    checkSupported(rollup, timestamp, "engine_forkchoiceUpdated");
    if (rollup.isActive(OpFork.ECOTONE, timestamp)) {
      return "engine_forkchoiceUpdatedV3";
    }
    return rollup.isActive(OpFork.CANYON, timestamp)
        ? "engine_forkchoiceUpdatedV2"
        : "engine_forkchoiceUpdatedV1";
  }

  public static String getPayload(RollupConfig rollup, long timestamp) {
    checkSupported(rollup, timestamp, "engine_getPayload");
    return rollup.isActive(OpFork.ECOTONE, timestamp)
        ? "engine_getPayloadV3"
        : "engine_getPayloadV2";
  }

  public static String newPayload(RollupConfig rollup, long timestamp) {
    checkSupported(rollup, timestamp, "engine_newPayload");
    return rollup.isActive(OpFork.ECOTONE, timestamp)
        ? "engine_newPayloadV3"
        : "engine_newPayloadV2";
  }

  /** Whether {@link #newPayload} sends the versioned hashes and the parent beacon block root. */
  static boolean takesBeaconRoot(RollupConfig rollup, long timestamp) {
    return rollup.isActive(OpFork.ECOTONE, timestamp);
  }

  private static void checkSupported(RollupConfig rollup, long timestamp, String method) {
    if (rollup.isActive(OpFork.ISTHMUS, timestamp)) {
      throw new EngineException.Rejected(
          EngineException.Rejected.UNSUPPORTED_FORK,
          method
              + " for a block at time "
              + Long.toUnsignedString(timestamp)
              + ": Isthmus is active there, and its Engine API (V4, withdrawals root, execution"
              + " requests) is not supported by this node yet");
    }
  }
}
