package io.merapi.trie;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The trie root straight from the Yellow Paper's definition (appendix D, functions c and n), with
 * no nodes and no caching: the oracle the real trie is tested against.
 */
final class ReferenceTrie {
  private ReferenceTrie() {}

  static Hash root(SortedMap<byte[], byte[]> entries) {
    List<byte[][]> items = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
      items.add(new byte[][] {Nibbles.of(e.getKey()), e.getValue()});
    }
    if (items.isEmpty()) {
      return MerklePatriciaTrie.EMPTY_ROOT;
    }
    return Keccak256.digest(compose(items, 0));
  }

  /** c(J, i): the node over items that agree on their first i nibbles. */
  private static byte[] compose(List<byte[][]> items, int i) {
    RlpWriter out = new RlpWriter();
    if (items.size() == 1) {
      byte[] key = items.get(0)[0];
      return out.startList()
          .writeBytes(hexPrefix(key, i, key.length, true))
          .writeBytes(items.get(0)[1])
          .endList()
          .toByteArray();
    }
    int shared = sharedPrefix(items, i);
    if (shared > 0) {
      byte[] key = items.get(0)[0];
      out.startList().writeBytes(hexPrefix(key, i, i + shared, false));
      reference(out, items, i + shared);
      return out.endList().toByteArray();
    }
    out.startList();
    byte[] value = new byte[0];
    for (int nibble = 0; nibble < 16; nibble++) {
      List<byte[][]> group = new ArrayList<>();
      for (byte[][] item : items) {
        if (item[0].length > i && item[0][i] == nibble) {
          group.add(item);
        }
      }
      if (group.isEmpty()) {
        out.writeEmpty();
      } else {
        reference(out, group, i + 1);
      }
    }
    for (byte[][] item : items) {
      if (item[0].length == i) {
        value = item[1];
      }
    }
    return out.writeBytes(value).endList().toByteArray();
  }

  /** n(J, i): the node inline when its RLP is under 32 bytes, else its hash. */
  private static void reference(RlpWriter out, List<byte[][]> items, int i) {
    byte[] node = compose(items, i);
    if (node.length < 32) {
      out.writeRaw(node);
    } else {
      out.writeBytes(Keccak256.hash(node));
    }
  }

  private static int sharedPrefix(List<byte[][]> items, int i) {
    int shared = Integer.MAX_VALUE;
    byte[] first = items.get(0)[0];
    for (byte[][] item : items) {
      byte[] key = item[0];
      int n = 0;
      while (i + n < key.length && i + n < first.length && key[i + n] == first[i + n]) {
        n++;
      }
      shared = Math.min(shared, n);
    }
    return shared;
  }

  private static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
    int count = to - from;
    byte[] out = new byte[count / 2 + 1];
    int flag = (leaf ? 2 : 0) + (count % 2);
    int start = from;
    if (count % 2 == 1) {
      out[0] = (byte) ((flag << 4) | nibbles[start++]);
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int k = 1; k < out.length; k++) {
      out[k] = (byte) ((nibbles[start] << 4) | nibbles[start + 1]);
      start += 2;
    }
    return out;
  }
}
