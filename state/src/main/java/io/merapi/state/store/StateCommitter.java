package io.merapi.state.store;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.AccountChange;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.MissingNodeException;
import io.merapi.trie.NodeSource;
import io.merapi.trie.TrieCommit;
import io.merapi.trie.TrieEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commitment, once per block: applies a block's net account changes to the state trie at the
 * parent's root (opened lazily on a {@link NodeSource}), computing each changed account's storage
 * root and then the state root, and collects what must be stored: the new trie nodes, new code, and
 * the flat-view diff. The diff's "before" values come from the same trie walk that applies each
 * change, so they are the parent state's exactly, whatever view the block read from.
 *
 * <p>Pure; storing the result is the caller's.
 */
public final class StateCommitter {
  private StateCommitter() {}

  /**
   * The update that turns the state at {@code parentRoot} into the state after {@code changes}.
   *
   * @throws MissingStateException if a node under {@code parentRoot} is not in {@code nodes}
   */
  public static StateUpdate commit(Hash parentRoot, NodeSource nodes, List<AccountChange> changes) {
    try {
      return new Work(parentRoot, nodes).apply(changes);
    } catch (MissingNodeException e) {
      throw new MissingStateException(
          "cannot commit on state " + parentRoot + ": " + e.getMessage(), e);
    }
  }

  private static final class SlotChange {
    final Optional<Bytes> before;
    Optional<Bytes> after;

    SlotChange(Optional<Bytes> before, Optional<Bytes> after) {
      this.before = before;
      this.after = after;
    }
  }

  private static final class Work {
    final NodeSource nodes;
    final MerklePatriciaTrie accounts;
    final List<EncodedNode> newNodes = new ArrayList<>();
    final Map<Hash, Bytes> codes = new HashMap<>();
    final List<StateDiff.AccountEntry> accountDiff = new ArrayList<>();
    final List<StateDiff.StorageEntry> storageDiff = new ArrayList<>();

    Work(Hash parentRoot, NodeSource nodes) {
      this.nodes = nodes;
      this.accounts = MerklePatriciaTrie.open(parentRoot, nodes);
    }

    StateUpdate apply(List<AccountChange> changes) {
      // In hashed-key order: neighbouring updates share the upper trie nodes.
      record Keyed(byte[] key, AccountChange change) {}
      List<Keyed> keyed = new ArrayList<>(changes.size());
      for (AccountChange c : changes) {
        keyed.add(new Keyed(Keccak256.hash(c.address().array()), c));
      }
      keyed.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
      for (Keyed k : keyed) {
        applyAccount(k.key(), k.change());
      }
      TrieCommit commit = accounts.commit();
      newNodes.addAll(commit.nodes());
      return new StateUpdate(
          commit.root(), newNodes, codes, new StateDiff(accountDiff, storageDiff));
    }

    private void applyAccount(byte[] key, AccountChange change) {
      Hash accountKey = Hash.wrap(key);
      Optional<byte[]> oldRlp = accounts.get(key);
      Optional<Account> old = oldRlp.map(Account::fromRlp);
      Hash oldStorageRoot = old.map(Account::storageRoot).orElse(Account.EMPTY_STORAGE_ROOT);

      // Slot changes of this account: hashed slot key -> {before, after}.
      Map<Hash, SlotChange> slots = new LinkedHashMap<>();
      boolean cleared = !change.exists() || change.storageCleared();
      if (cleared && !oldStorageRoot.equals(Account.EMPTY_STORAGE_ROOT)) {
        for (TrieEntry e : MerklePatriciaTrie.open(oldStorageRoot, nodes)) {
          record(slots, Hash.wrap(e.key().array()), Optional.of(e.value()), Optional.empty());
        }
      }

      if (!change.exists()) {
        if (oldRlp.isPresent()) {
          accounts.delete(key);
          accountDiff.add(
              new StateDiff.AccountEntry(accountKey, oldRlp.map(Bytes::wrap), Optional.empty()));
        }
        addStorageDiff(accountKey, slots);
        return;
      }

      Hash baseRoot = cleared ? Account.EMPTY_STORAGE_ROOT : oldStorageRoot;
      Hash storageRoot = baseRoot;
      if (!change.storage().isEmpty()) {
        MerklePatriciaTrie storage =
            baseRoot.equals(Account.EMPTY_STORAGE_ROOT)
                ? new MerklePatriciaTrie()
                : MerklePatriciaTrie.open(baseRoot, nodes);
        for (Map.Entry<UInt256, UInt256> s : change.storage().entrySet()) {
          byte[] slotKey = Keccak256.hash(s.getKey().toBytes());
          Optional<byte[]> before = storage.get(slotKey);
          byte[] after =
              s.getValue().isZero() ? new byte[0] : StoredValues.encodeSlot(s.getValue());
          storage.put(slotKey, after);
          record(
              slots,
              Hash.wrap(slotKey),
              before.map(Bytes::wrap),
              after.length == 0 ? Optional.empty() : Optional.of(Bytes.wrap(after)));
        }
        TrieCommit commit = storage.commit();
        newNodes.addAll(commit.nodes());
        storageRoot = commit.root();
      }
      addStorageDiff(accountKey, slots);

      byte[] newRlp =
          new Account(change.nonce(), change.balance(), storageRoot, change.codeHash()).toRlp();
      if (oldRlp.isEmpty() || !Arrays.equals(oldRlp.get(), newRlp)) {
        accounts.put(key, newRlp);
        accountDiff.add(
            new StateDiff.AccountEntry(
                accountKey, oldRlp.map(Bytes::wrap), Optional.of(Bytes.wrap(newRlp))));
      }
      boolean newCode = old.isEmpty() || !old.get().codeHash().equals(change.codeHash());
      if (newCode && change.code().isPresent()) {
        codes.put(change.codeHash(), change.code().get());
      }
    }

    /** Records a slot change, keeping the first "before" when a slot changes twice. */
    private static void record(
        Map<Hash, SlotChange> slots, Hash slotKey, Optional<Bytes> before, Optional<Bytes> after) {
      SlotChange entry = slots.get(slotKey);
      if (entry == null) {
        slots.put(slotKey, new SlotChange(before, after));
      } else {
        entry.after = after;
      }
    }

    private void addStorageDiff(Hash accountKey, Map<Hash, SlotChange> slots) {
      for (Map.Entry<Hash, SlotChange> e : slots.entrySet()) {
        Optional<Bytes> before = e.getValue().before;
        Optional<Bytes> after = e.getValue().after;
        if (!before.equals(after)) {
          storageDiff.add(new StateDiff.StorageEntry(accountKey, e.getKey(), before, after));
        }
      }
    }
  }
}
