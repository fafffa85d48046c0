package io.merapi.bench;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.StackTrieBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * How close trie hashing runs to the keccak limit, in thread CPU time (which a machine shared with
 * other jobs disturbs far less than wall time): the root of a freshly filled million-key trie, the
 * streaming builder over the same keys sorted, and keccak-256 alone over the RLP of exactly the
 * nodes both hash. Prints the best of several rounds and the ratios.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.merapi.bench.HashingCost [keys] [rounds]
 * </pre>
 */
public final class HashingCost {
  private HashingCost() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Random random = new Random(42);
    byte[][] keys = new byte[n][32];
    byte[][] values = new byte[n][32];
    for (int i = 0; i < n; i++) {
      random.nextBytes(keys[i]);
      random.nextBytes(values[i]);
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));

    long bestInsert = Long.MAX_VALUE;
    long bestRoot = Long.MAX_VALUE;
    long bestBuilder = Long.MAX_VALUE;
    long bestKeccak = Long.MAX_VALUE;
    byte[][] nodes = new byte[0][];
    for (int round = 0; round < rounds; round++) {
      long t0 = threads.getCurrentThreadCpuTime();
      MerklePatriciaTrie trie = new MerklePatriciaTrie();
      for (int i = 0; i < n; i++) {
        trie.put(keys[i], values[i]);
      }
      long t1 = threads.getCurrentThreadCpuTime();
      trie.rootHash();
      long t2 = threads.getCurrentThreadCpuTime();
      StackTrieBuilder builder = new StackTrieBuilder();
      for (Integer i : order) {
        builder.add(keys[i], values[i]);
      }
      builder.rootHash();
      long t3 = threads.getCurrentThreadCpuTime();
      if (round == 0) {
        nodes =
            trie.commit().nodes().stream()
                .map(EncodedNode::rlp)
                .map(Bytes::array)
                .toArray(byte[][]::new);
      }
      long t4 = threads.getCurrentThreadCpuTime();
      byte[] out = new byte[32];
      for (byte[] node : nodes) {
        Keccak256.hash(node, 0, node.length, out, 0);
      }
      long t5 = threads.getCurrentThreadCpuTime();
      bestInsert = Math.min(bestInsert, t1 - t0);
      bestRoot = Math.min(bestRoot, t2 - t1);
      bestBuilder = Math.min(bestBuilder, t3 - t2);
      bestKeccak = Math.min(bestKeccak, t5 - t4);
    }
    System.out.printf(
        "%d keys, %d nodes hashed; best of %d rounds, thread CPU time:%n", n, nodes.length, rounds);
    System.out.printf("  insert into the trie   %7.1f ms%n", bestInsert / 1e6);
    System.out.printf(
        "  trie root (hashing)    %7.1f ms  %.2fx keccak%n",
        bestRoot / 1e6, (double) bestRoot / bestKeccak);
    System.out.printf(
        "  streaming builder      %7.1f ms  %.2fx keccak%n",
        bestBuilder / 1e6, (double) bestBuilder / bestKeccak);
    System.out.printf("  keccak over the nodes  %7.1f ms%n", bestKeccak / 1e6);
    System.out.printf(
        "  insert + root          %7.0f keys/s%n", n / ((bestInsert + bestRoot) / 1e9));
  }
}
