package io.merapi.bench;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.txpool.BlockFiller;
import io.merapi.execution.txpool.TransactionPool;
import io.merapi.execution.txpool.TxPoolConfig;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The transaction pool and payload building on the workload of {@code run.sh block} (EDR's {@code
 * evm_mine}): one sender's 2,000 value transfers of 1 wei to fresh addresses (42M gas; the chain's
 * gas limit is 60M so they fit one block).
 *
 * <ul>
 *   <li>{@code add}: the {@code eth_sendRawTransaction} path for all 2,000: decode the raw bytes,
 *       recover the sender, validate against the head state and insert, into an empty pool;
 *   <li>{@code addRecovered}: the same with the senders already recovered: the pool's own work;
 *   <li>{@code buildBlock}: a payload from the full pool as the Engine API builds it: order by tip,
 *       execute the 2,000 transfers, seal (state root, receipts and transactions roots).
 * </ul>
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar TxPoolBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class TxPoolBenchmark {
  private static final long CHAIN_ID = DevGenesis.CHAIN_ID;

  @Param({"2000"})
  public int transactions;

  private Blockchain chain;
  private List<byte[]> raw;
  private List<io.merapi.types.transaction.Transaction> recovered;
  private TransactionPool full;
  private TransactionPool empty;

  @Setup(Level.Trial)
  public void setUp() {
    Secp256k1.PrivateKey key =
        Secp256k1.PrivateKey.fromBytes(Keccak256.hash("bench sender".getBytes()));
    chain =
        Blockchain.initialize(
            new InMemoryKeyValueStore(),
            DevGenesis.of(
                List.of(key.address()),
                UInt256.valueOf(BigInteger.TEN.pow(30)),
                CHAIN_ID,
                60_000_000));
    raw = new ArrayList<>(transactions);
    for (int i = 0; i < transactions; i++) {
      byte[] to = new byte[20];
      to[0] = 0x20;
      to[16] = (byte) (i >>> 24);
      to[17] = (byte) (i >>> 16);
      to[18] = (byte) (i >>> 8);
      to[19] = (byte) i;
      raw.add(
          new DynamicFeeTransaction(
                  CHAIN_ID,
                  i,
                  UInt256.valueOf(1_000_000_000L),
                  UInt256.valueOf(10_000_000_000L),
                  21_000,
                  Optional.of(Address.wrap(to)),
                  UInt256.ONE,
                  Bytes.EMPTY,
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(key)
              .networkEncoded());
    }
    recovered = new ArrayList<>(transactions);
    for (byte[] tx : raw) {
      io.merapi.types.transaction.Transaction decoded = TransactionDecoder.decodeNetwork(tx);
      decoded.sender();
      recovered.add(decoded);
    }
    full = TransactionPool.create(chain, TxPoolConfig.defaults());
    for (byte[] tx : raw) {
      full.add(TransactionDecoder.decodeNetwork(tx));
    }
    if (full.status().pending() != transactions) {
      throw new IllegalStateException("pool holds " + full.status());
    }
    SealedBlock block = buildBlock();
    if (block.block().transactions().size() != transactions) {
      throw new IllegalStateException("block holds " + block.block().transactions().size());
    }
  }

  @Setup(Level.Invocation)
  public void emptyPool() {
    empty = TransactionPool.create(chain, TxPoolConfig.defaults());
  }

  @TearDown(Level.Invocation)
  public void closePool() {
    empty.close();
  }

  @Benchmark
  public TransactionPool add() {
    for (byte[] tx : raw) {
      empty.add(TransactionDecoder.decodeNetwork(tx));
    }
    return empty;
  }

  /** The pool's own work: transactions whose senders are already recovered (cached). */
  @Benchmark
  public TransactionPool addRecovered() {
    for (io.merapi.types.transaction.Transaction tx : recovered) {
      empty.add(tx);
    }
    return empty;
  }

  @Benchmark
  public SealedBlock buildBlock() {
    ChainHead head = chain.head();
    BlockBuilder builder =
        chain.newBlock(
            head.hash(),
            new BlockAttributes(
                head.header().timestamp() + 12,
                Address.ZERO,
                Hash.ZERO,
                head.header().gasLimit(),
                Bytes.EMPTY,
                Optional.of(List.of()),
                Optional.of(Hash.ZERO)));
    BlockFiller filler = new BlockFiller(builder);
    filler.fill(full.ordered(builder.template().baseFeePerGas().orElseThrow()), () -> false);
    return builder.seal();
  }
}
