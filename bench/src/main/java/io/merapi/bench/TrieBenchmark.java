package io.merapi.bench;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.OrderedListRoot;
import io.merapi.trie.StackTrieBuilder;
import io.merapi.trie.TrieCommit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The general trie: a million random 32-byte keys inserted and hashed, the root of a 10,000-item
 * list, proofs, and how close hashing runs to the keccak limit.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar TrieBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>{@code rootHashOnly} hashes a freshly filled million-key trie; {@code keccakOnly} runs
 * keccak-256 alone over the RLP of exactly the nodes that root hashes. Their ratio is the cost of
 * the trie around the hashing (walking, encoding); 1.0 would be the keccak limit.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class TrieBenchmark {
  private static final int KEYS = 1_000_000;

  private byte[][] keys;
  private byte[][] values;
  private byte[][] sortedKeys;
  private byte[][] sortedValues;
  private List<byte[]> transactions;
  private MerklePatriciaTrie full;
  private byte[][] nodes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    keys = new byte[KEYS][32];
    values = new byte[KEYS][32];
    for (int i = 0; i < KEYS; i++) {
      random.nextBytes(keys[i]);
      random.nextBytes(values[i]);
    }
    // 10,000 items of a simple transfer's size (about 110 bytes).
    transactions =
        java.util.stream.IntStream.range(0, 10_000)
            .mapToObj(
                i -> {
                  byte[] tx = new byte[110];
                  random.nextBytes(tx);
                  return tx;
                })
            .toList();
    Integer[] order = new Integer[KEYS];
    for (int i = 0; i < KEYS; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> java.util.Arrays.compareUnsigned(keys[a], keys[b]));
    sortedKeys = new byte[KEYS][];
    sortedValues = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      sortedKeys[i] = keys[order[i]];
      sortedValues[i] = values[order[i]];
    }
    full = fill();
    TrieCommit commit = full.commit();
    nodes = commit.nodes().stream().map(EncodedNode::rlp).map(Bytes::array).toArray(byte[][]::new);
  }

  MerklePatriciaTrie fill() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < KEYS; i++) {
      trie.put(keys[i], values[i]);
    }
    return trie;
  }

  /** Insert 1,000,000 random keys into an empty trie and compute the root. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public Hash insertMillionAndRoot() {
    return fill().rootHash();
  }

  /** A million-key trie filled and not hashed yet, new for each invocation. */
  @State(Scope.Benchmark)
  public static class Unhashed {
    MerklePatriciaTrie trie;

    @Setup(Level.Invocation)
    public void fill(TrieBenchmark benchmark) {
      trie = null;
      trie = benchmark.fill();
    }
  }

  /** Only the hashing of a filled million-key trie (filled untimed before each invocation). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public Hash rootHashOnly(Unhashed unhashed) {
    return unhashed.trie.rootHash();
  }

  /** keccak-256 over the RLP of every node rootHashOnly hashes: the floor for that work. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public byte[] keccakOnly() {
    byte[] out = new byte[32];
    for (byte[] node : nodes) {
      Keccak256.hash(node, 0, node.length, out, 0);
    }
    return out;
  }

  /**
   * The same million keys, already sorted, through the streaming builder: the same nodes as
   * rootHashOnly hashes (the trie's shape depends only on its content), with no trie in memory.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public Hash streamingBuilderMillion() {
    StackTrieBuilder builder = new StackTrieBuilder();
    for (int i = 0; i < KEYS; i++) {
      builder.add(sortedKeys[i], sortedValues[i]);
    }
    return builder.rootHash();
  }

  /**
   * A block's worth of state changes on a big trie: 2,000 keys of the hashed million-key trie set
   * to new values (on a copy, so every invocation starts from the same trie), then the root. Only
   * the changed paths are rehashed.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Hash update2000AndRoot() {
    MerklePatriciaTrie trie = full.copy();
    for (int i = 0; i < 2000; i++) {
      next = (next + 7919) % KEYS;
      trie.put(keys[next], values[(next + 1) % KEYS]);
    }
    return trie.rootHash();
  }

  /** The transactions root of a block of 10,000 transactions. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Hash orderedListRoot10k() {
    return OrderedListRoot.of(transactions);
  }

  /** A proof of a random present key in the hashed million-key trie. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public List<Bytes> proof() {
    next = (next + 7919) % KEYS;
    return full.prove(keys[next]);
  }

  /** keccak-256 of keys, for comparison with proof and root figures. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public byte[] keccak32() {
    next = (next + 1) % KEYS;
    return Keccak256.hash(keys[next]);
  }
}
