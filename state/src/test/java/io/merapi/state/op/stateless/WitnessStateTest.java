package io.merapi.state.op.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.AccountChange;
import io.merapi.state.InMemoryState;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.TrieCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

public class WitnessStateTest {
  static final byte[] CODE = {0x60, 0x01, 0x00};

  /** A full witness (every node of every trie, every code) of {@code state}, built here. */
  public static ExecutionWitness witnessOf(InMemoryState state, Map<Hash, byte[]> codes) {
    List<Bytes> nodes = new ArrayList<>();
    MerklePatriciaTrie accounts = new MerklePatriciaTrie();
    for (Map.Entry<Address, InMemoryState.Entry> e : state.accounts().entrySet()) {
      MerklePatriciaTrie storage = new MerklePatriciaTrie();
      for (Map.Entry<UInt256, UInt256> s : e.getValue().storage().entrySet()) {
        storage.put(
            Keccak256.hash(s.getKey().toBytes()),
            new RlpWriter(40).writeUInt256(s.getValue()).toByteArray());
      }
      TrieCommit storageCommit = storage.commit();
      storageCommit.nodes().stream().map(EncodedNode::rlp).forEach(nodes::add);
      Account account = state.account(e.getKey()).orElseThrow();
      assertThat(account.storageRoot()).isEqualTo(storageCommit.root());
      accounts.put(Keccak256.hash(e.getKey().array()), account.toRlp());
    }
    TrieCommit commit = accounts.commit();
    commit.nodes().stream().map(EncodedNode::rlp).forEach(nodes::add);
    assertThat(commit.root()).isEqualTo(state.stateRoot());
    return new ExecutionWitness(
        nodes, codes.values().stream().map(Bytes::wrap).toList(), List.of(), List.of());
  }

  static InMemoryState sample() {
    InMemoryState state = new InMemoryState();
    for (int i = 1; i <= 40; i++) {
      Map<UInt256, UInt256> storage = new TreeMap<>();
      for (int s = 0; s < i % 7; s++) {
        storage.put(UInt256.valueOf(s), UInt256.valueOf(1000L * i + s));
      }
      state.put(
          address(i), i, UInt256.valueOf(i * 1_000_000L), i == 3 ? CODE : new byte[0], storage);
    }
    return state;
  }

  static Address address(int i) {
    byte[] a = new byte[20];
    a[0] = (byte) 0xaa;
    a[19] = (byte) i;
    return Address.wrap(a);
  }

  @Test
  void readsAccountsStorageAndCodeFromTheWitness() {
    InMemoryState state = sample();
    ExecutionWitness witness = witnessOf(state, Map.of(Keccak256.digest(CODE), CODE));
    WitnessState reader = new WitnessState(witness, state.stateRoot());
    for (int i = 1; i <= 40; i++) {
      assertThat(reader.account(address(i))).isEqualTo(state.account(address(i)));
      for (int s = 0; s < 8; s++) {
        assertThat(reader.storage(address(i), UInt256.valueOf(s)))
            .isEqualTo(state.storage(address(i), UInt256.valueOf(s)));
      }
    }
    assertThat(reader.account(address(99))).isEmpty();
    assertThat(reader.code(Keccak256.digest(CODE))).isEqualTo(CODE);
  }

  @Test
  void commitGivesTheSameRootAsRecomputingFromScratch() {
    InMemoryState state = sample();
    ExecutionWitness witness = witnessOf(state, Map.of());
    WitnessState reader = new WitnessState(witness, state.stateRoot());
    List<AccountChange> changes =
        List.of(
            // a balance change and a cleared slot
            new AccountChange(
                address(6),
                true,
                6,
                UInt256.valueOf(5),
                Account.EMPTY_CODE_HASH,
                Optional.empty(),
                false,
                Map.of(UInt256.valueOf(0), UInt256.ZERO, UInt256.valueOf(9), UInt256.valueOf(9))),
            // a deleted account
            AccountChange.deleted(address(2)),
            // a new account with storage
            new AccountChange(
                address(77),
                true,
                1,
                UInt256.ZERO,
                Keccak256.digest(CODE),
                Optional.of(Bytes.wrap(CODE)),
                true,
                Map.of(UInt256.valueOf(1), UInt256.valueOf(2))));
    Hash root = reader.commit(changes);
    state.apply(changes);
    assertThat(root).isEqualTo(state.stateRoot());
  }

