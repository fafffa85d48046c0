package io.merapi.derive.testing;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.L2Source;
import io.merapi.types.config.RollupConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An L2 chain in memory; numbers in {@link #failing} answer with a temporary error. */
public final class FakeL2Source implements L2Source {
  private final Map<Long, L2BlockRef> byNumber = new HashMap<>();
  private final Map<Hash, L2BlockRef> byHash = new HashMap<>();
  private final Map<Long, List<Bytes>> transactions = new HashMap<>();
  private final Map<Hash, RollupConfig.SystemConfig> configs = new HashMap<>();
  private final Set<Long> failing = new HashSet<>();
  private RollupConfig.SystemConfig defaultConfig;

  public FakeL2Source() {}

  public FakeL2Source(RollupConfig.SystemConfig defaultConfig) {
    this.defaultConfig = defaultConfig;
  }

  public FakeL2Source add(L2BlockRef block, List<Bytes> txs) {
    byNumber.put(block.number(), block);
    // The first block with a hash answers for it, as op-node's fake chain does.
    byHash.putIfAbsent(block.hash(), block);
    transactions.put(block.number(), List.copyOf(txs));
    return this;
  }

  public FakeL2Source add(L2BlockRef block) {
    return add(block, List.of());
  }

  /** Forgets the blocks from {@code fromNumber} on by number (a new head will be added). */
  public FakeL2Source truncate(long fromNumber) {
    byNumber.keySet().removeIf(n -> n >= fromNumber);
    return this;
  }

  public FakeL2Source fail(long number) {
    failing.add(number);
    return this;
  }

  /** Block {@code number} answers again. */
  public FakeL2Source recover(long number) {
    failing.remove(number);
    return this;
  }

  public FakeL2Source config(Hash block, RollupConfig.SystemConfig config) {
    configs.put(block, config);
    return this;
  }

  @Override
  public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
    if (failing.contains(number)) {
      throw new DerivationException.Temporary("L2 block " + number + " unavailable");
    }
    return Optional.ofNullable(byNumber.get(number));
  }

  @Override
  public L2BlockRef l2BlockRefByHash(Hash hash) {
    L2BlockRef block = byHash.get(hash);
    if (block == null) {
      throw new DerivationException.Temporary("unknown L2 block " + hash);
    }
    return block;
  }

  @Override
  public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
    RollupConfig.SystemConfig config = configs.getOrDefault(hash, defaultConfig);
    if (config == null) {
      throw new DerivationException.Temporary("no system config for " + hash);
    }
    return config;
  }

  @Override
  public Optional<List<Bytes>> transactionsByNumber(long number) {
    if (failing.contains(number)) {
      throw new DerivationException.Temporary("L2 block " + number + " unavailable");
    }
    return Optional.ofNullable(transactions.get(number));
  }
}
