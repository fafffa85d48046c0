package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Header;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recently used headers by hash (ancestors for BLOCKHASH, parents of imports, reorg walks). */
final class HeaderCache {
  private final Map<Hash, Header> map;

  HeaderCache(int capacity) {
    this.map =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, Header> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Header get(Hash hash) {
    return map.get(hash);
  }

  synchronized void put(Hash hash, Header header) {
    map.put(hash, header);
  }
}
