package io.merapi.service.rollup;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L2BlockRef;
import java.util.Objects;

/**
 * The answer to {@code optimism_outputAtBlock} (op-service {@code eth.OutputResponse}): the output
 * root of an L2 block with the parts it is hashed from, and the node's sync status when it
 * answered.
 *
 * @param version the output root version ({@code 0x00...00} for version 0)
 */
public record OutputResponse(
    Hash version,
    Hash outputRoot,
    L2BlockRef blockRef,
    Hash withdrawalStorageRoot,
    Hash stateRoot,
    SyncStatus syncStatus) {
  public OutputResponse {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(blockRef, "blockRef");
    Objects.requireNonNull(withdrawalStorageRoot, "withdrawalStorageRoot");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(syncStatus, "syncStatus");
  }
}
