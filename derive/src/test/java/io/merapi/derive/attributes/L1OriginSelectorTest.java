package io.merapi.derive.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.RollupGenesis;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * op-node's origin_selector_test.go cases, restated for a stateless selector (an L1 block the
 * sequencer may not see yet, as op-node's confirmation-depth shim hides it, is simply absent from
 * the source), and the max sequencer drift per fork.
 */
class L1OriginSelectorTest {
  final Fakes.L1 l1 = new Fakes.L1();
  final Header a = Fakes.l1Header(10, Fakes.hash("9"), 20, false);

  static RollupConfig rollup(long maxSequencerDrift, Map<OpFork, Long> forks) {
    return new RollupConfig(
        new RollupGenesis(
            new BlockId(Hash.ZERO, 0), new BlockId(Hash.ZERO, 0), 0, Fakes.sysConfig()),
        2,
        maxSequencerDrift,
        3600,
        300,
        101,
        102,
        forks,
        OptionalLong.empty(),
        Map.of(),
        Address.ZERO,
        Fakes.DEPOSIT_CONTRACT,
        Fakes.SYSTEM_CONFIG,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  L2BlockRef head(Header origin, long time) {
    return new L2BlockRef(
        Fakes.hash("l2 " + time),
        100,
        Fakes.hash("l2 parent"),
        time,
        new BlockId(origin.hash(), origin.number()),
        0);
  }

  L1BlockRef find(long drift, Map<OpFork, Long> forks, L2BlockRef head) {
    return new L1OriginSelector(rollup(drift, forks), l1).findL1Origin(head);
  }

  @Test
  void currentOriginUnknownFails() {
    assertThatThrownBy(() -> find(500, Map.of(), head(a, 24))).hasMessageContaining("no L1 block");
  }

  /** TestOriginSelectorAdvances: L1 blocks at 20, 22, 24; the origin follows the L2 time. */
  @Test
  void advances() {
    l1.add(a);
    Header b = Fakes.l1Header(11, a.hash(), 22, false);
    Header c = Fakes.l1Header(12, b.hash(), 24, false);
    l1.add(b);
    l1.add(c);
    assertThat(find(500, Map.of(), head(a, 24))).isEqualTo(Fakes.ref(b));
    assertThat(find(500, Map.of(), head(b, 26))).isEqualTo(Fakes.ref(c));
  }

  /** TestOriginSelectorRespectsOriginTiming: the next L1 block (25) is ahead of L2 time 24. */
  @Test
  void respectsOriginTiming() {
    l1.add(a);
    l1.add(Fakes.l1Header(11, a.hash(), 25, false));
    assertThat(find(500, Map.of(), head(a, 22))).isEqualTo(Fakes.ref(a));
  }

  /** TestOriginSelectorRespectsSeqDrift: 29 > 20 + 8, and the next block (25) can be used. */
  @Test
  void respectsSeqDrift() {
    l1.add(a);
    Header b = Fakes.l1Header(11, a.hash(), 25, false);
    l1.add(b);
    assertThat(find(8, Map.of(), head(a, 27))).isEqualTo(Fakes.ref(b));
  }

  /** TestOriginSelectorRespectsConfDepth: the next block is not visible; within the drift. */
  @Test
  void staysWithinDriftWhileTheNextBlockIsUnseen() {
    l1.add(a);
    assertThat(find(500, Map.of(), head(a, 27))).isEqualTo(Fakes.ref(a));
  }

  /** TestOriginSelectorStrictConfDepth: past the drift and the next block unseen. */
  @Test
  void pastTheDriftWithoutANextBlockIsTemporary() {
    l1.add(a);
    assertThatThrownBy(() -> find(8, Map.of(), head(a, 27)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("sequencer drift");
  }

  /** TestOriginSelector_FjordSeqDrift: Fjord at the origin's time gives 1800 s of drift. */
  @Test
  void fjordDrift() {
    l1.add(a);
    assertThat(find(8, Map.of(OpFork.FJORD, 20L), head(a, 27))).isEqualTo(Fakes.ref(a));
    // Fjord one second after the origin does not count: it is decided by the L1 origin's time.
    assertThatThrownBy(() -> find(8, Map.of(OpFork.FJORD, 21L), head(a, 27)))
        .isInstanceOf(DerivationException.Temporary.class);
  }

  /** TestOriginSelectorSeqDriftRespectsNextOriginTime(NoCache): past the drift, next at 100. */
  @Test
  void pastTheDriftButTheNextBlockIsAhead() {
    l1.add(a);
    l1.add(Fakes.l1Header(11, a.hash(), 100, false));
    assertThat(find(8, Map.of(), head(a, 27))).isEqualTo(Fakes.ref(a));
  }

  /**
   * The sequencer's check: the chosen origin must be the current one or its child. A next block on
   * another chain whose time has come means the current origin was reorged out: reset, within the
   * drift too (staying would extend a dead L1 branch for up to the whole drift).
   */
  @Test
  void aNextBlockOnAnotherChainIsAResetWhenItIsDue() {
    l1.add(a);
    l1.add(Fakes.l1Header(11, Fakes.hash("other chain"), 25, false));
    assertThatThrownBy(() -> find(500, Map.of(), head(a, 27)))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("cannot build a new L2 block with L1 origin 11");
    assertThatThrownBy(() -> find(8, Map.of(), head(a, 27)))
        .isInstanceOf(DerivationException.Reset.class);
  }

  /** A next block on another chain that is not due yet: the current origin still serves. */
  @Test
  void aNextBlockOnAnotherChainThatIsNotDueYetLeavesTheOrigin() {
    l1.add(a);
    l1.add(Fakes.l1Header(11, Fakes.hash("other chain"), 40, false));
    assertThat(find(500, Map.of(), head(a, 27))).isEqualTo(Fakes.ref(a));
  }

  @Test
  void maxSequencerDriftPerFork() {
    RollupConfig rollup = rollup(600, Map.of(OpFork.FJORD, 1_000L));
    assertThat(MaxSequencerDrift.at(rollup, 999)).isEqualTo(600);
    assertThat(MaxSequencerDrift.at(rollup, 1_000)).isEqualTo(1_800);
    assertThat(MaxSequencerDrift.exceeded(rollup, 999 + 600, 999)).isFalse();
    assertThat(MaxSequencerDrift.exceeded(rollup, 999 + 601, 999)).isTrue();
    assertThat(MaxSequencerDrift.exceeded(rollup, 1_000 + 1_800, 1_000)).isFalse();
    assertThat(MaxSequencerDrift.exceeded(rollup, 1_000 + 1_801, 1_000)).isTrue();
  }

  @Test
  void sequencerLeavesItsPoolOutPastTheDriftAndInUpgradeBlocks() {
    Map<OpFork, Long> forks = new HashMap<>();
    forks.put(OpFork.ECOTONE, 1_000L);
    forks.put(OpFork.FJORD, 2_000L);
    RollupConfig rollup = rollup(600, forks);
    L1BlockRef origin = new L1BlockRef(Hash.ZERO, 1, Hash.ZERO, 900);
    assertThat(L1OriginSelector.noTxPool(rollup, 998, origin)).isFalse();
    assertThat(L1OriginSelector.noTxPool(rollup, 1_000, origin)).isTrue();
    assertThat(L1OriginSelector.noTxPool(rollup, 1_002, origin)).isFalse();
    assertThat(L1OriginSelector.noTxPool(rollup, 1_502, origin)).isTrue();
    L1BlockRef later = new L1BlockRef(Hash.ZERO, 2, Hash.ZERO, 1_990);
    assertThat(L1OriginSelector.noTxPool(rollup, 2_000, later)).isTrue();
    assertThat(L1OriginSelector.noTxPool(rollup, 2_002, later)).isFalse();
  }
}
