package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.state.op.L1Attributes;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.DepositTransaction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chain that starts at Canyon and goes through Delta, Ecotone, Fjord, Granite and Holocene two L1
 * blocks apart, with the batcher moving to what each fork allows as it arrives (span batches at
 * Delta, blobs at Ecotone, brotli at Fjord, as op-batcher does): the verifier derives every block
 * the sequencer built, the upgrade blocks included, and switches to the Holocene stages.
 */
class ForkActivationTest {
  static final long DELTA = 24;
  static final long ECOTONE = 48;
  static final long FJORD = 72;
  static final long GRANITE = 96;
  static final long HOLOCENE = 120;

  static Map<String, Object> forks() {
    Map<String, Object> forks = new LinkedHashMap<>();
    forks.put("l2GenesisDeltaTimeOffset", DELTA);
    forks.put("l2GenesisEcotoneTimeOffset", ECOTONE);
    forks.put("l2GenesisFjordTimeOffset", FJORD);
    forks.put("l2GenesisGraniteTimeOffset", GRANITE);
    forks.put("l2GenesisHoloceneTimeOffset", HOLOCENE);
    return forks;
  }

  @Test
  void theVerifierFollowsTheSequencerThroughEveryActivation() {
    Actors a =
        Actors.start(
            forks(),
            Batcher.Config.of(
                    Batcher.BatchType.SINGULAR,
                    CompressionAlgo.ZLIB,
                    Batcher.DataAvailability.CALLDATA)
                .withFrames(600, 100));
    RollupConfig rollup = a.setup.rollup();
    long genesis = rollup.genesis().l2Time();
    assertThat(rollup.isActive(OpFork.DELTA, genesis)).isFalse();

    int round = 0;
    while (a.miner.head().header().timestamp() < genesis + HOLOCENE + 36) {
      if (round++ % 2 == 0) {
        a.deposit();
      }
      a.sequenceToL1Head();
      a.batcher.setConfig(configFor(a));
      a.batcher.submitAll();
      a.miner.mine();
      a.deriveBoth();
      a.assertVerifierFollowsSequencer();
    }
    a.sequenceToL1Head();
    a.batcher.setConfig(configFor(a));
    a.batcher.submitAll();
    a.miner.mine();
    a.deriveBoth();

    a.assertAllSafe();
    assertThat(a.verifier.stats.invalidPayloads).isZero();
    assertThat(a.verifier.stats.resets).isZero();
    assertThat(a.verifier.pipeline().holoceneStagesActive()).isTrue();
    assertThat(a.batcher.stats.blobs).isPositive();

    L2Chain chain = a.verifier.chain();
    L2Chain.L2Block ecotone = activationBlock(chain, rollup, OpFork.ECOTONE);
    // The L1 info deposit keeps Bedrock's layout in the activation block, and 6 upgrade deposits.
    assertThat(l1Info(ecotone)).isInstanceOf(L1Attributes.Bedrock.class);
    assertThat(l1Info(chain.block(ecotone.number() + 1))).isInstanceOf(L1Attributes.Ecotone.class);
    assertThat(deposits(ecotone) - userDeposits(ecotone)).isEqualTo(1 + 6);
    assertThat(ecotone.batchTransactions()).isEmpty();
    L2Chain.L2Block fjord = activationBlock(chain, rollup, OpFork.FJORD);
    assertThat(deposits(fjord) - userDeposits(fjord)).isEqualTo(1 + 3);
    assertThat(fjord.batchTransactions()).isEmpty();
    L2Chain.L2Block holocene = activationBlock(chain, rollup, OpFork.HOLOCENE);
    assertThat(holocene.header().extraData().length()).isEqualTo(9);
    assertThat(chain.block(holocene.number() - 1).header().extraData().length()).isZero();
    System.out.println(a.summary("fork activations"));
  }

  /** op-batcher's choices for the blocks it writes next and the L1 block they land in. */
  static Batcher.Config configFor(Actors a) {
    RollupConfig rollup = a.setup.rollup();
    long firstBlockTime =
        a.batcher.buffered() == null
            ? rollup.genesis().l2Time()
            : a.batcher.buffered().time() + rollup.blockTime();
    long inclusionTime = a.miner.head().header().timestamp() + L1Miner.BLOCK_TIME;
    Batcher.Config base = a.batcher.config();
    Batcher.BatchType type =
        rollup.isActive(OpFork.DELTA, firstBlockTime)
            ? Batcher.BatchType.SPAN
            : Batcher.BatchType.SINGULAR;
    CompressionAlgo algo =
        rollup.isActive(OpFork.FJORD, firstBlockTime)
            ? CompressionAlgo.BROTLI_10
            : CompressionAlgo.ZLIB;
    Batcher.DataAvailability da =
        rollup.isActive(OpFork.ECOTONE, inclusionTime)
            ? Batcher.DataAvailability.BLOBS
            : Batcher.DataAvailability.CALLDATA;
    return new Batcher.Config(
        type, algo, da, da == Batcher.DataAvailability.BLOBS ? 2_000 : 600, base.targetFrames(), 2);
  }

  static L2Chain.L2Block activationBlock(L2Chain chain, RollupConfig rollup, OpFork fork) {
    return chain.blocks().stream()
        .filter(b -> rollup.isActivationBlock(fork, b.time()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + fork + " activation block"));
  }

  static L1Attributes l1Info(L2Chain.L2Block block) {
    return L1Attributes.decode(block.transactions().get(0).data());
  }

  static long deposits(L2Chain.L2Block block) {
    return block.transactions().stream().filter(tx -> tx instanceof DepositTransaction).count();
  }

  /** Deposits minting ether: the users' (the L1 info and upgrade deposits mint nothing). */
  static long userDeposits(L2Chain.L2Block block) {
    return block.transactions().stream()
        .filter(tx -> tx instanceof DepositTransaction d && !d.mint().isZero())
        .count();
  }
}
