package io.merapi.execution.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.testing.TestData;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.ChainFile;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Genesis;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenesisBlockTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Genesis genesis(String json) throws Exception {
    return Genesis.fromJson(JSON.readTree(json));
  }

  @Test
  void defaultsFollowGethToBlock() throws Exception {
    Genesis g =
        genesis(
            """
            {"config": {"chainId": 5, "londonBlock": 0, "shanghaiTime": 0, "cancunTime": 0,
                        "pragueTime": 0, "terminalTotalDifficulty": 0},
             "alloc": {"0x00000000000000000000000000000000000000aa": {"balance": "0x1"}}}
            """);
    Header h = GenesisBlock.of(g).header();
    assertThat(h.gasLimit()).isEqualTo(GenesisBlock.GENESIS_GAS_LIMIT);
    assertThat(h.difficulty()).isEqualTo(UInt256.valueOf(0x20000));
    assertThat(h.baseFeePerGas()).contains(UInt256.valueOf(1_000_000_000L));
    assertThat(h.withdrawalsRoot()).contains(Header.EMPTY_ROOT);
    assertThat(h.blobGasUsed()).hasValue(0);
    assertThat(h.excessBlobGas()).hasValue(0);
    assertThat(h.parentBeaconBlockRoot()).contains(Hash.ZERO);
    assertThat(h.requestsHash()).contains(GenesisBlock.EMPTY_REQUESTS_HASH);
    assertThat(GenesisBlock.of(g).block().withdrawals()).contains(java.util.List.of());

    // A mix hash given without a difficulty leaves the difficulty zero; no London, no base fee.
    Genesis pow =
        genesis(
            """
            {"config": {"chainId": 5}, "gasLimit": "0x1000", "difficulty": null,
             "mixHash": "0x0000000000000000000000000000000000000000000000000000000000000001"}
            """);
    Header p = GenesisBlock.of(pow).header();
    assertThat(p.difficulty()).isEqualTo(UInt256.ZERO);
    assertThat(p.baseFeePerGas()).isEmpty();
    assertThat(p.withdrawalsRoot()).isEmpty();
    assertThat(p.stateRoot()).isEqualTo(Header.EMPTY_ROOT);
  }

  @Test
  void stateHashStandsInForTheAlloc() throws Exception {
    Hash root = Hash.fromHex("0x" + "ab".repeat(32));
    Genesis g = genesis("{\"config\": {\"chainId\": 10}, \"stateHash\": \"" + root + "\"}");
    assertThat(GenesisBlock.of(g).header().stateRoot()).isEqualTo(root);
    Genesis both =
        genesis(
            "{\"config\": {\"chainId\": 10}, \"stateHash\": \""
                + root
                + "\", \"alloc\": {\"0x00000000000000000000000000000000000000aa\": {}}}");
    assertThatThrownBy(() -> GenesisBlock.of(both)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rpcCompatGenesisIsTheParentOfItsChain() throws Exception {
    Path dir = TestData.require("rpc-compat");
    Genesis g = Genesis.read(dir.resolve("genesis.json"));
    GenesisBlock block = GenesisBlock.of(g);
    try (ChainFile.Reader reader = new ChainFile.Reader(dir.resolve("chain.rlp"))) {
      Block first = reader.next().orElseThrow();
      assertThat(first.header().parentHash()).isEqualTo(block.hash());
    }
  }

  @Test
  void chainConfigRoundTripsThroughGethJson() throws Exception {
    Path dir = TestData.require("rpc-compat");
    ChainConfig config = Genesis.read(dir.resolve("genesis.json")).config();
    assertThat(ChainConfigJson.fromBytes(ChainConfigJson.toBytes(config))).isEqualTo(config);

    ChainConfig op =
        genesis(
                """
                {"config": {"chainId": 10, "bedrockBlock": 105235063, "regolithTime": 0,
                  "canyonTime": 1704992401, "holoceneTime": 1736445601,
                  "londonBlock": 0, "shanghaiTime": 1704992401, "cancunTime": 1710374401,
                  "terminalTotalDifficulty": 0, "terminalTotalDifficultyPassed": true,
                  "depositContractAddress": "0x00000000219ab540356cbb839cbe05303d7705fa",
                  "blobSchedule": {"cancun": {"target": 3, "max": 6,
                                              "baseFeeUpdateFraction": 3338477}},
                  "optimism": {"eip1559Elasticity": 6, "eip1559Denominator": 50,
                               "eip1559DenominatorCanyon": 250}}}
                """)
            .config();
    assertThat(ChainConfigJson.fromBytes(ChainConfigJson.toBytes(op))).isEqualTo(op);
    assertThat(op.optimism()).isPresent();
    assertThat(op.depositContractAddress()).isNotEqualTo(Optional.empty());
    // EIP-7892's blob-parameter-only forks survive the round trip.
    ChainConfig bpo =
        genesis(
                """
                {"config": {"chainId": 1, "londonBlock": 0, "shanghaiTime": 0, "cancunTime": 0,
                  "pragueTime": 0, "osakaTime": 10, "bpo1Time": 20, "bpo2Time": 30,
                  "terminalTotalDifficulty": 0,
                  "blobSchedule": {"osaka": {"target": 6, "max": 9,
                                             "baseFeeUpdateFraction": 5007716},
                                   "bpo1": {"target": 10, "max": 15,
                                            "baseFeeUpdateFraction": 8346193},
                                   "bpo2": {"target": 14, "max": 21,
                                            "baseFeeUpdateFraction": 11684671}}}}
                """)
            .config();
    assertThat(bpo.bpoSchedules()).hasSize(2);
    assertThat(ChainConfigJson.fromBytes(ChainConfigJson.toBytes(bpo))).isEqualTo(bpo);
  }
}
