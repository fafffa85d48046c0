package io.merapi.faultproof.kvstore;

import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageKeys;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks keccak256 and sha256 pre-images against their keys on the way in and on the way out: a
 * wrong value from an RPC is refused before it is stored, and one altered on disk is refused before
 * the program sees it. Other key types cannot be checked from the value alone and pass.
 */
public final class VerifyingKvStore implements KvStore {
  private final KvStore inner;

  public VerifyingKvStore(KvStore inner) {
    this.inner = inner;
  }

  @Override
  public void put(PreimageKey key, byte[] value) throws IOException {
    PreimageKeys.check(key, value);
    inner.put(key, value);
  }

  @Override
  public Optional<byte[]> get(PreimageKey key) throws IOException {
    Optional<byte[]> value = inner.get(key);
    if (value.isPresent()) {
      PreimageKeys.check(key, value.get());
    }
    return value;
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
