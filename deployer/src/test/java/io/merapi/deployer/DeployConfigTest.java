package io.merapi.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.OpFork;
import org.junit.jupiter.api.Test;

class DeployConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeployConfig parse(String json) throws Exception {
    return DeployConfig.fromJson(JSON.readTree(json));
  }

  @Test
  void leftOutFieldsTakeTheDevnetTemplatesValues() throws Exception {
    DeployConfig c = parse("{\"l2ChainID\": 4242, \"l2BlockTime\": \"0x1\"}");
    assertThat(c.l2ChainId()).isEqualTo(4242);
    assertThat(c.l2BlockTime()).isEqualTo(1);
    assertThat(c.l1ChainId()).isEqualTo(900);
    assertThat(c.sequencerWindowSize()).isEqualTo(200);
    assertThat(c.channelTimeout()).isEqualTo(120);
    assertThat(c.l2GenesisBlockGasLimit()).isEqualTo(30_000_000);
    assertThat(c.batchSenderAddress())
        .isEqualTo(Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
    assertThat(c.baseFeeVault().minimumWithdrawalAmount())
        .isEqualTo(UInt256.valueOf(new java.math.BigInteger("10000000000000000000")));
    assertThat(c.respectedGameType()).isEqualTo(DeployConfig.FAST_GAME_TYPE);
    assertThat(c.useFaultProofs()).isTrue();
    assertThat(c.l2ForkOffsets())
        .containsEntry(OpFork.ECOTONE, 0L)
        .containsEntry(OpFork.HOLOCENE, 0L)
        .doesNotContainKey(OpFork.ISTHMUS);
    assertThat(c.ignored()).isEmpty();
  }

  @Test
  void theOpTemplateItselfReadsWithItsUnusedFieldsListed() throws Exception {
    DeployConfig c =
        parse(
            """
            {"l1ChainID": 900, "enableGovernance": true, "faultGameMaxDepth": 50,
             "l2GenesisFjordTimeOffset": null, "l2OutputOracleSubmissionInterval": 10}
            """);
    assertThat(c.ignored()).containsExactly("enableGovernance", "faultGameMaxDepth");
    // A null offset means the fork is not scheduled, as op-chain-ops reads it.
    assertThat(c.l2ForkOffsets()).doesNotContainKey(OpFork.FJORD);
  }

  @Test
  void refusesWhatMerapiCannotDeploy() {
    assertThatThrownBy(() -> parse("{\"useAltDA\": true}")).hasMessageContaining("useAltDA");
    assertThatThrownBy(() -> parse("{\"l2GenesisIsthmusTimeOffset\": \"0x0\"}"))
        .hasMessageContaining("Isthmus is not supported yet");
    assertThatThrownBy(() -> parse("{\"respectedGameType\": 0}"))
        .hasMessageContaining("respectedGameType 0 is not supported");
    assertThatThrownBy(() -> parse("{\"l2ChainID\": 900}")).hasMessageContaining("must differ");
    assertThatThrownBy(() -> parse("{\"l2BlockTime\": \"two\"}"))
        .hasMessageContaining("l2BlockTime: not a number");
    assertThatThrownBy(() -> parse("{\"batchSenderAddress\": \"0x12\"}"))
        .hasMessageContaining("batchSenderAddress");
    assertThatThrownBy(() -> parse("{\"baseFeeVaultWithdrawalNetwork\": 2}"))
        .hasMessageContaining("withdrawal network");
  }
}
