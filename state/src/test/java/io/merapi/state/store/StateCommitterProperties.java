package io.merapi.state.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.state.AccountChange;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.NodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Commitment against a simple oracle: random blocks of state operations (balances, nonces, storage
 * with zeroing, code, self-destructs and re-creations) run on a journaled state over the flat view;
 * the committed root must equal {@link InMemoryState}'s root rebuilt from scratch, the diff applied
 * forwards must give the new state's flat view, and backwards the old one.
 */
class StateCommitterProperties {
  private static final int ADDRESSES = 12;
  private static final int SLOTS = 6;

  /** One operation on one of a few addresses and slots. */
  record Op(int kind, int address, int slot, long value) {}

  @Provide
  Arbitrary<List<List<List<Op>>>> blocks() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, ADDRESSES - 1),
                Arbitraries.integers().between(0, SLOTS - 1),
                Arbitraries.longs().between(0, 3))
            .as(Op::new);
    Arbitrary<List<Op>> transaction = op.list().ofMinSize(1).ofMaxSize(6);
    return transaction.list().ofMinSize(1).ofMaxSize(8).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 200)
  void committedRootsAndDiffsMatchTheOracle(@ForAll("blocks") List<List<List<Op>>> blocks) {
    Store store = new Store();
    InMemoryState oracle = new InMemoryState();
    // A genesis with some accounts, storage and code, committed like any block.
    for (int i = 0; i < ADDRESSES; i += 2) {
      Map<UInt256, UInt256> storage = new HashMap<>();
      for (int s = 0; s < i % 4; s++) {
        storage.put(UInt256.valueOf(s), UInt256.valueOf(s + 1));
      }
      oracle.put(
          address(i),
          i,
          UInt256.valueOf(1000 + i),
          i % 4 == 0 ? new byte[] {0x60, (byte) i} : new byte[0],
          storage);
    }
    List<AccountChange> genesis = new ArrayList<>();
    for (Address a : oracle.accounts().keySet()) {
      InMemoryState.Entry e = oracle.entry(a).orElseThrow();
      genesis.add(
          new AccountChange(
              a,
              true,
              e.nonce(),
              e.balance(),
              e.codeHash(),
              e.codeHash().equals(io.merapi.state.Account.EMPTY_CODE_HASH)
                  ? Optional.empty()
                  : Optional.of(Bytes.wrap(oracle.code(e.codeHash()))),
              false,
              e.storage()));
    }
    Hash root = store.apply(StateCommitter.commit(MerklePatriciaTrie.EMPTY_ROOT, store, genesis));
    assertThat(root).isEqualTo(oracle.stateRoot());

    for (List<List<Op>> block : blocks) {
      Map<String, Bytes> flatBefore = new TreeMap<>(store.flat);
      JournaledState state = new JournaledState(new FlatStateReader(store, store));
      for (List<Op> tx : block) {
        for (Op op : tx) {
          run(state, op);
        }
        state.finishTransaction(true);
      }
      List<AccountChange> changes = state.changes();
      StateUpdate update = StateCommitter.commit(root, store, changes);
      oracle.apply(changes);
      assertThat(update.stateRoot()).isEqualTo(oracle.stateRoot());

      StateDiff diff = StateDiff.decode(update.diff().encoded());
      assertThat(diff).isEqualTo(update.diff());
      root = store.apply(update);
      assertThat(store.flat).isEqualTo(flatView(oracle));
      // Backwards and forwards again: the flat view goes back exactly, then returns.
      diff.applyBackward(store);
      assertThat(store.flat).isEqualTo(flatBefore);
      diff.applyForward(store);
      assertThat(store.flat).isEqualTo(flatView(oracle));
    }
  }

  private static void run(JournaledState state, Op op) {
    Address a = address(op.address());
    UInt256 value = UInt256.valueOf(op.value());
    switch (op.kind()) {
      case 0 -> state.addBalance(a, value);
      case 1 -> {
        if (state.balance(a).compareTo(value) >= 0) {
          state.subtractBalance(a, value);
        }
      }
      case 2 -> state.setNonce(a, state.nonce(a) + 1);
      case 3, 4 -> state.setStorage(a, UInt256.valueOf(op.slot()), value);
      case 5 -> state.setCode(a, new byte[] {0x60, (byte) op.value(), 0x00});
      default -> {
        if (state.exists(a)) {
          state.markSelfDestructed(a);
        }
      }
    }
  }

  private static Address address(int i) {
    byte[] bytes = new byte[20];
    bytes[0] = (byte) 0xaa;
    bytes[19] = (byte) i;
    return Address.wrap(bytes);
  }

  /** The flat view the oracle's state should have, built independently of the committer. */
  private static Map<String, Bytes> flatView(InMemoryState oracle) {
    Map<String, Bytes> flat = new TreeMap<>();
    for (Address a : oracle.accounts().keySet()) {
      Hash key = io.merapi.base.crypto.Keccak256.digest(a.array());
      flat.put("a" + key, Bytes.wrap(oracle.account(a).orElseThrow().toRlp()));
      for (Map.Entry<UInt256, UInt256> s : oracle.entry(a).orElseThrow().storage().entrySet()) {
        Hash slot = io.merapi.base.crypto.Keccak256.digest(s.getKey().toBytes());
        flat.put("s" + key + slot, Bytes.wrap(StoredValues.encodeSlot(s.getValue())));
      }
    }
    return flat;
  }

  /** Trie nodes, code and a flat view in maps. */
  static final class Store implements NodeSource, FlatState, CodeSource, FlatWriter {
    final Map<Hash, byte[]> nodes = new HashMap<>();
    final Map<Hash, byte[]> codes = new HashMap<>();
    final Map<String, Bytes> flat = new TreeMap<>();

    Hash apply(StateUpdate update) {
      for (EncodedNode n : update.nodes()) {
        nodes.put(n.hash(), n.rlp().array());
      }
      update.codes().forEach((h, c) -> codes.put(h, c.array()));
      update.diff().applyForward(this);
      return update.stateRoot();
    }

    @Override
    public Optional<byte[]> node(Hash hash) {
      return Optional.ofNullable(nodes.get(hash));
    }

    @Override
    public Optional<byte[]> code(Hash codeHash) {
      return Optional.ofNullable(codes.get(codeHash));
    }

    @Override
    public Optional<byte[]> account(Hash accountKey) {
      return Optional.ofNullable(flat.get("a" + accountKey)).map(Bytes::array);
    }

    @Override
    public Optional<byte[]> storage(Hash accountKey, Hash slotKey) {
      return Optional.ofNullable(flat.get("s" + accountKey + slotKey)).map(Bytes::array);
    }

    @Override
    public void account(Hash accountKey, Optional<Bytes> value) {
      put("a" + accountKey, value);
    }

    @Override
    public void storage(Hash accountKey, Hash slotKey, Optional<Bytes> value) {
      put("s" + accountKey + slotKey, value);
    }

    private void put(String key, Optional<Bytes> value) {
      if (value.isPresent()) {
        flat.put(key, value.get());
      } else {
        flat.remove(key);
      }
    }
  }
}
