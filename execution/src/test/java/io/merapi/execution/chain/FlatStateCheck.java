package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.state.Account;
import io.merapi.storage.Column;
import io.merapi.storage.KeyRange;
import io.merapi.storage.KeyValue;
import io.merapi.storage.KeyValueIterator;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.TrieNodeStore;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.TrieEntry;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a store's flat state against its tries: every account and slot under {@code stateRoot}
 * (walked through the trie, so the whole state opens) is in the flat columns with the same
 * encoding, and the flat columns hold nothing else.
 */
final class FlatStateCheck {
  private FlatStateCheck() {}

  /** Returns the number of accounts. */
  static int verify(KeyValueStore store, Hash stateRoot) {
    TrieNodeStore nodes = new TrieNodeStore(store);
    Map<String, String> fromTrie = new TreeMap<>();
    int accounts = 0;
    for (TrieEntry account : nodes.open(stateRoot)) {
      accounts++;
      fromTrie.put("a" + account.key(), account.value().toHex());
      Hash storageRoot = Account.fromRlp(account.value().array()).storageRoot();
      MerklePatriciaTrie storage = nodes.open(storageRoot);
      for (TrieEntry slot : storage) {
        fromTrie.put("s" + account.key() + slot.key().toHex().substring(2), slot.value().toHex());
      }
    }
    Map<String, String> flat = new TreeMap<>();
    try (KeyValueIterator it = store.iterate(Column.ACCOUNTS, KeyRange.all())) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        flat.put("a" + kv.key(), kv.value().toHex());
      }
    }
    try (KeyValueIterator it = store.iterate(Column.STORAGE, KeyRange.all())) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        flat.put("s" + kv.key(), kv.value().toHex());
      }
    }
    assertThat(flat).as("flat state of root %s", stateRoot).isEqualTo(fromTrie);
    return accounts;
  }
}