  @Test
  void aMissingNodeOrCodeIsNamedByItsHash() {
    InMemoryState state = sample();
    ExecutionWitness full = witnessOf(state, Map.of());
    WitnessState empty =
        new WitnessState(
            new ExecutionWitness(List.of(), List.of(), List.of(), List.of()), state.stateRoot());
    assertThatThrownBy(() -> empty.account(address(1)))
        .isInstanceOf(MissingPreimageException.class)
        .hasMessageContaining(state.stateRoot().toString());
    WitnessState reader = new WitnessState(full, state.stateRoot());
    Hash codeHash = Keccak256.digest(CODE);
    assertThatThrownBy(() -> reader.code(codeHash))
        .isInstanceOf(MissingPreimageException.class)
        .hasMessageContaining(codeHash.toString());
  }

  /**
   * geth's witness order: a slot deleted next to a sibling that stays, while another slot is
   * inserted under the same branch. Deleting first would fold the branch into the sibling and need
   * the sibling's node, which a geth or reth witness does not carry; updating first does not.
   */
  @Test
  void updatesComeBeforeDeletionsSoTheSiblingIsNotNeeded() {
    UInt256[] slots = slotsWithDistinctFirstNibbles(3);
    UInt256 big = UInt256.fromHash(Hash.fromHex("0x" + "77".repeat(32)));
    Address owner = address(1);
    InMemoryState state = new InMemoryState();
    state.put(owner, 1, UInt256.ONE, new byte[0], Map.of(slots[0], big, slots[1], big));
    Map<Hash, byte[]> full = witnessOf(state, Map.of()).preimages();

    // What reading the account, the deleted slot and the new slot touches: not the sibling.
    Map<Hash, byte[]> read = new java.util.HashMap<>();
    WitnessState reader =
        new WitnessState(
            h -> {
              byte[] node = full.get(h);
              if (node != null) {
                read.put(h, node);
              }
              return java.util.Optional.ofNullable(node);
            },
            h -> java.util.Optional.empty(),
            state.stateRoot());
    reader.storage(owner, slots[0]);
    reader.storage(owner, slots[2]);
    assertThat(read.size()).isLessThan(full.size());

    AccountChange change =
        new AccountChange(
            owner,
            true,
            1,
            UInt256.ONE,
            io.merapi.state.Account.EMPTY_CODE_HASH,
            java.util.Optional.empty(),
            false,
            Map.of(slots[0], UInt256.ZERO, slots[2], big));
    // The premise: a deletion alone folds the branch and needs the sibling's node.
    AccountChange deletionOnly =
        new AccountChange(
            owner,
            true,
            1,
            UInt256.ONE,
            io.merapi.state.Account.EMPTY_CODE_HASH,
            java.util.Optional.empty(),
            false,
            Map.of(slots[0], UInt256.ZERO));
    assertThatThrownBy(
            () -> new WitnessState(read, state.stateRoot()).commit(List.of(deletionOnly)))
        .isInstanceOf(MissingPreimageException.class);
    Hash root = new WitnessState(read, state.stateRoot()).commit(List.of(change));
    state.apply(List.of(change));
    assertThat(root).isEqualTo(state.stateRoot());
  }

  /** Slots whose hashed keys start with different nibbles (children of one root branch). */
  static UInt256[] slotsWithDistinctFirstNibbles(int count) {
    UInt256[] out = new UInt256[count];
    java.util.Set<Integer> nibbles = new java.util.HashSet<>();
    int found = 0;
    for (long i = 1; found < count; i++) {
      int nibble = (Keccak256.hash(UInt256.valueOf(i).toBytes())[0] >>> 4) & 0xf;
      if (nibbles.add(nibble)) {
        out[found++] = UInt256.valueOf(i);
      }
    }
    return out;
  }
}
