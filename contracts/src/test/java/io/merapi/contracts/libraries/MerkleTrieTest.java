package io.merapi.contracts.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.Rlp;
import io.merapi.base.rlp.RlpItem;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.trie.MerklePatriciaTrie;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MerkleTrie and SecureMerkleTrie against proofs made by Merapi's own trie ({@link
 * MerklePatriciaTrie#prove}, eth_getProof's format, which leaves out nodes inlined in their
 * parent), and against the same proofs with the inlined leaf added as viem's maybeAddProofNode adds
 * it for the OP Stack's verifier: both verify; any tampering fails.
 */
class MerkleTrieTest {
  private static final TestChain chain = TestChain.l1();
  private static Address harness;

  @BeforeAll
  static void deploy() {
    harness =
        chain.deploy(
            TestChain.address("deployer"), TestSolidity.contract("MerkleTrieHarness").deployment());
  }

  // ---- calls ----------------------------------------------------------------------------------

  private static List<Object> proofArg(List<Bytes> proof) {
    return new ArrayList<>(proof);
  }

  private static ContractCall<Boolean> verifyCall(
      byte[] key, byte[] value, List<Bytes> proof, Hash root) {
    return TestSolidity.call(
        "verifyInclusionProof(bytes,bytes,bytes[],bytes32)",
        "(bool)",
        out -> (Boolean) out.get(0),
        Bytes.wrap(key),
        Bytes.wrap(value),
        proofArg(proof),
        root);
  }

  private static ContractCall<Bytes> getCall(byte[] key, List<Bytes> proof, Hash root) {
    return TestSolidity.call(
        "get(bytes,bytes[],bytes32)",
        "(bytes)",
        out -> (Bytes) out.get(0),
        Bytes.wrap(key),
        proofArg(proof),
        root);
  }

  private static boolean verify(byte[] key, byte[] value, List<Bytes> proof, Hash root) {
    return chain.call(harness, verifyCall(key, value, proof, root));
  }

  /** The revert reason of a call expected to revert. */
  private static String reason(ContractCall<?> call) {
    Outcome o = chain.simulate(Address.ZERO, harness, UInt256.ZERO, call.data());
    assertThat(o.isSuccess()).as("should revert").isFalse();
    return AbiError.reason(o.revertData()).orElse("data " + Bytes.wrap(o.revertData()).toHex());
  }

  // ---- tries ----------------------------------------------------------------------------------

  /** A trie of {@code n} random keys (1 to 33 bytes, some prefixes of others) and values. */
  private static Map<Bytes, Bytes> randomEntries(Random random, int n) {
    Map<Bytes, Bytes> entries = new LinkedHashMap<>();
    while (entries.size() < n) {
      byte[] key;
      if (!entries.isEmpty() && random.nextInt(5) == 0) {
        // An extension of an existing key, so that values also sit in branch nodes.
        Bytes base = new ArrayList<>(entries.keySet()).get(random.nextInt(entries.size()));
        key = new byte[base.length() + 1 + random.nextInt(3)];
        System.arraycopy(base.array(), 0, key, 0, base.length());
        for (int i = base.length(); i < key.length; i++) {
          key[i] = (byte) random.nextInt(256);
        }
      } else {
        key = new byte[1 + random.nextInt(random.nextBoolean() ? 3 : 33)];
        random.nextBytes(key);
      }
      byte[] value = new byte[1 + random.nextInt(random.nextBoolean() ? 4 : 60)];
      random.nextBytes(value);
      entries.put(Bytes.wrap(key), Bytes.wrap(value));
    }
    return entries;
  }

