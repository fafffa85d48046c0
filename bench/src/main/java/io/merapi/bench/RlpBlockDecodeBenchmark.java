package io.merapi.bench;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Strict RLP decoding of a block of 1,000 signed transactions (the shape of a busy mainnet block:
 * three quarters EIP-1559, one quarter legacy; most are transfers or short calls, one in ten
 * carries 1 KiB of calldata), about 240 KB. {@code decode} parses the block into objects; {@code
 * decodeAndHash} also computes every transaction hash (what the transactions root needs); {@code
 * encode} is the reverse.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RlpBlockDecodeBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RlpBlockDecodeBenchmark {
  private static final int TRANSACTIONS = 1_000;

  private byte[] encoded;
  private Block block;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    Secp256k1.PrivateKey key =
        Secp256k1.PrivateKey.fromHex(
            "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    List<Transaction> txs = new ArrayList<>(TRANSACTIONS);
    for (int i = 0; i < TRANSACTIONS; i++) {
      byte[] to = new byte[20];
      random.nextBytes(to);
      byte[] data = new byte[i % 10 == 0 ? 1024 : (i % 3 == 0 ? 68 : 0)];
      random.nextBytes(data);
      UInt256 value = UInt256.valueOf(random.nextLong() >>> 4);
      if (i % 4 == 0) {
        txs.add(
            LegacyTransaction.unsigned(
                    OptionalLong.of(1),
                    i,
                    UInt256.valueOf(30_000_000_000L),
                    21_000 + 16L * data.length,
                    Optional.of(Address.wrap(to)),
                    value,
                    Bytes.wrap(data))
                .sign(key));
      } else {
        txs.add(
            new DynamicFeeTransaction(
                    1,
                    i,
                    UInt256.valueOf(1_000_000_000L),
                    UInt256.valueOf(40_000_000_000L),
                    21_000 + 16L * data.length,
                    Optional.of(Address.wrap(to)),
                    value,
                    Bytes.wrap(data),
                    AccessList.EMPTY,
                    UInt256.ZERO,
                    UInt256.ZERO,
                    UInt256.ZERO)
                .sign(key));
      }
    }
    Header header =
        Header.builder()
            .parentHash(Hash.fromHex("0x" + "11".repeat(32)))
            .number(20_000_000)
            .gasLimit(30_000_000)
            .gasUsed(29_000_000)
            .timestamp(1_700_000_000)
            .baseFeePerGas(Optional.of(UInt256.valueOf(20_000_000_000L)))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .blobGasUsed(OptionalLong.of(0))
            .excessBlobGas(OptionalLong.of(0))
            .parentBeaconBlockRoot(Optional.of(Hash.ZERO))
            .build();
    block = new Block(header, new BlockBody(txs, List.of(), Optional.of(List.of())));
    encoded = block.encoded();
  }

  @Benchmark
  public Block decode() {
    return Block.decode(encoded);
  }

  @Benchmark
  public int decodeAndHash() {
    Block decoded = Block.decode(encoded);
    int h = 0;
    for (Transaction tx : decoded.transactions()) {
      h ^= tx.hash().hashCode();
    }
    return h;
  }

  @Benchmark
  public byte[] encode() {
    return block.encoded();
  }
}
