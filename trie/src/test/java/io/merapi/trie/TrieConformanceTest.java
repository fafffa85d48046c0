package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests TrieTests: every case of every file, plain and secure. Each expected root is also
 * checked through the other ways to reach it: the streaming builder over the final map, and a trie
 * committed to a node store and opened again from its root.
 */
class TrieConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIR = "ethereum-tests/TrieTests/";

  record Case(String file, String name, JsonNode test) {}

  @TestFactory
  Stream<DynamicTest> orderedSequences() throws IOException {
    return cases("trietest.json", "trietest_secureTrie.json")
        .map(c -> DynamicTest.dynamicTest(c.file + ":" + c.name, () -> runSequence(c)));
  }

  @TestFactory
  Stream<DynamicTest> anyOrder() throws IOException {
    return cases(
            "trieanyorder.json", "trieanyorder_secureTrie.json", "hex_encoded_securetrie_test.json")
        .map(c -> DynamicTest.dynamicTest(c.file + ":" + c.name, () -> runAnyOrder(c)));
  }

  @TestFactory
  Stream<DynamicTest> nextAndPrevious() throws IOException {
    return cases("trietestnextprev.json")
        .map(c -> DynamicTest.dynamicTest(c.file + ":" + c.name, () -> runNextPrevious(c)));
  }

  private static Stream<Case> cases(String... files) throws IOException {
    List<Case> all = new ArrayList<>();
    for (String file : files) {
      Path path = TestData.require(DIR + file);
      JsonNode root = JSON.readTree(path.toFile());
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        all.add(new Case(file, entry.getKey(), entry.getValue()));
      }
    }
    assertThat(all).isNotEmpty();
    return all.stream();
  }

  /** "in" is a list of [key, value-or-null] applied in order; null deletes. */
  private static void runSequence(Case c) {
    boolean secure = c.file.contains("secure");
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    for (JsonNode pair : c.test.get("in")) {
      byte[] key = key(pair.get(0).asText(), secure);
      JsonNode value = pair.get(1);
      if (value.isNull()) {
        trie.delete(key);
        model.remove(key);
      } else {
        byte[] bytes = text(value.asText());
        trie.put(key, bytes);
        if (bytes.length == 0) {
          model.remove(key);
        } else {
          model.put(key, bytes);
        }
      }
    }
    checkRoot(c, trie, model);
  }

  /** "in" is a map: the root must not depend on insertion order, so try several. */
  private static void runAnyOrder(Case c) {
    boolean secure = c.file.contains("secure");
    List<byte[][]> pairs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : c.test.get("in").properties()) {
      pairs.add(new byte[][] {key(e.getKey(), secure), text(e.getValue().asText())});
    }
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    pairs.forEach(p -> model.put(p[0], p[1]));
    Random random = new Random(c.name.hashCode());
    for (int order = 0; order < 8; order++) {
      MerklePatriciaTrie trie = new MerklePatriciaTrie();
      pairs.forEach(p -> trie.put(p[0], p[1]));
      checkRoot(c, trie, model);
      Collections.shuffle(pairs, random);
    }
  }

  /** "in" lists keys; each test is [key, previous key, next key], "" for none. */
  private static void runNextPrevious(Case c) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (JsonNode key : c.test.get("in")) {
      trie.put(text(key.asText()), text(key.asText()));
    }
    for (JsonNode t : c.test.get("tests")) {
      byte[] key = text(t.get(0).asText());
      assertThat(previous(trie, key)).as("before %s", t.get(0)).isEqualTo(t.get(1).asText());
      assertThat(next(trie, key)).as("after %s", t.get(0)).isEqualTo(t.get(2).asText());
    }
  }

  private static String next(MerklePatriciaTrie trie, byte[] key) {
    Iterator<TrieEntry> it = trie.ascendingFrom(key);
    while (it.hasNext()) {
      byte[] found = it.next().key().array();
      if (!Arrays.equals(found, key)) {
        return new String(found, StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static String previous(MerklePatriciaTrie trie, byte[] key) {
    Iterator<TrieEntry> it = trie.descendingFrom(key);
    while (it.hasNext()) {
      byte[] found = it.next().key().array();
      if (!Arrays.equals(found, key)) {
        return new String(found, StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static void checkRoot(Case c, MerklePatriciaTrie trie, TreeMap<byte[], byte[]> model) {
    Hash expected = Hash.fromHex(c.test.get("root").asText());
    assertThat(trie.rootHash()).isEqualTo(expected);
    assertThat(ReferenceTrie.root(model)).isEqualTo(expected);

    StackTrieBuilder builder = new StackTrieBuilder();
    model.forEach(builder::add);
    assertThat(builder.rootHash()).isEqualTo(expected);

    Map<Hash, byte[]> store = new HashMap<>();
    TrieCommit commit = trie.commit();
    commit.nodes().forEach(n -> store.put(n.hash(), n.rlp().array()));
    assertThat(commit.root()).isEqualTo(expected);
    MerklePatriciaTrie reopened =
        MerklePatriciaTrie.open(expected, h -> Optional.ofNullable(store.get(h)));
    List<Bytes> keys = new ArrayList<>();
    reopened.forEach(e -> keys.add(e.key()));
    assertThat(keys).containsExactlyElementsOf(model.keySet().stream().map(Bytes::wrap).toList());
    model.forEach(
        (k, v) -> assertThat(reopened.get(k)).hasValueSatisfying(x -> assertThat(x).isEqualTo(v)));
  }

  private static byte[] key(String text, boolean secure) {
    byte[] key = text(text);
    return secure ? Keccak256.hash(key) : key;
  }

  /** The files write hex as 0x...; anything else is the string's own bytes. */
  private static byte[] text(String text) {
    return text.startsWith("0x") ? Hex.decode(text) : text.getBytes(StandardCharsets.UTF_8);
  }
}
