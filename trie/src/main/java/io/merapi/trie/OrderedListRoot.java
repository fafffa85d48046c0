package io.merapi.trie;

import io.merapi.base.bytes.Hash;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The root of a list as the block header commits to it: the trie mapping {@code rlp(i)} to the i-th
 * item's encoding (Yellow Paper 4.3, transactionsRoot and receiptsRoot; EIP-4895 withdrawalsRoot).
 * Typed transactions and receipts go in as their EIP-2718 envelope bytes.
 *
 * <p>The keys' byte order is not the index order (rlp(0) = 0x80 sorts after rlp(1..127) =
 * 0x01..0x7f, and rlp(128..) = 0x81.., 0x82.. after it), so the items are fed to a {@link
 * StackTrieBuilder} in that order and no trie is built.
 */
public final class OrderedListRoot {
  private OrderedListRoot() {}

  public static Hash of(List<byte[]> items) {
    return of(items.size(), items::get);
  }

  /** The root over {@code item.apply(0) .. item.apply(count - 1)}. */
  public static Hash of(int count, IntFunction<byte[]> item) {
    return build(new StackTrieBuilder(), count, item);
  }

  /**
   * The root over {@code items}, handing every node that is referenced by hash (and the root) to
   * {@code sink}: the nodes a reader needs to walk the list from its root alone, as the fault-proof
   * host stores them for a block's transactions and receipts.
   */
  public static Hash of(List<byte[]> items, Consumer<EncodedNode> sink) {
    return build(new StackTrieBuilder(sink), items.size(), items::get);
  }

  private static Hash build(StackTrieBuilder builder, int count, IntFunction<byte[]> item) {
    byte[] key = new byte[9];
    int small = Math.min(count, 128);
    for (int i = 1; i < small; i++) {
      add(builder, key, i, item);
    }
    if (count > 0) {
      add(builder, key, 0, item);
    }
    for (int i = 128; i < count; i++) {
      add(builder, key, i, item);
    }
    return builder.rootHash();
  }

  private static void add(
      StackTrieBuilder builder, byte[] key, int index, IntFunction<byte[]> item) {
    byte[] value = item.apply(index);
    builder.add(key, 0, encodeIndex(index, key), value, 0, value.length);
  }

  /** Writes rlp(index) to {@code out} and returns its length. */
  static int encodeIndex(int index, byte[] out) {
    if (index == 0) {
      out[0] = (byte) 0x80;
      return 1;
    }
    if (index < 0x80) {
      out[0] = (byte) index;
      return 1;
    }
    int length = 4 - Integer.numberOfLeadingZeros(index) / 8;
    out[0] = (byte) (0x80 + length);
    for (int i = 0; i < length; i++) {
      out[1 + i] = (byte) (index >>> (8 * (length - 1 - i)));
    }
    return 1 + length;
  }
}
