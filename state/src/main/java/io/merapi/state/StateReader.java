package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.Optional;

/**
 * The committed state a block executes on: accounts, storage and code by hash. {@link
 * JournaledState} reads through this and never writes to it. Implementations: {@link InMemoryState}
 * for tests and tools; a flat key-value view kept in step with the tries for the node.
 */
public interface StateReader {
  /** The account at {@code address}, or empty if there is none. */
  Optional<Account> account(Address address);

  /** The storage value, zero if the slot or the account is absent. */
  UInt256 storage(Address address, UInt256 key);

  /** The code with hash {@code codeHash} (empty for the empty-code hash). */
  byte[] code(Hash codeHash);
}
