package io.merapi.explorer.index;

import io.merapi.base.bytes.Hash;
import java.util.List;
import java.util.Objects;

/**
 * Where a safe L2 block came from, as the index keeps it once found: the L1 block that made it safe
 * and the batcher transactions that carried its batch. It stays true until a reorg replaces either
 * block, so the follower's rewinds drop it.
 *
 * @param l2Hash the L2 block it was found for (a lookup for another block at that height misses)
 */
public record CarriedBy(Hash l2Hash, long l1Block, Hash l1Hash, List<Hash> carriers) {
  public CarriedBy {
    Objects.requireNonNull(l2Hash, "l2Hash");
    Objects.requireNonNull(l1Hash, "l1Hash");
    carriers = List.copyOf(carriers);
  }
}
