package io.merapi.state.store;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/** Contract code by its keccak-256, as stored. */
@FunctionalInterface
public interface CodeSource {
  /** The code whose hash is {@code codeHash}, or empty if it is not stored. */
  Optional<byte[]> code(Hash codeHash);
}
