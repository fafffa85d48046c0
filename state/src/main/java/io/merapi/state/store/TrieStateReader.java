package io.merapi.state.store;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.StateReader;
import io.merapi.trie.MissingNodeException;
import io.merapi.trie.NodeSource;
import io.merapi.trie.SecureTrie;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A state read through its tries from the state root down: for states other than the head's
 * (historical blocks, side branches), whose flat view is not kept. Slower than {@link
 * FlatStateReader} (a walk per read, though nodes once loaded stay in memory) and not thread-safe.
 */
public final class TrieStateReader implements StateReader {
  private final Hash stateRoot;
  private final NodeSource nodes;
  private final CodeSource codes;
  private final SecureTrie accounts;
  private final Map<Address, Optional<SecureTrie>> storageTries = new HashMap<>();

  public TrieStateReader(Hash stateRoot, NodeSource nodes, CodeSource codes) {
    this.stateRoot = stateRoot;
    this.nodes = nodes;
    this.codes = codes;
    this.accounts = SecureTrie.open(stateRoot, nodes);
  }

  public Hash stateRoot() {
    return stateRoot;
  }

  @Override
  public Optional<Account> account(Address address) {
    try {
      return accounts.get(address.array()).map(Account::fromRlp);
    } catch (MissingNodeException e) {
      throw missing(e);
    }
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    Optional<SecureTrie> trie =
        storageTries.computeIfAbsent(
            address,
            a ->
                account(a)
                    .filter(acc -> !acc.storageRoot().equals(Account.EMPTY_STORAGE_ROOT))
                    .map(acc -> SecureTrie.open(acc.storageRoot(), nodes)));
    if (trie.isEmpty()) {
      return UInt256.ZERO;
    }
    try {
      Optional<byte[]> value = trie.get().get(key.toBytes());
      return value.isEmpty() ? UInt256.ZERO : StoredValues.decodeSlot(value.get());
    } catch (MissingNodeException e) {
      throw missing(e);
    }
  }

  @Override
  public byte[] code(Hash codeHash) {
    return StoredValues.code(codes, codeHash);
  }

  private MissingStateException missing(MissingNodeException e) {
    return new MissingStateException("state " + stateRoot + " is incomplete: " + e.getMessage(), e);
  }
}
