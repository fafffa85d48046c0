package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.Rlp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The nodes {@link OrderedListRoot#of(List, java.util.function.Consumer)} hands out are exactly
 * enough to read every item back from the root alone, as the fault-proof program reads a block's
 * transactions and receipts from the pre-image oracle.
 */
class OrderedListNodesTest {
  @Test
  void theEmittedNodesServeEveryItemFromTheRoot() {
    for (int count : new int[] {1, 2, 16, 127, 128, 129, 300}) {
      List<byte[]> items = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        // Short items end up inline in their parents, long ones hashed: both kinds occur.
        byte[] item = new byte[i % 3 == 0 ? 3 : 40];
        item[0] = (byte) i;
        item[item.length - 1] = (byte) (i >>> 8);
        items.add(item);
      }
      Map<Hash, byte[]> nodes = new HashMap<>();
      Hash root =
          OrderedListRoot.of(
              items,
              node -> {
                assertThat(Keccak256.digest(node.rlp().array())).isEqualTo(node.hash());
                nodes.put(node.hash(), node.rlp().array());
              });
      assertThat(root).isEqualTo(OrderedListRoot.of(items));
      assertThat(nodes).containsKey(root);
      MerklePatriciaTrie trie =
          MerklePatriciaTrie.open(root, hash -> Optional.ofNullable(nodes.get(hash)));
      for (int i = 0; i < count; i++) {
        assertThat(trie.get(Rlp.encodeLong(i)))
            .as("item %d of %d", i, count)
            .contains(items.get(i));
      }
    }
  }
}
