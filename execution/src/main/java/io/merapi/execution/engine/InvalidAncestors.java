package io.merapi.execution.engine;

import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Header;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks found invalid and the payloads built on them (geth's {@code invalidTipsets}), so that a
 * descendant of an invalid block is answered INVALID with the last valid ancestor as {@code
 * latestValidHash} (paris.md, "Payload validation"), even when its parent was never stored. In
 * memory only and bounded: a bug must never block a valid chain for good, so an invalid block hit
 * {@value #HIT_EVICTION} times is forgotten and tried again, as geth does.
 */
final class InvalidAncestors {
  static final int HIT_EVICTION = 128;
  static final int CAPACITY = 512;

  /** Tip (or the bad block itself) to the first invalid block of its chain. */
  private final Map<Hash, Header> tipsets =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Header> eldest) {
          return size() > CAPACITY;
        }
      };

  private final Map<Hash, Integer> hits = new HashMap<>();

  synchronized void invalid(Hash hash, Header header) {
    tipsets.put(hash, header);
    hits.put(hash, 1);
  }

  /**
   * If {@code check} (the payload or its parent) descends from a known invalid block, remembers
   * {@code head} as another such descendant and returns that invalid block.
   */
  synchronized Optional<Header> check(Hash check, Hash head) {
    Header bad = tipsets.get(check);
    if (bad == null) {
      return Optional.empty();
    }
    Hash badHash = bad.hash();
    int count = hits.merge(badHash, 1, Integer::sum);
    if (count >= HIT_EVICTION) {
      hits.remove(badHash);
      tipsets.values().removeIf(h -> h.hash().equals(badHash));
      return Optional.empty();
    }
    if (!check.equals(head)) {
      tipsets.put(head, bad);
    }
    return Optional.of(bad);
  }
}
