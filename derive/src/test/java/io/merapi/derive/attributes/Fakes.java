package io.merapi.derive.attributes;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.RollupGenesis;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;

/** Hand-written L1 and L2 sources and configs for the attributes tests. */
final class Fakes {
  static final Address DEPOSIT_CONTRACT =
      Address.fromHex("0xbb00000000000000000000000000000000000000");
  static final Address SYSTEM_CONFIG =
      Address.fromHex("0xcc00000000000000000000000000000000000000");

  private Fakes() {}

  /** op-node's test rollup config: block time 2, chain ids 101/102, with {@code forks}. */
  static RollupConfig rollup(Map<OpFork, Long> forks) {
    return rollup(forks, OptionalLong.empty());
  }

  static RollupConfig rollup(Map<OpFork, Long> forks, OptionalLong pectraBlobScheduleTime) {
    return new RollupConfig(
        new RollupGenesis(
            new BlockId(hash("l1 genesis"), 0), new BlockId(hash("l2 genesis"), 0), 0, sysConfig()),
        2,
        600,
        3600,
        300,
        101,
        102,
        forks,
        pectraBlobScheduleTime,
        Map.of(),
        Address.fromHex("0xff00000000000000000000000000000000000000"),
        DEPOSIT_CONTRACT,
        SYSTEM_CONFIG,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Every fork from Regolith through {@code last} at time {@code time}. */
  static Map<OpFork, Long> through(OpFork last, long time) {
    Map<OpFork, Long> forks = new HashMap<>();
    for (OpFork fork : OpFork.values()) {
      if (fork != OpFork.BEDROCK && last.isAtLeast(fork)) {
        forks.put(fork, time);
      }
    }
    return forks;
  }

  /** op-node's test system config: batcher 0x2a00.., zero fee words, gas limit 30M. */
  static SystemConfig sysConfig() {
    return new SystemConfig(
        Address.fromHex("0x2a00000000000000000000000000000000000000"),
        Hash.ZERO,
        Hash.ZERO,
        30_000_000,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  static Hash hash(String seed) {
    return Keccak256.digest(seed.getBytes(StandardCharsets.UTF_8));
  }

  /** A post-London L1 header; Cancun fields with {@code cancun}. */
  static Header l1Header(long number, Hash parentHash, long time, boolean cancun) {
    Header.Builder b =
        Header.builder()
            .parentHash(parentHash)
            .number(number)
            .timestamp(time)
            .gasLimit(30_000_000)
            .mixHash(hash("randao " + number))
            .baseFeePerGas(
                Optional.of(io.merapi.base.uint.UInt256.valueOf(7_000_000_000L + number)));
    if (cancun) {
      b.withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
          .blobGasUsed(OptionalLong.of(0))
          .excessBlobGas(OptionalLong.of(0x5080000))
          .parentBeaconBlockRoot(Optional.of(hash("beacon " + number)));
    }
    return b.build();
  }

  static L1BlockRef ref(Header header) {
    return new L1BlockRef(header.hash(), header.number(), header.parentHash(), header.timestamp());
  }

  /** An L1 chain in memory that records every call and can be made to fail. */
  static final class L1 implements L1Source {
    final Map<Hash, Header> headers = new HashMap<>();
    final Map<Hash, List<Receipt>> receipts = new HashMap<>();
    final Map<Long, Hash> canonical = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean failHeaders;
    boolean failReceipts;

    /** Adds a block to the chain (canonical at its number) and returns its hash. */
    Hash add(Header header, Receipt... blockReceipts) {
      Hash h = header.hash();
      headers.put(h, header);
      receipts.put(h, List.of(blockReceipts));
      canonical.put(header.number(), h);
      return h;
    }

    @Override
    public Optional<L1BlockRef> blockRefByNumber(long number) {
      calls.add("blockRefByNumber " + number);
      return Optional.ofNullable(canonical.get(number)).map(h -> ref(headers.get(h)));
    }

    @Override
    public L1BlockRef blockRefByHash(Hash hash) {
      calls.add("blockRefByHash " + hash);
      return ref(header(hash));
    }

    @Override
    public Header headerByHash(Hash hash) {
      calls.add("headerByHash " + hash);
      if (failHeaders) {
        throw new DerivationException.Temporary("mock rpc error");
      }
      return header(hash);
    }

    @Override
    public List<Transaction> transactionsByHash(Hash hash) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Receipt> receiptsByHash(Hash hash) {
      calls.add("receiptsByHash " + hash);
      if (failReceipts) {
        throw new DerivationException.Temporary("mock rpc error");
      }
      header(hash);
      return receipts.get(hash);
    }

    private Header header(Hash hash) {
      Header h = headers.get(hash);
      if (h == null) {
        throw new NoSuchElementException("no L1 block " + hash);
      }
      return h;
    }
  }

  /** The L2 side: the system config at each L2 block. */
  static final class L2 implements L2Source {
    final Map<Hash, SystemConfig> configs = new HashMap<>();
    boolean fail;

    @Override
    public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
      throw new UnsupportedOperationException();
    }

    @Override
    public L2BlockRef l2BlockRefByHash(Hash hash) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SystemConfig systemConfigByL2Hash(Hash hash) {
      if (fail) {
        throw new DerivationException.Temporary("mock rpc error");
      }
      SystemConfig c = configs.get(hash);
      if (c == null) {
        throw new NoSuchElementException("no L2 block " + hash);
      }
      return c;
    }
  }

  static Bytes bytes(Transaction tx) {
    return Bytes.wrap(tx.encoded());
  }
}
