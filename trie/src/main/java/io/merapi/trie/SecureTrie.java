package io.merapi.trie;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The "secure" trie of the state: every key is replaced by its keccak-256 before it reaches the
 * trie (Yellow Paper 4.1, the world state and account storage tries), so paths are uniformly spread
 * and no key can be crafted to make a path long. Iteration yields the hashed keys; the original
 * keys are not kept.
 */
public final class SecureTrie {
  private final MerklePatriciaTrie trie;

  public SecureTrie() {
    this(new MerklePatriciaTrie());
  }

  private SecureTrie(MerklePatriciaTrie trie) {
    this.trie = trie;
  }

  public static SecureTrie open(Hash root, NodeSource source) {
    return new SecureTrie(MerklePatriciaTrie.open(root, source));
  }

  public Optional<byte[]> get(byte[] key) {
    return trie.get(Keccak256.hash(key));
  }

  public void put(byte[] key, byte[] value) {
    trie.put(Keccak256.hash(key), value);
  }

  public void delete(byte[] key) {
    trie.delete(Keccak256.hash(key));
  }

  public boolean isEmpty() {
    return trie.isEmpty();
  }

  public Hash rootHash() {
    return trie.rootHash();
  }

  public TrieCommit commit() {
    return trie.commit();
  }

  public SecureTrie copy() {
    return new SecureTrie(trie.copy());
  }

  /** The proof for {@code key}: the path of keccak256(key), as {@code eth_getProof} gives it. */
  public List<Bytes> prove(byte[] key) {
    return trie.prove(Keccak256.hash(key));
  }

  /** Entries by ascending hashed key. */
  public Iterator<TrieEntry> iterator() {
    return trie.iterator();
  }

  /** The trie underneath, addressed by hashed keys. */
  public MerklePatriciaTrie hashed() {
    return trie;
  }
}
