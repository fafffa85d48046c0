package io.merapi.derive.testing;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Rollup configs for derivation tests, built field by field. */
public final class TestRollupConfig {
  public static final Address BATCH_INBOX =
      Address.fromHex("0xff00000000000000000000000000000000000901");
  public static final Address DEPOSIT_CONTRACT =
      Address.fromHex("0x0000000000000000000000000000000000d0c0de");
  public static final Address SYSTEM_CONFIG =
      Address.fromHex("0x0000000000000000000000000000000000c0ffee");

  private RollupConfig.BlockId genesisL1 = new RollupConfig.BlockId(Hash.ZERO, 0);
  private RollupConfig.BlockId genesisL2 = new RollupConfig.BlockId(Hash.ZERO, 0);
  private long l2Time;
  private long blockTime = 2;
  private long maxSequencerDrift = 600;
  private long seqWindowSize = 30;
  private long channelTimeout = 300;
  private Address batcher = Address.ZERO;
  private Optional<RollupConfig.AltDaConfig> altDa = Optional.empty();
  private final Map<OpFork, Long> forks = new EnumMap<>(OpFork.class);

  public static TestRollupConfig builder() {
    return new TestRollupConfig();
  }

  public TestRollupConfig genesis(RollupConfig.BlockId l1, RollupConfig.BlockId l2, long time) {
    this.genesisL1 = l1;
    this.genesisL2 = l2;
    this.l2Time = time;
    return this;
  }

  public TestRollupConfig l2Time(long time) {
    this.l2Time = time;
    return this;
  }

  public TestRollupConfig blockTime(long value) {
    this.blockTime = value;
    return this;
  }

  public TestRollupConfig maxSequencerDrift(long value) {
    this.maxSequencerDrift = value;
    return this;
  }

  public TestRollupConfig seqWindowSize(long value) {
    this.seqWindowSize = value;
    return this;
  }

  public TestRollupConfig channelTimeout(long value) {
    this.channelTimeout = value;
    return this;
  }

  public TestRollupConfig batcher(Address value) {
    this.batcher = value;
    return this;
  }

  public TestRollupConfig altDa(long challengeWindow, long resolveWindow) {
    this.altDa =
        Optional.of(
            new RollupConfig.AltDaConfig(
                Address.ZERO, "KeccakCommitment", challengeWindow, resolveWindow));
    return this;
  }

  /** Activates {@code fork} at {@code time}, and every earlier fork at genesis if not set. */
  public TestRollupConfig fork(OpFork fork, long time) {
    for (OpFork earlier : OpFork.values()) {
      if (earlier != OpFork.BEDROCK && earlier.compareTo(fork) < 0) {
        forks.putIfAbsent(earlier, 0L);
      }
    }
    forks.put(fork, time);
    return this;
  }

  /** Activates only {@code fork} at {@code time}, leaving the other forks as they are. */
  public TestRollupConfig onlyFork(OpFork fork, long time) {
    forks.put(fork, time);
    return this;
  }

  public RollupConfig build() {
    RollupConfig.SystemConfig systemConfig =
        new RollupConfig.SystemConfig(
            batcher,
            Hash.ZERO,
            Hash.ZERO,
            30_000_000,
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
    return new RollupConfig(
        new RollupConfig.RollupGenesis(genesisL1, genesisL2, l2Time, systemConfig),
        blockTime,
        maxSequencerDrift,
        seqWindowSize,
        channelTimeout,
        900,
        901,
        forks,
        OptionalLong.empty(),
        Map.of(),
        BATCH_INBOX,
        DEPOSIT_CONTRACT,
        SYSTEM_CONFIG,
        Optional.empty(),
        altDa,
        Optional.empty());
  }
}
