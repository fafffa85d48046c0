package io.merapi.bench.chain;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.files.FileTrees;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.blocktest.TestNetworks;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ImportResult;
import io.merapi.execution.chain.ImportTimings;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.state.block.PendingBlock;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.types.block.Block;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Import throughput on RocksDB over a large state, as a reproducible command (not a CI job: the
 * genesis alone is two million trie leaves):
 *
 * <pre>
 * java -Xmx8g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.merapi.bench.chain.ImportThroughput [--accounts 1000000] [--blocks 40] [--gas 30000000]
 *     [--workload transfers|erc20|both] [--dir DIR]
 * </pre>
 *
 * <p>The genesis has {@code accounts} funded accounts (address {@code 0x10 ++ i}), 2,000 funded
 * senders, and an ERC-20 token ({@link Erc20}) whose balance mapping holds one slot per account. It
 * is written once and copied; for each workload a generator chain builds {@code blocks} blocks of
 * about {@code gas} gas each (plain transfers of 1 wei to random existing accounts, or token
 * transfers of 1 unit to random holders), and a second copy imports them from their RLP (validated,
 * senders recovered, executed, committed, stored, each block made head). The report gives Mgas/s
 * and the share of import time in validation and sender recovery, execution, the state root
 * (storage and account tries, with the nodes loaded from RocksDB) and the batch write.
 */
public final class ImportThroughput {
  private static final int SENDERS = 2000;
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000070c3");
  private static final UInt256 FEE_CAP = UInt256.valueOf(20_000_000_000L);

  private final int accounts;
  private final int blocks;
  private final long gasPerBlock;
  private final List<Secp256k1.PrivateKey> senders = new ArrayList<>();
  private final long[] nonces = new long[SENDERS];
  private final Random random = new Random(42);

  private ImportThroughput(int accounts, int blocks, long gasPerBlock) {
    this.accounts = accounts;
    this.blocks = blocks;
    this.gasPerBlock = gasPerBlock;
    for (int i = 0; i < SENDERS; i++) {
      senders.add(Secp256k1.PrivateKey.fromBytes(Keccak256.hash(("sender " + i).getBytes())));
    }
  }

  public static void main(String[] args) throws IOException {
    int accounts = 1_000_000;
    int blocks = 40;
    long gas = 30_000_000;
    String workload = "both";
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--accounts" -> accounts = Integer.parseInt(args[i + 1]);
        case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
        case "--gas" -> gas = Long.parseLong(args[i + 1]);
        case "--workload" -> workload = args[i + 1];
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    boolean temporary = dir == null;
    if (temporary) {
      dir = Files.createTempDirectory("merapi-import");
    }
    try {
      new ImportThroughput(accounts, blocks, gas).run(dir, workload);
    } finally {
      if (temporary) {
        FileTrees.delete(dir);
      }
    }
  }

