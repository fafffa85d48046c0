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
}
