package io.merapi.faultproof.host;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.BlobSource;
import java.util.List;

/** The blobs of L1 blocks, for the {@code l1-blob} hint. */
@FunctionalInterface
public interface L1Blobs {
  /**
   * The blob with {@code versionedHash} of the L1 block at {@code timestamp}, checked against the
   * hash; {@code index} is its position in the block, or -1 where the hint does not say (the spec's
   * 40-byte form), in which case only a beacon node that serves blobs by hash can answer.
   */
  Bytes blob(long timestamp, int index, Hash versionedHash);

  /**
   * Blobs from a derivation {@link BlobSource} (the node's beacon client), which needs only the
   * block's time to find its slot.
   */
  static L1Blobs of(BlobSource source) {
    return (timestamp, index, hash) ->
        source
            .blobs(
                new L1BlockRef(Hash.ZERO, 0, Hash.ZERO, timestamp),
                List.of(new BlobSource.IndexedBlobHash(index, hash)))
            .getFirst();
  }
}
