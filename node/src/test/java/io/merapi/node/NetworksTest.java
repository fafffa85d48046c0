package io.merapi.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expected values are the superchain registry's (commit 8336d2ae, superchain/configs/{mainnet,
 * sepolia}/op.toml and superchain.toml), typed in again here so that an edit to a JSON file is
 * caught.
 */
class NetworksTest {

  @Test
  void opMainnetHasTheRegistryValues() {
    RollupConfig c = Networks.rollupConfig("op-mainnet");

    assertThat(c.l1ChainId()).isEqualTo(1);
    assertThat(c.l2ChainId()).isEqualTo(10);
    assertThat(c.genesis().l1().hash())
        .isEqualTo(
            Hash.fromHex("0x438335a20d98863a4c0c97999eb2481921ccd28553eac6f913af7c12aec04108"));
    assertThat(c.genesis().l1().number()).isEqualTo(17_422_590);
    assertThat(c.genesis().l2().hash())
        .isEqualTo(
            Hash.fromHex("0xdbf6a80fef073de06add9b0d14026d6e5a86c85f6d102c36d3d8e9cf89c2afd3"));
    assertThat(c.genesis().l2().number()).isEqualTo(105_235_063);
    assertThat(c.genesis().l2Time()).isEqualTo(1_686_068_903);
    assertThat(c.genesis().systemConfig().batcherAddr())
        .isEqualTo(Address.fromHex("0x6887246668a3b87F54DeB3b94Ba47a6f63F32985"));
    assertThat(c.genesis().systemConfig().gasLimit()).isEqualTo(30_000_000);
    assertThat(c.blockTime()).isEqualTo(2);
    assertThat(c.seqWindowSize()).isEqualTo(3600);
    assertThat(c.maxSequencerDrift()).isEqualTo(600);
    assertThat(c.channelTimeout()).isEqualTo(300);
    assertThat(c.batchInboxAddress())
        .isEqualTo(Address.fromHex("0xff00000000000000000000000000000000000010"));
    assertThat(c.depositContractAddress())
        .isEqualTo(Address.fromHex("0xbEb5Fc579115071764c7423A4f12eDde41f106Ed"));
    assertThat(c.l1SystemConfigAddress())
        .isEqualTo(Address.fromHex("0x229047fed2591dbec1eF1118d64F7aF3dB9EB290"));
    assertThat(c.forkTimes().get(OpFork.REGOLITH)).isEqualTo(0L);
    assertThat(c.forkTimes().get(OpFork.CANYON)).isEqualTo(1_704_992_401L);
    assertThat(c.forkTimes().get(OpFork.ECOTONE)).isEqualTo(1_710_374_401L);
    assertThat(c.forkTimes().get(OpFork.HOLOCENE)).isEqualTo(1_736_445_601L);
    assertThat(c.forkTimes().get(OpFork.ISTHMUS)).isEqualTo(1_746_806_401L);
    assertThat(c.forkTimes().get(OpFork.JOVIAN)).isEqualTo(1_764_691_201L);
    assertThat(c.forkTimes()).doesNotContainKey(OpFork.INTEROP);
    assertThat(c.laterForkTimes()).containsEntry("karst_time", 1_783_526_401L);
    // Only Sepolia L1 needed the Pectra blob schedule fix.
    assertThat(c.pectraBlobScheduleTime()).isEmpty();
    assertThat(c.chainOpConfig()).isPresent();
    assertThat(c.chainOpConfig().get().eip1559Elasticity()).isEqualTo(6);
    assertThat(c.chainOpConfig().get().eip1559Denominator()).isEqualTo(50);
    assertThat(c.chainOpConfig().get().eip1559DenominatorCanyon()).isEqualTo(OptionalLong.of(250));
  }

  @Test
  void opSepoliaHasTheRegistryValues() {
    RollupConfig c = Networks.rollupConfig("op-sepolia");

    assertThat(c.l1ChainId()).isEqualTo(11_155_111);
    assertThat(c.l2ChainId()).isEqualTo(11_155_420);
    assertThat(c.genesis().l1().hash())
        .isEqualTo(
            Hash.fromHex("0x48f520cf4ddaf34c8336e6e490632ea3cf1e5e93b0b2bc6e917557e31845371b"));
    assertThat(c.genesis().l1().number()).isEqualTo(4_071_408);
    assertThat(c.genesis().l2().hash())
        .isEqualTo(
            Hash.fromHex("0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d"));
    assertThat(c.genesis().l2().number()).isZero();
    assertThat(c.genesis().l2Time()).isEqualTo(1_691_802_540);
    assertThat(c.blockTime()).isEqualTo(2);
    assertThat(c.batchInboxAddress())
        .isEqualTo(Address.fromHex("0xff00000000000000000000000000000011155420"));
    assertThat(c.depositContractAddress())
        .isEqualTo(Address.fromHex("0x16Fc5058F25648194471939df75CF27A2fdC48BC"));
    assertThat(c.l1SystemConfigAddress())
        .isEqualTo(Address.fromHex("0x034edD2A225f7f429A63E0f1D2084B9E0A93b538"));
    assertThat(c.pectraBlobScheduleTime()).isEqualTo(OptionalLong.of(1_742_486_400));
    assertThat(c.forkTimes().get(OpFork.ISTHMUS)).isEqualTo(1_744_905_600L);
    assertThat(c.forkTimes().get(OpFork.JOVIAN)).isEqualTo(1_763_568_001L);
    assertThat(c.laterForkTimes()).containsEntry("karst_time", 1_781_712_001L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"op-mainnet", "op-sepolia"})
  void roundTripsThroughTheJsonWriter(String name) {
    RollupConfig config = Networks.rollupConfig(name);

    assertThat(RollupConfig.fromJson(config.toJson())).isEqualTo(config);
  }

  @ParameterizedTest
  @ValueSource(strings = {"op-mainnet", "op-sepolia"})
  void everyForkUpToJovianIsScheduled(String name) {
    RollupConfig config = Networks.rollupConfig(name);

    for (OpFork fork : OpFork.values()) {
      if (fork != OpFork.BEDROCK && fork != OpFork.INTEROP) {
        assertThat(config.forkTimes()).as(fork.displayName()).containsKey(fork);
      }
    }
    // The L2 execution rules follow from the built-in config alone.
    assertThat(config.chainConfig().chainId()).isEqualTo(config.l2ChainId());
  }

  @Test
  void acceptsOpNodesAliasesAndAnyCase() {
    RollupConfig mainnet = Networks.rollupConfig("op-mainnet");
    RollupConfig sepolia = Networks.rollupConfig("op-sepolia");

    assertThat(Networks.rollupConfig("mainnet")).isEqualTo(mainnet);
    assertThat(Networks.rollupConfig("OP-Mainnet")).isEqualTo(mainnet);
    assertThat(Networks.rollupConfig("sepolia")).isEqualTo(sepolia);
    assertThat(Networks.rollupConfig("OP-SEPOLIA")).isEqualTo(sepolia);
    assertThat(Networks.names()).containsExactly("op-mainnet", "op-sepolia");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base-mainnet", "op-goerli", "Mainnet", "", "op-mainnet "})
  void refusesUnknownNamesListingTheKnownOnes(String name) {
    assertThatThrownBy(() -> Networks.rollupConfig(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("op-mainnet")
        .hasMessageContaining("op-sepolia");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> Networks.rollupConfig(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("op-mainnet");
  }
}
