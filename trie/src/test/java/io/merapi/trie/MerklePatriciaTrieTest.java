package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MerklePatriciaTrieTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void emptyTrieHasTheWellKnownRoot() {
    assertThat(new MerklePatriciaTrie().rootHash())
        .isEqualTo(
            Hash.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"));
    assertThat(new StackTrieBuilder().rootHash()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(OrderedListRoot.of(java.util.List.of())).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
  }

  @Test
  void deletingEverythingGivesTheEmptyRootAgain() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    trie.put(b("dog"), b("puppy"));
    trie.put(b("doge"), b("coin"));
    trie.put(b("do"), b("verb"));
    assertThat(trie.rootHash()).isNotEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    trie.delete(b("doge"));
    trie.put(b("dog"), new byte[0]);
    trie.delete(b("do"));
    assertThat(trie.isEmpty()).isTrue();
    assertThat(trie.rootHash()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
  }

  @Test
  void randomThirtyTwoByteKeysMatchTheDefinition() {
    Random random = new Random(7);
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = new TreeMap<>(java.util.Arrays::compareUnsigned);
    byte[][] keys = new byte[3000][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new byte[32];
      random.nextBytes(keys[i]);
      byte[] value = new byte[1 + random.nextInt(80)];
      random.nextBytes(value);
      trie.put(keys[i], value);
      model.put(keys[i], value);
    }
    assertThat(trie.rootHash()).isEqualTo(ReferenceTrie.root(model));
    for (int i = 0; i < keys.length; i += 3) {
      trie.delete(keys[i]);
      model.remove(keys[i]);
    }
    assertThat(trie.rootHash()).isEqualTo(ReferenceTrie.root(model));
    StackTrieBuilder builder = new StackTrieBuilder();
    model.forEach(builder::add);
    assertThat(builder.rootHash()).isEqualTo(ReferenceTrie.root(model));
  }

  @Test
  void commitWritesOnlyWhatChanged() {
    Map<Hash, byte[]> store = new HashMap<>();
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      byte[] key = Keccak256.hash(new byte[] {(byte) i, (byte) (i >> 8)});
      byte[] value = new byte[40];
      random.nextBytes(value);
      trie.put(key, value);
    }
    TrieCommit first = trie.commit();
    first.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));
    assertThat(first.nodes()).hasSizeGreaterThan(1000);
    assertThat(trie.commit().nodes()).isEmpty();

    byte[] key = Keccak256.hash(new byte[] {5, 0});
    trie.put(key, trie.get(key).orElseThrow());
    assertThat(trie.commit().nodes()).as("a put of the same value changes nothing").isEmpty();

    trie.put(key, b("changed"));
    TrieCommit second = trie.commit();
    assertThat(second.nodes()).hasSizeBetween(2, 5); // the path: a few branches and the leaf
    assertThat(second.nodes().getLast().hash()).isEqualTo(second.root());
    second.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));

    MerklePatriciaTrie reopened =
        MerklePatriciaTrie.open(second.root(), h -> Optional.ofNullable(store.get(h)));
    assertThat(reopened.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("changed")));
    MerklePatriciaTrie old =
        MerklePatriciaTrie.open(first.root(), h -> Optional.ofNullable(store.get(h)));
    assertThat(old.get(key)).hasValueSatisfying(v -> assertThat(v).hasSize(40));
  }

  @Test
  void aShortRootIsStoredUnderItsHash() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    trie.put(new byte[] {1}, new byte[] {2});
    TrieCommit commit = trie.commit();
    assertThat(commit.nodes()).hasSize(1);
    assertThat(commit.nodes().getFirst().rlp().length()).isLessThan(32);
    assertThat(commit.nodes().getFirst().hash()).isEqualTo(commit.root());
    MerklePatriciaTrie reopened =
        MerklePatriciaTrie.open(
            commit.root(), h -> Optional.of(commit.nodes().getFirst().rlp().array()));
    assertThat(reopened.get(new byte[] {1}))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(2));
    assertThat(reopened.prove(new byte[] {1})).hasSize(1);
  }

  @Test
  void aMissingNodeIsReportedWithItsHashAndChangesNothing() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < 100; i++) {
      trie.put(Keccak256.hash(new byte[] {(byte) i}), new byte[40]);
    }
    TrieCommit commit = trie.commit();
    Map<Hash, byte[]> store = new HashMap<>();
    commit.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));
    Hash victim = commit.nodes().getFirst().hash();
    store.remove(victim);
    int missing = 0;
    for (int i = 0; i < 100; i++) {
      MerklePatriciaTrie reopened =
          MerklePatriciaTrie.open(commit.root(), h -> Optional.ofNullable(store.get(h)));
      byte[] key = Keccak256.hash(new byte[] {(byte) i});
      try {
        reopened.delete(key);
        assertThat(reopened.rootHash()).isNotEqualTo(commit.root());
      } catch (MissingNodeException e) {
        assertThat(e.hash()).isEqualTo(victim);
        assertThat(reopened.rootHash()).isEqualTo(commit.root());
        assertThat(reopened.commit().nodes()).isEmpty();
        missing++;
      }
    }
    // The missing leaf's own key and those whose removal leaves it alone in its branch.
    assertThat(missing).isBetween(1, 3);
  }

  @Test
  void storedBytesThatDoNotMatchTheirHashAreRefused() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    trie.put(Keccak256.hash(b("a")), new byte[40]);
    trie.put(Keccak256.hash(b("b")), new byte[40]);
    TrieCommit commit = trie.commit();
    Map<Hash, byte[]> store = new HashMap<>();
    commit.nodes().forEach(n -> store.put(n.hash(), n.rlp().toArray()));
    Hash victim = commit.nodes().getFirst().hash();
    store.get(victim)[5] ^= 1;
    MerklePatriciaTrie reopened =
        MerklePatriciaTrie.open(commit.root(), h -> Optional.ofNullable(store.get(h)));
    assertThatThrownBy(
            () -> {
              reopened.get(Keccak256.hash(b("a")));
              reopened.get(Keccak256.hash(b("b")));
            })
        .isInstanceOf(InvalidNodeException.class)
        .hasMessageContaining(victim.toHex());
  }

  @Test
  void copiesAreIndependent() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < 200; i++) {
      trie.put(Keccak256.hash(new byte[] {(byte) i}), new byte[] {(byte) i, 1});
    }
    Hash before = trie.rootHash();
    MerklePatriciaTrie copy = trie.copy();
    for (int i = 0; i < 200; i += 2) {
      copy.put(Keccak256.hash(new byte[] {(byte) i}), b("copy"));
      trie.delete(Keccak256.hash(new byte[] {(byte) (i + 1)}));
    }
    MerklePatriciaTrie again = new MerklePatriciaTrie();
    for (int i = 0; i < 200; i++) {
      again.put(Keccak256.hash(new byte[] {(byte) i}), new byte[] {(byte) i, 1});
    }
    assertThat(again.rootHash()).isEqualTo(before);
    for (int i = 0; i < 200; i++) {
      byte[] key = Keccak256.hash(new byte[] {(byte) i});
      int expected = i % 2 == 0 ? 4 : 2;
      assertThat(copy.get(key)).hasValueSatisfying(v -> assertThat(v).hasSize(expected));
      assertThat(trie.get(key).isPresent()).isEqualTo(i % 2 == 0);
    }
  }

  @Test
  void nonCanonicalNodesAreRefused() {
    // [hex-prefix, value] with an even path whose pad nibble is not zero.
    assertThatThrownBy(() -> NodeDecoder.decode(Hex.decode("0xc482210101"), null))
        .isInstanceOf(InvalidNodeException.class)
        .hasMessageContaining("pad nibble");
    // Hex-prefix flag 4.
    assertThatThrownBy(() -> NodeDecoder.decode(Hex.decode("0xc482410101"), null))
        .isInstanceOf(InvalidNodeException.class);
    // A list of three items.
    assertThatThrownBy(() -> NodeDecoder.decode(Hex.decode("0xc3010203"), null))
        .isInstanceOf(InvalidNodeException.class)
        .hasMessageContaining("3 items");
    // A leaf with an empty value.
    assertThatThrownBy(() -> NodeDecoder.decode(Hex.decode("0xc22080"), null))
        .isInstanceOf(InvalidNodeException.class);
    // Not RLP at all.
    assertThatThrownBy(() -> NodeDecoder.decode(Hex.decode("0xf9"), null))
        .isInstanceOf(InvalidNodeException.class);
  }

  @Test
  void streamingBuilderRefusesKeysOutOfOrderAndEmptyValues() {
    StackTrieBuilder builder = new StackTrieBuilder().add(b("b"), b("1"));
    assertThatThrownBy(() -> builder.add(b("a"), b("1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.add(b("b"), b("1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.add(b("c"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void proofOfTheEmptyTrieIsEmptyAndShowsAbsence() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    assertThat(trie.prove(b("x"))).isEmpty();
    assertThat(ProofVerifier.verify(MerklePatriciaTrie.EMPTY_ROOT, b("x"), java.util.List.of()))
        .isEmpty();
  }

  @Test
  void proofAgainstAnotherRootFails() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    trie.put(b("key"), new byte[40]);
    java.util.List<Bytes> proof = trie.prove(b("key"));
    assertThatThrownBy(() -> ProofVerifier.verify(Keccak256.digest(b("other")), b("key"), proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("lacks node");
  }
}
