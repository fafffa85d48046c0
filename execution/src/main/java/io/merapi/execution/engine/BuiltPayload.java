package io.merapi.execution.engine;

import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.transaction.BlobSidecar;
import java.util.List;

/**
 * One version of a payload a build produced: the sealed block (ready to store without executing it
 * again), what its fee recipient earns from tips ({@code blockValue}), and the sidecars of its blob
 * transactions in block order (the {@code blobsBundle}).
 */
public record BuiltPayload(SealedBlock sealed, UInt256 blockValue, List<BlobSidecar> sidecars) {
  public BuiltPayload {
    sidecars = List.copyOf(sidecars);
  }

  public ExecutionPayload executionPayload() {
    return ExecutionPayload.of(sealed.block(), sealed.hash());
  }
}
