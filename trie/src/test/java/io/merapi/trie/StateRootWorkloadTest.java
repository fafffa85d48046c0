package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The state-root workload of shared/perf (the root both peers compute for 100,000 accounts), by the
 * streaming builder over sorted keys and by the general trie in address order.
 */
class StateRootWorkloadTest {
  private static final int N = 100_000;
  private static final Hash EXPECTED =
      Hash.fromHex("0x695f238eed8c045d05e9c8ac401acf4bffb8f70756ffc1d0cb9af6bd76ac152f");
  private static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);

  static byte[] address(int i) {
    byte[] address = new byte[20];
    address[0] = 0x10;
    for (int k = 19, x = i; k > 0 && x > 0; k--, x >>>= 8) {
      address[k] = (byte) x;
    }
    return address;
  }

  static byte[] account(int i) {
    return new RlpWriter(80)
        .startList()
        .writeLong(i)
        .writeUInt256(UInt256.valueOf(i).multiply(ETHER))
        .writeHash(MerklePatriciaTrie.EMPTY_ROOT)
        .writeHash(Keccak256.EMPTY)
        .endList()
        .toByteArray();
  }

  @Test
  void streamingBuilderGivesThePeersRoot() {
    byte[][][] entries = new byte[N][][];
    for (int i = 0; i < N; i++) {
      entries[i] = new byte[][] {Keccak256.hash(address(i)), account(i)};
    }
    Arrays.sort(entries, Comparator.comparing((byte[][] e) -> e[0], Arrays::compareUnsigned));
    StackTrieBuilder builder = new StackTrieBuilder();
    for (byte[][] e : entries) {
      builder.add(e[0], e[1]);
    }
    assertThat(builder.rootHash()).isEqualTo(EXPECTED);
  }

  @Test
  void secureTrieGivesThePeersRoot() {
    SecureTrie trie = new SecureTrie();
    for (int i = 0; i < N; i++) {
      trie.put(address(i), account(i));
    }
    assertThat(trie.rootHash()).isEqualTo(EXPECTED);
  }
}
