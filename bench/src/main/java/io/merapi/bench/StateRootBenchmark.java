package io.merapi.bench;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.HashedKeys;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.SecureTrie;
import io.merapi.trie.StackTrieBuilder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The state-root workload of shared/perf/README.md, the one the peers of {@code run.sh stateroot}
 * run: N accounts, address_i = 0x10 followed by i in 19 big-endian bytes, key keccak(address_i),
 * value rlp([i, i * 10^18, emptyRoot, emptyCodeHash]); for N = 100,000 the root is 0x695f238e...
 * ac152f. Each invocation starts from the addresses: hashing them, encoding the accounts and
 * sorting are timed, as EDR's figure includes building its genesis state.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar StateRootBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class StateRootBenchmark {
  private static final Hash ROOT_100K =
      Hash.fromHex("0x695f238eed8c045d05e9c8ac401acf4bffb8f70756ffc1d0cb9af6bd76ac152f");
  private static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);

  @Param({"100000", "1000000"})
  public int accounts;

  @Setup(Level.Trial)
  public void check() {
    if (accounts == 100_000 && !streamingBuilder().equals(ROOT_100K)) {
      throw new IllegalStateException("wrong state root for the 100k workload");
    }
    if (accounts == 100_000 && !secureTrie().equals(ROOT_100K)) {
      throw new IllegalStateException("wrong state root for the 100k workload (trie)");
    }
  }

  /** Hash the addresses, sort the keys, stream them into the builder. */
  @Benchmark
  public Hash streamingBuilder() {
    int n = accounts;
    byte[] keys = new byte[32 * n];
    byte[] address = new byte[20];
    address[0] = 0x10;
    for (int i = 0; i < n; i++) {
      setIndex(address, i);
      Keccak256.hash(address, 0, 20, keys, 32 * i);
    }
    int[] order = HashedKeys.ascendingOrder(keys, n);
    StackTrieBuilder builder = new StackTrieBuilder();
    RlpWriter writer = new RlpWriter(96);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      writer.reset();
      encodeAccount(writer, i);
      byte[] value = writer.toByteArray();
      builder.add(keys, 32 * i, 32, value, 0, value.length);
    }
    return builder.rootHash();
  }

  /** The general trie, accounts inserted in address order (random key order). */
  @Benchmark
  public Hash secureTrie() {
    SecureTrie trie = new SecureTrie();
    byte[] address = new byte[20];
    address[0] = 0x10;
    RlpWriter writer = new RlpWriter(96);
    for (int i = 0; i < accounts; i++) {
      setIndex(address, i);
      writer.reset();
      encodeAccount(writer, i);
      trie.put(address, writer.toByteArray());
    }
    return trie.rootHash();
  }

  private static void setIndex(byte[] address, int i) {
    Arrays.fill(address, 1, 20, (byte) 0);
    for (int k = 19, x = i; k > 0 && x > 0; k--, x >>>= 8) {
      address[k] = (byte) x;
    }
  }

  private static void encodeAccount(RlpWriter writer, int i) {
    writer
        .startList()
        .writeLong(i)
        .writeUInt256(UInt256.valueOf(i).multiply(ETHER))
        .writeHash(MerklePatriciaTrie.EMPTY_ROOT)
        .writeHash(Keccak256.EMPTY)
        .endList();
  }
}
