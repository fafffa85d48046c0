package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.state.BlobGas;
import io.merapi.state.op.L1Attributes;
import io.merapi.state.op.Predeploys;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The L2 chain on its own: blocks from hand-made attributes, read back as derivation reads them.
 */
class L2ChainTest {

  /** Deposit-only attributes on {@code origin} (an Ecotone L1 info deposit), Holocene rules. */
  static PayloadAttributes depositOnly(
      RollupSetup setup, L1Miner.L1Block origin, long sequenceNumber, long timestamp) {
    RollupConfig.SystemConfig sc = setup.rollup().genesis().systemConfig();
    byte[] scalar = sc.scalar().array();
    long blobScalar = 0;
    long baseScalar = 0;
    for (int i = 24; i < 28; i++) {
      blobScalar = (blobScalar << 8) | (scalar[i] & 0xff);
      baseScalar = (baseScalar << 8) | (scalar[i + 4] & 0xff);
    }
    L1Attributes info =
        new L1Attributes.Ecotone(
            baseScalar,
            blobScalar,
            sequenceNumber,
            origin.header().timestamp(),
            origin.number(),
            origin.header().baseFeePerGas().orElseThrow(),
            BlobGas.baseFee(origin.header().excessBlobGas().orElseThrow()),
            origin.hash(),
            Hash.leftPad(sc.batcherAddr().array()));
    return new PayloadAttributes(
        timestamp,
        origin.header().mixHash(),
        Predeploys.SEQUENCER_FEE_VAULT,
        Optional.of(List.of()),
        Optional.of(origin.header().parentBeaconBlockRoot().orElseThrow()),
        List.of(Bytes.wrap(info.deposit(true).encoded())),
        true,
        OptionalLong.of(sc.gasLimit()),
        Optional.of(Bytes.wrap(new byte[8])),
        Optional.empty());
  }

  @Test
  void blocksReadBackTheirEpochSequenceNumberAndSystemConfig() {
    RollupSetup setup = RollupSetup.of(Map.of());
    L1Miner miner = new L1Miner(setup.l1Genesis());
    L2Chain chain = new L2Chain(setup.rollup(), setup.l2Genesis());
    assertThat(chain.head().ref().l1Origin()).isEqualTo(setup.rollup().genesis().l1());
    assertThat(chain.systemConfigByL2Hash(chain.head().hash()))
        .isEqualTo(setup.rollup().genesis().systemConfig());

    long t = setup.rollup().genesis().l2Time();
    for (int i = 1; i <= 3; i++) {
      chain.build(depositOnly(setup, miner.head(), i - 1, t + 2L * i));
    }
    L2Chain.L2Block b3 = chain.head();
    assertThat(b3.number()).isEqualTo(3);
    assertThat(b3.ref().sequenceNumber()).isEqualTo(2);
    assertThat(b3.ref().l1Origin()).isEqualTo(miner.head().ref().id());
    assertThat(b3.depositsOnly()).isTrue();
    RollupConfig.SystemConfig sc = chain.systemConfigByL2Hash(b3.hash());
    RollupConfig.SystemConfig genesis = setup.rollup().genesis().systemConfig();
    assertThat(sc.batcherAddr()).isEqualTo(genesis.batcherAddr());
    assertThat(sc.scalar()).isEqualTo(genesis.scalar());
    assertThat(sc.overhead()).isEqualTo(Hash.ZERO);
    assertThat(sc.gasLimit()).isEqualTo(genesis.gasLimit());
    // Zero attributes params build with the chain's constants, and the block says which.
    assertThat(sc.eip1559Params()).contains(Bytes.fromHex("0x000000fa00000006"));

    Hash stateRoot2 = chain.block(2).header().stateRoot();
    chain.rewind(1);
    assertThat(chain.head().number()).isEqualTo(1);
    assertThat(chain.l2BlockRefByNumber(2)).isEmpty();
    L2Chain.L2Block again = chain.build(depositOnly(setup, miner.head(), 1, t + 4));
    assertThat(again.header().stateRoot()).isEqualTo(stateRoot2);
    assertThat(chain.recomputedStateRoot()).isEqualTo(stateRoot2);
    assertThat(again.hash()).isEqualTo(again.header().hash());
    assertThat(chain.balance(Predeploys.L1_BLOCK)).isEqualTo(UInt256.ZERO);
  }
}
