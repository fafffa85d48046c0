package io.merapi.bench.logs;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.blocktest.TestNetworks;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.filter.BloomBitsIndex;
import io.merapi.execution.filter.LogFilter;
import io.merapi.execution.filter.LogSearch;
import io.merapi.state.block.PendingBlock;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.storage.TrieNodeStore;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.json.RpcLog;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code eth_getLogs} over a long chain, with and without the bloom-bits index (seed 004). Builds
 * (once, into {@code DATADIR}) a chain of {@code BLOCKS} blocks, each with one transaction whose
 * contract emits a log (so every header bloom is non-empty and a scan must test each one); every
 * 10,000th block also calls a second, rare contract. Then times two queries over the whole chain
 * through {@link LogSearch}, the engine of {@code eth_getLogs}: the rare address (10 logs) and one
 * topic value that recurs every 1,000 blocks (100 logs).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.merapi.bench.logs.LogQueryBench DATADIR
 * [BLOCKS]}
 */
public final class LogQueryBench {
  static final Address EMITTER = Address.fromHex("0x00000000000000000000000000000000000e1717");
  static final Address RARE = Address.fromHex("0x000000000000000000000000000000000000ba4e");
  static final Hash TOPIC0 = Keccak256.digest("Ping(uint256)".getBytes());

  private LogQueryBench() {}

  public static void main(String[] args) throws Exception {
    Path datadir = Path.of(args[0]);
    long blocks = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
    Secp256k1.PrivateKey key =
        Secp256k1.PrivateKey.fromBytes(Keccak256.hash("log bench key".getBytes()));
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(datadir.resolve("chaindata"))) {
      Blockchain chain = Blockchain.initialize(store, genesis(key.address()));
      build(chain, key, blocks);
      try (BloomBitsIndex index = new BloomBitsIndex(store, chain)) {
        long started = System.nanoTime();
        int sections = index.catchUp();
        System.out.printf(
            "index: %d sections built in %.1f s%n", sections, (System.nanoTime() - started) / 1e9);
        ChainAccess access = new ChainAccess(chain, new TrieNodeStore(store));
        LogSearch indexed = new LogSearch(access, Optional.of(index), 1_000_000);
        LogSearch scanning = new LogSearch(access, Optional.empty(), 1_000_000);
        long head = chain.head().number();
        LogFilter rare = new LogFilter(List.of(RARE), List.of());
        LogFilter topic =
            new LogFilter(List.of(), List.of(List.of(), List.of(UInt256.valueOf(7).toHash())));
        for (int round = 0; round < 2; round++) { // the first round warms up
          boolean report = round == 1;
          time("address, bloom-bits index", indexed, rare, head, report);
          time("address, header scan", scanning, rare, head, report);
          time("topic, bloom-bits index", indexed, topic, head, report);
          time("topic, header scan", scanning, topic, head, report);
        }
      }
    }
  }

  private static void time(
      String name, LogSearch search, LogFilter filter, long head, boolean report) {
    int runs = 5;
    double[] ms = new double[runs];
    int found = 0;
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      List<RpcLog> logs = search.logs(filter, 0, head);
      ms[i] = (System.nanoTime() - started) / 1e6;
      found = logs.size();
    }
    Arrays.sort(ms);
    if (report) {
      System.out.printf(
          "eth_getLogs over %d blocks, %-28s %4d logs, median %9.2f ms (min %.2f, max %.2f)%n",
          head + 1, name + ":", found, ms[runs / 2], ms[0], ms[runs - 1]);
    }
  }

  /** LOG2(topic0, calldata word 0) with no data. */
  static byte[] emitterCode() {
    byte[] code = new byte[1 + 2 + 1 + 33 + 2 + 2 + 1 + 1];
    int at = 0;
    code[at++] = 0x60; // PUSH1 0
    code[at++] = 0x00;
    code[at++] = 0x35; // CALLDATALOAD
    code[at++] = 0x7f; // PUSH32 topic0
    System.arraycopy(TOPIC0.array(), 0, code, at, 32);
    at += 32;
    code[at++] = 0x60; // PUSH1 0 (size)
    code[at++] = 0x00;
    code[at++] = 0x60; // PUSH1 0 (offset)
    code[at++] = 0x00;
    code[at++] = (byte) 0xa2; // LOG2
    code[at] = 0x00; // STOP
    return Arrays.copyOf(code, at + 1);
  }

  static Genesis genesis(Address funded) {
    GenesisAccount emitter =
        new GenesisAccount(UInt256.ZERO, 1, Bytes.wrap(emitterCode()), Map.of());
    return new Genesis(
        TestNetworks.config("Cancun").orElseThrow(),
        0,
        1_700_000_000L,
        Bytes.EMPTY,
        30_000_000,
        Optional.of(UInt256.ZERO),
        Hash.ZERO,
        Address.ZERO,
        Map.of(
            funded,
            new GenesisAccount(UInt256.valueOf(BigInteger.TEN.pow(30)), 0, Bytes.EMPTY, Map.of()),
            EMITTER,
            emitter,
            RARE,
            emitter),
        0,
        0,
        Hash.ZERO,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty());
  }

  /** Extends the chain to {@code blocks} blocks after genesis, one log-emitting call each. */
  static void build(Blockchain chain, Secp256k1.PrivateKey key, long blocks) {
    long started = System.nanoTime();
    long from = chain.head().number();
    for (long n = from + 1; n <= blocks; n++) {
      ChainHead parent = chain.head();
      BlockBuilder builder =
          chain.newBlock(
              parent.hash(),
              new BlockAttributes(
                  parent.header().timestamp() + 12,
                  Address.ZERO,
                  Hash.ZERO,
                  30_000_000,
                  Bytes.EMPTY,
                  Optional.of(List.of()),
                  Optional.of(Hash.ZERO)));
      UInt256 fee = builder.template().baseFeePerGas().orElseThrow().multiply(2).add(UInt256.ONE);
      Address to = n % 10_000 == 0 ? RARE : EMITTER;
      Bytes word = Bytes.wrap(UInt256.valueOf(n % 1000).toHash().array());
      DynamicFeeTransaction tx =
          (DynamicFeeTransaction)
              new DynamicFeeTransaction(
                      chain.config().chainId(),
                      n - 1,
                      UInt256.ONE,
                      fee,
                      50_000,
                      Optional.of(to),
                      UInt256.ZERO,
                      word,
                      AccessList.EMPTY,
                      UInt256.ZERO,
                      UInt256.ZERO,
                      UInt256.ZERO)
                  .sign(key);
      if (builder.add(tx) instanceof PendingBlock.Inclusion.Rejected r) {
        throw new IllegalStateException("block " + n + ": " + r.reason());
      }
      chain.importSealed(builder.seal(), true);
      if (n % 10_000 == 0) {
        System.out.printf("built block %d (%.1f s)%n", n, (System.nanoTime() - started) / 1e9);
      }
    }
  }
}
