package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A whole world state in memory: accounts with their storage and code. For tests, the state-test
 * runner, t8n and {@code evm run}; the node uses a store-backed reader instead. Storage roots and
 * the state root are computed with the trie module by {@link StateRoots} on demand.
 */
public final class InMemoryState implements StateReader {
  private final TreeMap<Address, Entry> accounts = new TreeMap<>();
  private final HashMap<Hash, byte[]> codes = new HashMap<>();

  /** One account's fields, code and storage (zero values are never kept). */
  public static final class Entry {
    long nonce;
    UInt256 balance = UInt256.ZERO;
    Hash codeHash = Account.EMPTY_CODE_HASH;
    final TreeMap<UInt256, UInt256> storage = new TreeMap<>();
    Hash storageRoot; // computed lazily; null when stale

    public long nonce() {
      return nonce;
    }

    public UInt256 balance() {
      return balance;
    }

    public Hash codeHash() {
      return codeHash;
    }

    public Map<UInt256, UInt256> storage() {
      return Collections.unmodifiableMap(storage);
    }
  }

  /** Sets an account from a genesis-style allocation, replacing any there. */
  public void put(
      Address address, long nonce, UInt256 balance, byte[] code, Map<UInt256, UInt256> storage) {
    Entry e = new Entry();
    e.nonce = nonce;
    e.balance = balance;
    if (code.length > 0) {
      e.codeHash = Keccak256.digest(code);
      codes.put(e.codeHash, code.clone());
    }
    storage.forEach(
        (k, v) -> {
          if (!v.isZero()) {
            e.storage.put(k, v);
          }
        });
    accounts.put(address, e);
  }

  /** Applies a block's net changes. */
  public void apply(Iterable<AccountChange> changes) {
    for (AccountChange c : changes) {
      if (!c.exists()) {
        accounts.remove(c.address());
        continue;
      }
      Entry e = c.storageCleared() ? null : accounts.get(c.address());
      if (e == null) {
        e = new Entry();
        accounts.put(c.address(), e);
      }
      e.nonce = c.nonce();
      e.balance = c.balance();
      e.codeHash = c.codeHash();
      c.code().ifPresent(code -> codes.putIfAbsent(c.codeHash(), code.toArray()));
      for (Map.Entry<UInt256, UInt256> s : c.storage().entrySet()) {
        if (s.getValue().isZero()) {
          e.storage.remove(s.getKey());
        } else {
          e.storage.put(s.getKey(), s.getValue());
        }
      }
      e.storageRoot = null;
    }
  }

  /** The accounts in address order, for dumps and root computation. */
  public Map<Address, Entry> accounts() {
    return Collections.unmodifiableMap(accounts);
  }

  public Optional<Entry> entry(Address address) {
    return Optional.ofNullable(accounts.get(address));
  }

  /** The state root: the secure trie of all accounts. */
  public Hash stateRoot() {
    return StateRoots.stateRoot(this);
  }

  Hash storageRoot(Entry e) {
    if (e.storageRoot == null) {
      e.storageRoot = StateRoots.storageRoot(e.storage);
    }
    return e.storageRoot;
  }

  @Override
  public Optional<Account> account(Address address) {
    Entry e = accounts.get(address);
    if (e == null) {
      return Optional.empty();
    }
    Hash root = e.storage.isEmpty() ? Account.EMPTY_STORAGE_ROOT : storageRoot(e);
    return Optional.of(new Account(e.nonce, e.balance, root, e.codeHash));
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    Entry e = accounts.get(address);
    return e == null ? UInt256.ZERO : e.storage.getOrDefault(key, UInt256.ZERO);
  }

  @Override
  public byte[] code(Hash codeHash) {
    if (codeHash.equals(Account.EMPTY_CODE_HASH)) {
      return Bytes.EMPTY.array();
    }
    byte[] code = codes.get(codeHash);
    if (code == null) {
      throw new IllegalStateException("no code with hash " + codeHash);
    }
    return code;
  }
}
