package io.merapi.explorer.index;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import java.util.Objects;
import java.util.Optional;

/** A transaction as the index keeps it: enough to list it on its block's and addresses' pages. */
public record IndexedTx(Hash hash, Address from, Optional<Address> to) {
  public IndexedTx {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
