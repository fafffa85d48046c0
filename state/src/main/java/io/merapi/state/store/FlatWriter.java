package io.merapi.state.store;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.util.Optional;

/** Where changes to a {@link FlatState} go: a value to write, or empty to delete. */
public interface FlatWriter {
  void account(Hash accountKey, Optional<Bytes> value);

  void storage(Hash accountKey, Hash slotKey, Optional<Bytes> value);
}
