package io.merapi.state.store;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import java.util.Optional;

/**
 * A state read from a {@link FlatState} (the head's flat columns): one lookup per account or slot,
 * never a trie walk. Thread-safe if its sources are.
 */
public final class FlatStateReader implements StateReader {
  private final FlatState flat;
  private final CodeSource codes;

  public FlatStateReader(FlatState flat, CodeSource codes) {
    this.flat = flat;
    this.codes = codes;
  }

  @Override
  public Optional<Account> account(Address address) {
    return flat.account(Keccak256.digest(address.array())).map(Account::fromRlp);
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    Optional<byte[]> value =
        flat.storage(Keccak256.digest(address.array()), Keccak256.digest(key.toBytes()));
    return value.isEmpty() ? UInt256.ZERO : StoredValues.decodeSlot(value.get());
  }

  @Override
  public byte[] code(Hash codeHash) {
    return StoredValues.code(codes, codeHash);
  }
}
