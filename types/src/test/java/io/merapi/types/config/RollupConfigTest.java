package io.merapi.types.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import org.junit.jupiter.api.Test;

class RollupConfigTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** OP Sepolia's values (superchain-registry configs/sepolia/op.toml), in op-node's JSON form. */
  static final String OP_SEPOLIA =
      """
      {
        "genesis": {
          "l1": {"hash": "0x48f520cf4ddaf34c8336e6e490632ea3cf1e5e93b0b2bc6e917557e31845371b", "number": 4071408},
          "l2": {"hash": "0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d", "number": 0},
          "l2_time": 1691802540,
          "system_config": {
            "batcherAddr": "0x8f23bb38f531600e5d8fddaaec41f13fab46e98c",
            "overhead": "0x00000000000000000000000000000000000000000000000000000000000000bc",
            "scalar": "0x00000000000000000000000000000000000000000000000000000000000a6fe0",
            "gasLimit": 30000000,
            "eip1559Params": "0x0000000000000000"
          }
        },
        "block_time": 2,
        "max_sequencer_drift": 600,
        "seq_window_size": 3600,
        "channel_timeout": 300,
        "l1_chain_id": 11155111,
        "l2_chain_id": 11155420,
        "regolith_time": 0,
        "canyon_time": 1699981200,
        "delta_time": 1703203200,
        "ecotone_time": 1708534800,
        "fjord_time": 1716998400,
        "granite_time": 1723478400,
        "holocene_time": 1732633200,
        "pectra_blob_schedule_time": 1742486400,
        "isthmus_time": 1744905600,
        "jovian_time": null,
        "batch_inbox_address": "0xff00000000000000000000000000000011155420",
        "deposit_contract_address": "0x16fc5058f25648194471939df75cf27a2fdc48bc",
        "l1_system_config_address": "0x034edd2a225f7f429a63e0f1d2084b9e0a93b538",
        "protocol_versions_address": "0x79add5713b383daa0a138d3c4780c7a1804a8090",
        "chain_op_config": {"eip1559Elasticity": 6, "eip1559Denominator": 50, "eip1559DenominatorCanyon": 250}
      }
      """;

  static RollupConfig opSepolia() throws Exception {
    return RollupConfig.fromJson(MAPPER.readTree(OP_SEPOLIA));
  }

  @Test
  void readsEveryFieldOfOpNodesFormat() throws Exception {
    RollupConfig c = opSepolia();
    assertThat(c.genesis().l1().number()).isEqualTo(4071408);
    assertThat(c.genesis().l2().hash())
        .isEqualTo(
            Hash.fromHex("0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d"));
    assertThat(c.genesis().l2Time()).isEqualTo(1691802540L);
    assertThat(c.genesis().systemConfig().gasLimit()).isEqualTo(30_000_000L);
    assertThat(c.genesis().systemConfig().eip1559Params()).isPresent();
    assertThat(c.blockTime()).isEqualTo(2);
    assertThat(c.seqWindowSize()).isEqualTo(3600);
    assertThat(c.l2ChainId()).isEqualTo(11155420L);
    assertThat(c.forkTimes()).containsEntry(OpFork.HOLOCENE, 1732633200L);
    assertThat(c.forkTimes()).doesNotContainKey(OpFork.JOVIAN);
    assertThat(c.pectraBlobScheduleTime()).hasValue(1742486400L);
    assertThat(c.batchInboxAddress())
        .isEqualTo(Address.fromHex("0xff00000000000000000000000000000011155420"));
    assertThat(c.chainOpConfig().orElseThrow().eip1559DenominatorCanyon()).hasValue(250);
  }

  @Test
  void writesWhatItReadsAsOpNodeWritesIt() throws Exception {
    RollupConfig c = opSepolia();
    com.fasterxml.jackson.databind.JsonNode written = c.toJson();
    assertThat(RollupConfig.fromJson(written)).isEqualTo(c);
    // op-node leaves absent forks out rather than writing null; everything else is as read.
    ObjectNode expected = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    expected.remove("jovian_time");
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(written))).isEqualTo(expected);
  }

  @Test
  void forkActivationByTimestamp() throws Exception {
    RollupConfig c = opSepolia();
    assertThat(c.opForkAt(1732633199L)).isEqualTo(OpFork.GRANITE);
    assertThat(c.opForkAt(1732633200L)).isEqualTo(OpFork.HOLOCENE);
    assertThat(c.isActivationBlock(OpFork.HOLOCENE, 1732633200L)).isTrue();
    assertThat(c.isActivationBlock(OpFork.HOLOCENE, 1732633202L)).isFalse();
    assertThat(c.isActivationBlock(OpFork.REGOLITH, 0)).isFalse();
  }

  @Test
  void chainConfigFollowsTheOpForksForTheL1Rules() throws Exception {
    ChainConfig chain = opSepolia().chainConfig();
    assertThat(chain.chainId()).isEqualTo(11155420L);
    assertThat(chain.isOptimism()).isTrue();
    assertThat(chain.forkAt(1, 1699981199L)).isEqualTo(Fork.PARIS);
    assertThat(chain.forkAt(1, 1699981200L)).isEqualTo(Fork.SHANGHAI);
    assertThat(chain.forkAt(1, 1708534800L)).isEqualTo(Fork.CANCUN);
    assertThat(chain.forkAt(1, 1744905600L)).isEqualTo(Fork.PRAGUE);
    assertThat(chain.opForkAt(5, 1732633200L)).contains(OpFork.HOLOCENE);
    assertThat(chain.opForkAt(5, 1)).contains(OpFork.REGOLITH);
    assertThat(chain.optimism().orElseThrow().eip1559Elasticity()).isEqualTo(6);
  }

  @Test
  void chainConfigNeedsChainOpConfig() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    json.remove("chain_op_config");
    RollupConfig c = RollupConfig.fromJson(json);
    assertThatThrownBy(c::chainConfig).hasMessageContaining("chain_op_config");
  }

  @Test
  void unknownFieldsAreRefusedWithTheirName() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    json.put("block_tme", 2);
    assertThatThrownBy(() -> RollupConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'block_tme'")
        .hasMessageContaining("unknown field");
    ObjectNode nested = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    ((ObjectNode) nested.get("genesis").get("system_config")).put("gaslimit", 1);
    assertThatThrownBy(() -> RollupConfig.fromJson(nested))
        .hasMessageContaining("genesis.system_config.gaslimit");
  }

  @Test
  void numbersMustBeIntegersAndHashesFullLength() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    json.put("block_time", "2");
    assertThatThrownBy(() -> RollupConfig.fromJson(json))
        .hasMessageContaining("'block_time'")
        .hasMessageContaining("JSON integer");
    ObjectNode hash = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    ((ObjectNode) hash.get("genesis").get("l1")).put("hash", "0x1234");
    assertThatThrownBy(() -> RollupConfig.fromJson(hash))
        .hasMessageContaining("genesis.l1.hash")
        .hasMessageContaining("32 bytes");
    ObjectNode negative = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    negative.put("canyon_time", -1);
    assertThatThrownBy(() -> RollupConfig.fromJson(negative)).hasMessageContaining("uint64");
  }

  @Test
  void checksAsOpNodeDoes() throws Exception {
    ObjectNode zeroBlockTime = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    zeroBlockTime.put("block_time", 0);
    assertThatThrownBy(() -> RollupConfig.fromJson(zeroBlockTime))
        .hasMessageContaining("block time cannot be 0");
    ObjectNode sameChain = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    sameChain.put("l1_chain_id", 11155420);
    assertThatThrownBy(() -> RollupConfig.fromJson(sameChain))
        .hasMessageContaining("must be different");
    ObjectNode gap = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    gap.remove("ecotone_time");
    assertThatThrownBy(() -> RollupConfig.fromJson(gap))
        .hasMessageContaining("fjord_time")
        .hasMessageContaining("prior fork Ecotone missing");
    ObjectNode order = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    order.put("granite_time", 1716998399L);
    assertThatThrownBy(() -> RollupConfig.fromJson(order))
        .hasMessageContaining("granite_time")
        .hasMessageContaining("higher offset");
  }

  @Test
  void legacyAltDaFieldsAndAltDaSection() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(OP_SEPOLIA);
    ObjectNode altDa = json.putObject("alt_da");
    altDa.put("da_commitment_type", "GenericCommitment");
    altDa.put("da_challenge_window", 160);
    altDa.put("da_resolve_window", 160);
    RollupConfig c = RollupConfig.fromJson(json);
    assertThat(c.altDa().orElseThrow().daChallengeWindow()).isEqualTo(160);
    altDa.put("da_commitment_type", "Other");
    assertThatThrownBy(() -> RollupConfig.fromJson(json))
        .hasMessageContaining("alt_da.da_commitment_type");
  }
}
