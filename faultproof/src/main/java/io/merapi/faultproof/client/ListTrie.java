package io.merapi.faultproof.client;

import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.NodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a list a header commits to (transactions, receipts) back from its trie: item i under
 * rlp(i), read in index order until the first absent index. The nodes come from the oracle by hash,
 * so every item is proven by the root.
 */
final class ListTrie {
  private ListTrie() {}

  static <T> List<T> read(Hash root, NodeSource nodes, Function<byte[], T> decode) {
    List<T> items = new ArrayList<>();
    if (root.equals(MerklePatriciaTrie.EMPTY_ROOT)) {
      return items;
    }
    MerklePatriciaTrie trie = MerklePatriciaTrie.open(root, nodes);
    for (long i = 0; ; i++) {
      Optional<byte[]> item = trie.get(new RlpWriter(9).writeLong(i).toByteArray());
      if (item.isEmpty()) {
        return items;
      }
      items.add(decode.apply(item.get()));
    }
  }
}
