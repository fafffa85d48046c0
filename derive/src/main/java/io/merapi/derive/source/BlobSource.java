package io.merapi.derive.source;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import java.util.List;

/**
 * The blobs of L1 blocks (op-node's {@code L1BlobsFetcher}): from a beacon node in the rollup node,
 * from the pre-image oracle in the fault-proof program. The source checks each blob against its
 * versioned hash; one it cannot get right now is a {@link
 * io.merapi.derive.DerivationException.Temporary}.
 */
public interface BlobSource {
  /** A blob's position in its block and its versioned hash. */
  record IndexedBlobHash(int index, Hash hash) {}

  /** The 131,072-byte blobs with {@code hashes} of block {@code ref}, in the same order. */
  List<Bytes> blobs(L1BlockRef ref, List<IndexedBlobHash> hashes);
}
