package io.merapi.types.config;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.Map;
import java.util.TreeMap;

/** One account of a genesis {@code alloc}: balance, nonce, code and storage words. */
public record GenesisAccount(UInt256 balance, long nonce, Bytes code, Map<Hash, Hash> storage) {
  public GenesisAccount {
    // Sorted so that iteration (and anything written from it) is deterministic.
    storage = java.util.Collections.unmodifiableMap(new TreeMap<>(storage));
  }
}
