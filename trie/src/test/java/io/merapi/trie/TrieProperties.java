package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.Rlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The trie against a sorted map: whatever the sequence of updates, hashes, commits, reloads and
 * copies, the root is the one the Yellow Paper's definition gives for the final map, and reads,
 * iteration and proofs agree with the map.
 */
class TrieProperties {

  /** One update: a value of null deletes. Also sometimes a root, commit+reopen, or copy. */
  record Op(byte[] key, byte[] value, int action) {}

  @Property(tries = 300)
  void updatesGiveTheRootOfTheFinalMap(@ForAll("ops") List<Op> ops) {
    Map<Hash, byte[]> store = new HashMap<>();
    NodeSource source = h -> Optional.ofNullable(store.get(h));
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = newMap();
    MerklePatriciaTrie snapshot = null;
    Hash snapshotRoot = null;
    for (Op op : ops) {
      if (op.value == null) {
        trie.delete(op.key);
        model.remove(op.key);
      } else {
        trie.put(op.key, op.value);
        model.put(op.key, op.value);
      }
      switch (op.action) {
        case 1 -> assertThat(trie.rootHash()).isEqualTo(ReferenceTrie.root(model));
        case 2 -> {
          TrieCommit commit = trie.commit();
          commit.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));
          trie = MerklePatriciaTrie.open(commit.root(), source);
        }
        case 3 -> {
          TrieCommit commit = trie.commit();
          commit.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));
        }
        case 4 -> {
          snapshot = trie.copy();
          snapshotRoot = ReferenceTrie.root(model);
        }
        default -> {}
      }
    }
    Hash expected = ReferenceTrie.root(model);
    assertThat(trie.rootHash()).isEqualTo(expected);
    if (snapshot != null) {
      assertThat(snapshot.rootHash()).isEqualTo(snapshotRoot);
    }

    MerklePatriciaTrie rebuilt = new MerklePatriciaTrie();
    model.forEach(rebuilt::put);
    assertThat(rebuilt.rootHash()).isEqualTo(expected);

    StackTrieBuilder builder = new StackTrieBuilder();
    model.forEach(builder::add);
    assertThat(builder.rootHash()).isEqualTo(expected);
  }

  @Property(tries = 200)
  void readsAndIterationFollowTheMap(
      @ForAll("ops") List<Op> ops, @ForAll("key") byte[] probe, @ForAll boolean reload) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = newMap();
    apply(ops, trie, model);
    if (reload) {
      trie = reopened(trie);
    }
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      assertThat(trie.get(e.getKey()))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(e.getValue()));
    }
    assertThat(trie.get(probe).isPresent()).isEqualTo(model.containsKey(probe));

    assertThat(keys(trie.iterator())).containsExactlyElementsOf(keys(model));
    assertThat(keys(trie.ascendingFrom(probe)))
        .containsExactlyElementsOf(keys(model.tailMap(probe, true)));
    assertThat(keys(trie.descendingFrom(probe)))
        .containsExactlyElementsOf(keys(model.headMap(probe, true).descendingMap()));
  }

  @Property(tries = 200)
  void proofsShowPresenceAndAbsence(
      @ForAll("ops") List<Op> ops,
      @ForAll("key") byte[] probe,
      @ForAll boolean reload,
      @ForAll @IntRange(min = 0, max = 1 << 20) int corruption) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = newMap();
    apply(ops, trie, model);
    Hash root = trie.rootHash();
    if (reload) {
      trie = reopened(trie);
    }
    List<byte[]> keys = new ArrayList<>(model.keySet());
    keys.add(probe);
    for (byte[] key : keys) {
      List<Bytes> proof = trie.prove(key);
      Optional<byte[]> shown = ProofVerifier.verify(root, key, proof);
      assertThat(shown.isPresent()).isEqualTo(model.containsKey(key));
      shown.ifPresent(v -> assertThat(v).isEqualTo(model.get(key)));
      if (!proof.isEmpty()) {
        assertThatThrownBy(() -> ProofVerifier.verify(root, key, corrupt(proof, corruption)))
            .isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(
                () -> ProofVerifier.verify(root, key, proof.subList(0, proof.size() - 1)))
            .isInstanceOf(InvalidProofException.class);
      }
    }
  }

  @Property(tries = 200)
  void streamingBuilderEmitsAStoredTrie(@ForAll("ops") List<Op> ops) {
    TreeMap<byte[], byte[]> model = newMap();
    apply(ops, new MerklePatriciaTrie(), model);
    Map<Hash, byte[]> store = new HashMap<>();
    StackTrieBuilder builder = new StackTrieBuilder(n -> store.put(n.hash(), n.rlp().array()));
    model.forEach(builder::add);
    Hash root = builder.rootHash();
    assertThat(root).isEqualTo(ReferenceTrie.root(model));
    MerklePatriciaTrie opened =
        MerklePatriciaTrie.open(root, h -> Optional.ofNullable(store.get(h)));
    assertThat(keys(opened.iterator())).containsExactlyElementsOf(keys(model));
    assertThat(opened.rootHash()).isEqualTo(root);
  }

  @Property(tries = 100)
  void orderedListRootIsTheTrieOfIndexKeys(
      @ForAll @Size(max = 300) List<@Size(min = 1, max = 40) byte[]> items) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < items.size(); i++) {
      trie.put(Rlp.encodeLong(i), items.get(i));
    }
    assertThat(OrderedListRoot.of(items)).isEqualTo(trie.rootHash());
  }

  @Property(tries = 200)
  void damagedNodesAreRefusedOrDecodedExactly(
      @ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 1 << 20) int position,
      @ForAll byte replacement,
      @ForAll @IntRange(min = 0, max = 2) int damage) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    apply(ops, trie, newMap());
    List<Bytes> proof = new ArrayList<>();
    for (EncodedNode node : trie.commit().nodes()) {
      byte[] rlp = node.rlp().toArray();
      NodeChecks.decodeIsStrictAndTotal(rlp);
      int at = position % rlp.length;
      byte[] damaged =
          switch (damage) {
            case 0 -> {
              rlp[at] = replacement;
              yield rlp;
            }
            case 1 -> Arrays.copyOf(rlp, at);
            default -> {
              byte[] longer = Arrays.copyOf(rlp, rlp.length + 1);
              longer[rlp.length] = replacement;
              yield longer;
            }
          };
      NodeChecks.decodeIsStrictAndTotal(damaged);
      proof.add(Bytes.wrap(damaged));
    }
    NodeChecks.verifyIsTotal(trie.rootHash(), new byte[] {replacement}, proof);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<byte[]> values =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3),
            Arbitraries.bytes().array(byte[].class).ofMinSize(20).ofMaxSize(70));
    Arbitrary<byte[]> valueOrDelete =
        Arbitraries.frequencyOf(Tuple(4, values), Tuple(1, Arbitraries.just((byte[]) null)));
    Arbitrary<Integer> actions =
        Arbitraries.frequency(Tuple(12, 0), Tuple(2, 1), Tuple(1, 2), Tuple(1, 3), Tuple(1, 4));
    return Combinators.combine(key(), valueOrDelete, actions).as(Op::new).list().ofMaxSize(60);
  }

  /** Short keys over a few byte values, so that keys share prefixes and are prefixes of others. */
  @Provide
  Arbitrary<byte[]> key() {
    return Arbitraries.of(
            (byte) 0x00, (byte) 0x01, (byte) 0x10, (byte) 0x11, (byte) 0xf0, (byte) 0xff)
        .array(byte[].class)
        .ofMinSize(0)
        .ofMaxSize(5);
  }

  private static <T> net.jqwik.api.Tuple.Tuple2<Integer, T> Tuple(int weight, T value) {
    return net.jqwik.api.Tuple.of(weight, value);
  }

  private static void apply(List<Op> ops, MerklePatriciaTrie trie, TreeMap<byte[], byte[]> model) {
    for (Op op : ops) {
      if (op.value == null) {
        trie.delete(op.key);
        model.remove(op.key);
      } else {
        trie.put(op.key, op.value);
        model.put(op.key, op.value);
      }
    }
  }

  private static MerklePatriciaTrie reopened(MerklePatriciaTrie trie) {
    Map<Hash, byte[]> store = new HashMap<>();
    TrieCommit commit = trie.commit();
    commit.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));
    return MerklePatriciaTrie.open(commit.root(), h -> Optional.ofNullable(store.get(h)));
  }

  /** Flips one bit somewhere in the proof. */
  private static List<Bytes> corrupt(List<Bytes> proof, int position) {
    List<Bytes> copy = new ArrayList<>(proof);
    int index = position % proof.size();
    byte[] node = proof.get(index).toArray();
    node[(position / proof.size()) % node.length] ^= (byte) (1 << (position % 8));
    copy.set(index, Bytes.wrap(node));
    return copy;
  }

  private static TreeMap<byte[], byte[]> newMap() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  private static List<Bytes> keys(Iterator<TrieEntry> it) {
    List<Bytes> keys = new ArrayList<>();
    it.forEachRemaining(e -> keys.add(e.key()));
    return keys;
  }

  private static List<Bytes> keys(NavigableMap<byte[], byte[]> map) {
    return map.keySet().stream().map(Bytes::wrap).toList();
  }
}
