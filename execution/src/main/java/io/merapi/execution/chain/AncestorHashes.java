package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.evm.BlockContext;
import io.merapi.types.block.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * BLOCKHASH for a block on any branch: its ancestors' hashes found by following parent hashes down
 * from its parent (only as far as asked, and remembered), so side branches see their own history.
 */
final class AncestorHashes implements BlockContext.BlockHashLookup {
  private final Function<Hash, Optional<Header>> headers;

  /** {@code hashes.get(i)} is the hash of block {@code parentNumber - i}. */
  private final List<Hash> hashes = new ArrayList<>();

  private long parentNumber = -1;

  /** The header of {@code hashes.get(lowestIndex)}, the deepest one loaded. */
  private Header lowest;

  private int lowestIndex;

  AncestorHashes(Hash parentHash, Function<Hash, Optional<Header>> headers) {
    this.headers = headers;
    hashes.add(parentHash);
  }

  @Override
  public Hash hashOf(long number) {
    if (parentNumber < 0) {
      lowest = header(hashes.get(0));
      parentNumber = lowest.number();
    }
    if (number > parentNumber || number < 0) {
      return Hash.ZERO;
    }
    int depth = (int) (parentNumber - number);
    while (hashes.size() <= depth) {
      int last = hashes.size() - 1;
      if (lowestIndex != last) {
        lowest = header(hashes.get(last));
        lowestIndex = last;
      }
      hashes.add(lowest.parentHash());
    }
    return hashes.get(depth);
  }

  private Header header(Hash hash) {
    return headers
        .apply(hash)
        .orElseThrow(() -> new IllegalStateException("ancestor " + hash + " is not stored"));
  }
}