  private static MerklePatriciaTrie trieOf(Map<Bytes, Bytes> entries) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    entries.forEach((k, v) -> trie.put(k.array(), v.array()));
    return trie;
  }

  /**
   * viem's maybeAddProofNode: when the proof ends in a branch holding the key's leaf inline, that
   * leaf is appended as its own element (the OP Stack's verifier needs it).
   */
  static List<Bytes> maybeAddProofNode(byte[] key, List<Bytes> proof) {
    if (proof.isEmpty()) {
      return proof;
    }
    RlpItem last = Rlp.decode(proof.get(proof.size() - 1).array());
    if (!(last instanceof RlpItem.RlpList list) || list.items().size() != 17) {
      return proof;
    }
    String keyHex = HexFormat.of().formatHex(key);
    List<Bytes> out = new ArrayList<>(proof);
    for (RlpItem item : list.items()) {
      if (item instanceof RlpItem.RlpList inline
          && inline.items().get(0) instanceof RlpItem.RlpString path) {
        String suffix = HexFormat.of().formatHex(path.value().array());
        suffix = suffix.isEmpty() ? "" : suffix.substring(1);
        if (keyHex.endsWith(suffix)) {
          out.add(Bytes.wrap(Rlp.encode(inline)));
        }
      }
    }
    return out;
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void everyKeyOfRandomTriesIsProvenInBothProofStyles() {
    Random random = new Random(31);
    int inlinedLeaves = 0;
    for (int n : new int[] {1, 2, 3, 10, 60, 300}) {
      Map<Bytes, Bytes> entries = randomEntries(random, n);
      MerklePatriciaTrie trie = trieOf(entries);
      Hash root = trie.rootHash();
      int checked = 0;
      for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
        if (n > 60 && checked++ > 60) {
          break;
        }
        byte[] key = e.getKey().array();
        List<Bytes> proof = trie.prove(key);
        assertThat(verify(key, e.getValue().array(), proof, root))
            .as("geth-style proof of %s in a trie of %d", e.getKey(), n)
            .isTrue();
        assertThat(chain.call(harness, getCall(key, proof, root))).isEqualTo(e.getValue());

        List<Bytes> viem = maybeAddProofNode(key, proof);
        if (viem.size() > proof.size()) {
          inlinedLeaves++;
        }
        assertThat(verify(key, e.getValue().array(), viem, root))
            .as("viem-style proof of %s in a trie of %d", e.getKey(), n)
            .isTrue();
      }
    }
    // Short keys and values make small leaves, which their branch holds inline.
    assertThat(inlinedLeaves).as("proofs through inlined leaves").isGreaterThan(10);
  }

  @Test
  void anotherValueIsNotIncluded() {
    Random random = new Random(32);
    Map<Bytes, Bytes> entries = randomEntries(random, 40);
    MerklePatriciaTrie trie = trieOf(entries);
    for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
      byte[] other = e.getValue().toArray();
      other[0] ^= 1;
      assertThat(verify(e.getKey().array(), other, trie.prove(e.getKey().array()), trie.rootHash()))
          .isFalse();
    }
  }

  @Test
  void tamperedProofsNeverVerify() {
    Random random = new Random(33);
    Map<Bytes, Bytes> entries = randomEntries(random, 200);
    MerklePatriciaTrie trie = trieOf(entries);
    Hash root = trie.rootHash();
    int reverted = 0;
    for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
      byte[] key = e.getKey().array();
      List<Bytes> proof = new ArrayList<>(trie.prove(key));
      int node = random.nextInt(proof.size());
      byte[] tampered = proof.get(node).toArray();
      tampered[random.nextInt(tampered.length)] ^= (byte) (1 + random.nextInt(255));
      proof.set(node, Bytes.wrap(tampered));
      Outcome o =
          chain.simulate(
              Address.ZERO,
              harness,
              UInt256.ZERO,
              verifyCall(key, e.getValue().array(), proof, root).data());
      if (o.isSuccess()) {
        // A changed byte in the proven value itself (in the leaf, which no hash checks after it
        // in the geth-style proof of an inlined leaf) can only make the answer false.
        assertThat(verifyCall(key, e.getValue().array(), proof, root).decode(o.output().array()))
            .isFalse();
      } else {
        reverted++;
      }
    }
    assertThat(reverted).isGreaterThan(150);
  }

  @Test
  void aProofAgainstAnotherRootFails() {
    Map<Bytes, Bytes> entries = randomEntries(new Random(34), 20);
    MerklePatriciaTrie trie = trieOf(entries);
    Map.Entry<Bytes, Bytes> e = entries.entrySet().iterator().next();
    byte[] key = e.getKey().array();
    Hash otherRoot = Keccak256.digest(new byte[] {1});
    assertThat(reason(verifyCall(key, e.getValue().array(), trie.prove(key), otherRoot)))
        .isEqualTo("MerkleTrie: invalid root hash");
  }

  @Test
  void proofsMustEndAtTheValue() {
    Map<Bytes, Bytes> entries = randomEntries(new Random(35), 100);
    MerklePatriciaTrie trie = trieOf(entries);
    Hash root = trie.rootHash();
    int lastNodeRefusals = 0;
    for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
      byte[] key = e.getKey().array();
      List<Bytes> proof = trie.prove(key);
      if (proof.size() < 2) {
        continue;
      }
      // Cut short: a hashed child is missing.
      List<Bytes> shortened = proof.subList(0, proof.size() - 1);
      Bytes last = proof.get(proof.size() - 1);
      if (last.length() >= 32) {
        assertThat(reason(verifyCall(key, e.getValue().array(), shortened, root)))
            .isEqualTo("MerkleTrie: ran out of proof elements");
      }
      // An extra element after the value.
      List<Bytes> extra = new ArrayList<>(maybeAddProofNode(key, proof));
      extra.add(proof.get(0));
      // (When the value sits in a node inlined in the last element, the extra element stands
      // where that node should be, and fails as a wrong node instead.)
      String r = reason(verifyCall(key, e.getValue().array(), extra, root));
      assertThat(r).startsWith("MerkleTrie: ");
      if (r.startsWith("MerkleTrie: value node must be last node in proof")) {
        lastNodeRefusals++;
      }
    }
    assertThat(lastNodeRefusals).isGreaterThan(50);
  }

  @Test
  void absentKeysAreNotProven() {
    Random random = new Random(36);
    Map<Bytes, Bytes> entries = randomEntries(random, 50);
    MerklePatriciaTrie trie = trieOf(entries);
    int checked = 0;
    while (checked < 40) {
      byte[] key = new byte[1 + random.nextInt(33)];
      random.nextBytes(key);
      if (entries.containsKey(Bytes.wrap(key))) {
        continue;
      }
      checked++;
      // The proof of absence (eth_getProof's) does not prove any value.
      String reason = reason(getCall(key, trie.prove(key), trie.rootHash()));
      assertThat(reason).startsWith("MerkleTrie: ");
    }
  }

  @Test
  void emptyKeyAndEmptyProofAreRefused() {
    assertThat(reason(getCall(new byte[0], List.of(Bytes.of((byte) 0xc0)), Hash.ZERO)))
        .isEqualTo("MerkleTrie: empty key");
    assertThat(reason(getCall(new byte[] {1}, List.of(), Hash.ZERO)))
        .isEqualTo("MerkleTrie: ran out of proof elements");
  }

  @Test
  void secureTrieProvesStorageAsEthGetProofGivesIt() {
    // A contract's storage, as the portal proves the L2ToL1MessagePasser's: the path is the
    // keccak of the 32-byte slot, the value the RLP of the word.
    TestChain l2 = TestChain.l2();
    Address account = TestChain.address("storage");
    Random random = new Random(37);
    List<Hash> slots = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      byte[] slot = new byte[32];
      random.nextBytes(slot);
      UInt256 value =
          i % 2 == 0 ? UInt256.ONE : UInt256.valueOf(random.nextLong() & Long.MAX_VALUE);
      l2.setStorage(account, UInt256.fromBytes(slot), value);
      slots.add(Hash.wrap(slot));
    }
    Hash root = l2.storageRoot(account);
    for (Hash slot : slots.subList(0, 50)) {
      byte[] value =
          new RlpWriter().writeUInt256(l2.storage(account, UInt256.fromHash(slot))).toByteArray();
      List<Bytes> proof = l2.storageProof(account, slot);
      ContractCall<Boolean> call =
          TestSolidity.call(
              "verifySecureInclusionProof(bytes,bytes,bytes[],bytes32)",
              "(bool)",
              out -> (Boolean) out.get(0),
              Bytes.wrap(slot.array()),
              Bytes.wrap(value),
              proofArg(proof),
              root);
      assertThat(chain.call(harness, call)).isTrue();
      ContractCall<Bytes> get =
          TestSolidity.call(
              "getSecure(bytes,bytes[],bytes32)",
              "(bytes)",
              out -> (Bytes) out.get(0),
              Bytes.wrap(slot.array()),
              proofArg(proof),
              root);
      assertThat(chain.call(harness, get)).isEqualTo(Bytes.wrap(value));
    }
  }
}
