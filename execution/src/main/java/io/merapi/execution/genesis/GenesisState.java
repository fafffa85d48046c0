package io.merapi.execution.genesis;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.HashedKeys;
import io.merapi.trie.StackTrieBuilder;
import io.merapi.types.config.GenesisAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state of a genesis alloc built in bulk: every account's and slot's key hashed, the keys
 * sorted, and the tries streamed through the trie module's {@link StackTrieBuilder}, so no trie is
 * materialized and an alloc of millions of accounts needs memory only for the alloc itself. What
 * must be stored (trie nodes, code, the flat view) goes to a {@link Sink} as it is produced.
 */
public final class GenesisState {
  private GenesisState() {}

  /** Where the pieces of the state go. */
  public interface Sink {
    /** Computes the root only. */
    Sink NONE =
        new Sink() {
          @Override
          public void node(EncodedNode node) {}

          @Override
          public void code(Hash codeHash, byte[] code) {}

          @Override
          public void account(Hash accountKey, byte[] rlp) {}

          @Override
          public void storage(Hash accountKey, Hash slotKey, byte[] rlp) {}
        };

    void node(EncodedNode node);

    void code(Hash codeHash, byte[] code);

    void account(Hash accountKey, byte[] rlp);

    void storage(Hash accountKey, Hash slotKey, byte[] rlp);
  }

  /**
   * The state root of {@code alloc}, handing its pieces to {@code sink}. Every account listed is in
   * the state, empty ones too (geth commits the genesis without deleting empty accounts); zero
   * storage values are not.
   */
  public static Hash build(Map<Address, GenesisAccount> alloc, Sink sink) {
    int n = alloc.size();
    List<Map.Entry<Address, GenesisAccount>> entries = new ArrayList<>(alloc.entrySet());
    byte[] keys = new byte[32 * n];
    for (int i = 0; i < n; i++) {
      Keccak256.hash(entries.get(i).getKey().array(), 0, Address.LENGTH, keys, 32 * i);
    }
    boolean keep = sink != Sink.NONE;
    StackTrieBuilder accounts = keep ? new StackTrieBuilder(sink::node) : new StackTrieBuilder();
    for (int i : HashedKeys.ascendingOrder(keys, n)) {
      GenesisAccount account = entries.get(i).getValue();
      Hash accountKey = Hash.copyOf(keys, 32 * i);
      Hash storageRoot = storage(accountKey, account.storage(), sink, keep);
      byte[] code = account.code().array();
      Hash codeHash = Account.EMPTY_CODE_HASH;
      if (code.length > 0) {
        codeHash = Keccak256.digest(code);
        sink.code(codeHash, code);
      }
      byte[] rlp = new Account(account.nonce(), account.balance(), storageRoot, codeHash).toRlp();
      sink.account(accountKey, rlp);
      accounts.add(keys, 32 * i, 32, rlp, 0, rlp.length);
    }
    return accounts.rootHash();
  }

  private static Hash storage(Hash accountKey, Map<Hash, Hash> storage, Sink sink, boolean keep) {
    List<UInt256> values = new ArrayList<>(storage.size());
    byte[] keys = new byte[32 * storage.size()];
    int m = 0;
    for (Map.Entry<Hash, Hash> e : storage.entrySet()) {
      UInt256 value = UInt256.fromHash(e.getValue());
      if (value.isZero()) {
        continue;
      }
      Keccak256.hash(e.getKey().array(), 0, 32, keys, 32 * m);
      values.add(value);
      m++;
    }
    if (m == 0) {
      return Account.EMPTY_STORAGE_ROOT;
    }
    StackTrieBuilder trie = keep ? new StackTrieBuilder(sink::node) : new StackTrieBuilder();
    RlpWriter writer = new RlpWriter(40);
    for (int i : HashedKeys.ascendingOrder(keys, m)) {
      writer.reset();
      byte[] rlp = writer.writeUInt256(values.get(i)).toByteArray();
      sink.storage(accountKey, Hash.copyOf(keys, 32 * i), rlp);
      trie.add(keys, 32 * i, 32, rlp, 0, rlp.length);
    }
    return trie.rootHash();
  }
}