  private void run(Path dir, String workload) throws IOException {
    long t0 = System.nanoTime();
    Genesis genesis = genesis();
    long t1 = System.nanoTime();
    Path base = dir.resolve("base");
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(base)) {
      Blockchain chain = Blockchain.initialize(store, genesis);
      store.flush();
      System.out.printf(
          "genesis: %,d accounts + %,d senders + token with %,d slots; built in %.1f s, written"
              + " in %.1f s; state root %s%n",
          accounts,
          SENDERS,
          accounts,
          (t1 - t0) / 1e9,
          (System.nanoTime() - t1) / 1e9,
          chain.genesis().header().stateRoot());
    }
    for (String w : workload.equals("both") ? List.of("transfers", "erc20") : List.of(workload)) {
      Path gen = copy(base, dir.resolve(w + "-gen"));
      List<Block> chainBlocks = generate(gen, w);
      FileTrees.delete(gen);
      Path imp = copy(base, dir.resolve(w + "-import"));
      report(w, imp, chainBlocks);
      FileTrees.delete(imp);
    }
  }

  private Genesis genesis() {
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    UInt256 rich = UInt256.valueOf(BigInteger.TEN.pow(30));
    Map<Hash, Hash> balances = new TreeMap<>();
    for (int i = 0; i < accounts; i++) {
      Address a = filler(i);
      alloc.put(a, new GenesisAccount(UInt256.valueOf(1_000_000L + i), 0, Bytes.EMPTY, Map.of()));
      balances.put(Erc20.balanceSlot(a), UInt256.valueOf(1_000_000L + i).toHash());
    }
    for (Secp256k1.PrivateKey key : senders) {
      alloc.put(key.address(), new GenesisAccount(rich, 0, Bytes.EMPTY, Map.of()));
      balances.put(Erc20.balanceSlot(key.address()), rich.toHash());
    }
    alloc.put(TOKEN, new GenesisAccount(UInt256.ZERO, 1, Bytes.wrap(Erc20.CODE), balances));
    return Genesis.of(
        TestNetworks.config("Cancun").orElseThrow(), 1_700_000_000L, 2 * gasPerBlock, alloc);
  }

  private static Address filler(int i) {
    byte[] a = new byte[20];
    a[0] = 0x10;
    for (int b = 0; b < 4; b++) {
      a[19 - b] = (byte) (i >>> (8 * b));
    }
    return Address.wrap(a);
  }

  /** Builds the workload's blocks on a copy of the genesis; returns them as decoded from RLP. */
  private List<Block> generate(Path gen, String workload) {
    List<Block> result = new ArrayList<>();
    java.util.Arrays.fill(nonces, 0); // every workload starts from the genesis copy
    long started = System.nanoTime();
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(gen)) {
      Blockchain chain = Blockchain.open(store);
      for (int b = 0; b < blocks; b++) {
        var head = chain.head();
        BlockBuilder builder =
            chain.newBlock(
                head.hash(),
                new BlockAttributes(
                    head.header().timestamp() + 2,
                    Address.fromHex("0x00000000000000000000000000000000000c0ffe"),
                    Hash.ZERO,
                    head.header().gasLimit(),
                    Bytes.EMPTY,
                    Optional.of(List.of()),
                    Optional.of(Hash.ZERO)));
        int s = 0;
        while (builder.gasUsed() + 60_000 < gasPerBlock) {
          int sender = s++ % SENDERS;
          Address to = filler(random.nextInt(accounts));
          Transaction tx =
              workload.equals("erc20")
                  ? tx(sender, 60_000, Optional.of(TOKEN), UInt256.ZERO, Erc20.transfer(to, 1))
                  : tx(sender, 21_000, Optional.of(to), UInt256.ONE, Bytes.EMPTY);
          PendingBlock.Inclusion inclusion = builder.add(tx);
          if (!(inclusion instanceof PendingBlock.Inclusion.Included included)
              || !included.result().isSuccess()) {
            throw new IllegalStateException("generated transaction failed: " + inclusion);
          }
          nonces[sender]++;
        }
        SealedBlock sealed = builder.seal();
        chain.importSealed(sealed, true);
        result.add(Block.decode(sealed.block().encoded()));
      }
    }
    System.out.printf(
        "%s: generated %d blocks in %.1f s%n",
        workload, blocks, (System.nanoTime() - started) / 1e9);
    return result;
  }

  private Transaction tx(int sender, long gas, Optional<Address> to, UInt256 value, Bytes data) {
    return new DynamicFeeTransaction(
            1,
            nonces[sender],
            UInt256.ZERO,
            FEE_CAP,
            gas,
            to,
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(senders.get(sender));
  }

  private static void report(String workload, Path imp, List<Block> blocks) {
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(imp)) {
      Blockchain chain = Blockchain.open(store);
      ImportTimings all = ImportTimings.NONE;
      ImportTimings steady = ImportTimings.NONE;
      long gas = 0;
      long steadyGas = 0;
      long txs = 0;
      long started = System.nanoTime();
      int warm = blocks.size() / 4;
      for (int i = 0; i < blocks.size(); i++) {
        Block block = blocks.get(i);
        ImportResult.Imported result = (ImportResult.Imported) chain.importBlockAsHead(block);
        all = all.plus(result.timings());
        gas += block.header().gasUsed();
        txs += block.transactions().size();
        if (i >= warm) {
          steady = steady.plus(result.timings());
          steadyGas += block.header().gasUsed();
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "%s: imported %d blocks, %,d txs, %,d gas in %.2f s: %.1f Mgas/s (%.0f tx/s)%n",
          workload, blocks.size(), txs, gas, seconds, gas / seconds / 1e6, txs / seconds);
      System.out.printf(
          "%s: after the first %d blocks: %.1f Mgas/s; %s%n",
          workload, warm, steadyGas / (steady.totalNanos() / 1e9) / 1e6, shares(steady));
      long withoutValidation = steady.totalNanos() - steady.validationNanos();
      System.out.printf(
          "%s: without validation and sender recovery: %.1f Mgas/s%n",
          workload, steadyGas / (withoutValidation / 1e9) / 1e6);
    }
  }

  private static String shares(ImportTimings t) {
    double total = t.totalNanos();
    return String.format(
        "validation+senders %.0f%%, execution %.0f%%, state root %.0f%%, storage writes %.0f%%",
        100 * t.validationNanos() / total,
        100 * t.executionNanos() / total,
        100 * t.stateRootNanos() / total,
        100 * t.writeNanos() / total);
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source));
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}
