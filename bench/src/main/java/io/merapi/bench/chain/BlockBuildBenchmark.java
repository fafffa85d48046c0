package io.merapi.bench.chain;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.blocktest.TestNetworks;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.state.block.PendingBlock;
import io.merapi.storage.RocksDbConfig;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The block-building workload of {@code shared/perf/peers/run.sh block} (EDR's {@code evm_mine}):
 * one block of 2,000 value transfers (EIP-1559, 1 wei, 21,000 gas each: 42M gas) from one funded
 * account to fresh addresses, senders already recovered, on a Cancun chain in RocksDB. {@code
 * build} times the builder from start to sealed header (execution, receipts, every root, the state
 * root from the account trie); {@code buildAndStore} adds the atomic write of the block, its
 * receipts, trie nodes and state diff, and the head move, as {@code evm_mine} also stores its
 * block. Each invocation gets fresh recipients and the next nonces.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar BlockBuildBenchmark -f 1 -wi 5 -i 10
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class BlockBuildBenchmark {
  static final int TRANSFERS = 2000;
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromBytes(Keccak256.hash("block build sender".getBytes()));
  private static final Address COINBASE =
      Address.fromHex("0x00000000000000000000000000000000000c0ffe");

  private Path directory;
  private RocksDbKeyValueStore store;
  private Blockchain chain;
  private List<Transaction> txs;
  private long round;

  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("merapi-blockbuild");
    store = RocksDbKeyValueStore.open(directory, RocksDbConfig.defaults());
    chain = Blockchain.initialize(store, genesis());
  }

  static Genesis genesis() {
    return new Genesis(
        TestNetworks.config("Cancun").orElseThrow(),
        0,
        1_700_000_000L,
        Bytes.EMPTY,
        2_000_000_000L,
        Optional.of(UInt256.ZERO),
        Hash.ZERO,
        Address.ZERO,
        Map.of(
            KEY.address(),
            new GenesisAccount(UInt256.valueOf(BigInteger.TEN.pow(30)), 0, Bytes.EMPTY, Map.of())),
        0,
        0,
        Hash.ZERO,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty());
  }

  /** The next block's transactions: signed, hashed and with senders recovered, as from a pool. */
  @Setup(Level.Invocation)
  public void transactions() {
    long nonce = chain.headState().account(KEY.address()).map(a -> a.nonce()).orElse(0L);
    UInt256 fee = chain.head().header().baseFeePerGas().orElseThrow().multiply(2);
    txs = new ArrayList<>(TRANSFERS);
    for (int i = 0; i < TRANSFERS; i++) {
      byte[] to = new byte[20];
      long index = 0x2000_0000L + round * 1_000_000 + i;
      for (int b = 0; b < 8; b++) {
        to[19 - b] = (byte) (index >>> (8 * b));
      }
      Transaction tx =
          new DynamicFeeTransaction(
                  1,
                  nonce + i,
                  UInt256.ZERO,
                  fee,
                  21_000,
                  Optional.of(Address.wrap(to)),
                  UInt256.ONE,
                  Bytes.EMPTY,
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(KEY);
      tx.sender();
      tx.hash();
      txs.add(tx);
    }
    round++;
  }

  SealedBlock buildBlock() {
    var head = chain.head();
    BlockBuilder builder =
        chain.newBlock(
            head.hash(),
            new BlockAttributes(
                head.header().timestamp() + 1,
                COINBASE,
                Hash.ZERO,
                head.header().gasLimit(),
                Bytes.EMPTY,
                Optional.of(List.of()),
                Optional.of(Hash.ZERO)));
    for (Transaction tx : txs) {
      if (builder.add(tx) instanceof PendingBlock.Inclusion.Rejected rejected) {
        throw new IllegalStateException(rejected.reason());
      }
    }
    SealedBlock sealed = builder.seal();
    if (sealed.block().header().gasUsed() != 21_000L * TRANSFERS) {
      throw new IllegalStateException("gas used " + sealed.block().header().gasUsed());
    }
    return sealed;
  }

  /** Build and seal only (the chain does not move, so every invocation builds on the same head). */
  @Benchmark
  public SealedBlock build() {
    return buildBlock();
  }

  /** Build, seal and store as the new head. */
  @Benchmark
  public SealedBlock buildAndStore() {
    SealedBlock sealed = buildBlock();
    chain.importSealed(sealed, true);
    return sealed;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
