package io.merapi.derive.stage;

import io.merapi.derive.L1BlockRef;

/**
 * The L1 block the pipeline currently reads from (op-node's {@code Origin()}, which every stage
 * passes down to L1 traversal): the inclusion block of every frame, channel and batch being read.
 */
@FunctionalInterface
public interface OriginProvider {
  L1BlockRef origin();
}
