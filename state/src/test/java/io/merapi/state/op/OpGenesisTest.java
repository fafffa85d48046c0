package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.types.config.Genesis;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpGenesisTest {
  static final String CONFIG =
      """
      "config": {"chainId": 901, "homesteadBlock": 0, "eip150Block": 0, "eip155Block": 0,
        "eip158Block": 0, "byzantiumBlock": 0, "constantinopleBlock": 0, "petersburgBlock": 0,
        "istanbulBlock": 0, "muirGlacierBlock": 0, "berlinBlock": 0, "londonBlock": 0,
        "arrowGlacierBlock": 0, "grayGlacierBlock": 0, "mergeNetsplitBlock": 0,
        "shanghaiTime": 0, "cancunTime": 0, "pragueTime": %s, "bedrockBlock": 0,
        "regolithTime": 0, "canyonTime": 0, "deltaTime": 0, "ecotoneTime": 0, "fjordTime": 0,
        "graniteTime": 0, "holoceneTime": 0, "isthmusTime": %s,
        "terminalTotalDifficulty": 0, "terminalTotalDifficultyPassed": true,
        "optimism": {"eip1559Elasticity": 6, "eip1559Denominator": 50, "eip1559DenominatorCanyon": 250}}
      """;

  static Genesis genesis(String isthmus, String alloc) throws Exception {
    String json =
        "{"
            + CONFIG.formatted(isthmus, isthmus)
            + ", \"timestamp\": \"0x10\", \"alloc\": {"
            + alloc
            + "}}";
    return Genesis.fromJson(new ObjectMapper().readTree(json));
  }

  @Test
  void isthmusAtGenesisTakesTheMessagePassersStorageRoot() throws Exception {
    Genesis g =
        genesis(
            "0",
            """
            "4200000000000000000000000000000000000016": {"balance": "0x0", "code": "0x00",
              "storage": {"0x01": "0x02", "0x05": "0x00", "0xff": "0x1234"}}
            """);
    InMemoryState expected = new InMemoryState();
    expected.put(
        Predeploys.L2_TO_L1_MESSAGE_PASSER,
        0,
        UInt256.ZERO,
        new byte[] {0},
        Map.of(UInt256.ONE, UInt256.valueOf(2), UInt256.valueOf(0xff), UInt256.valueOf(0x1234)));
    assertThat(OpGenesis.withdrawalsRoot(g))
        .contains(expected.account(Predeploys.L2_TO_L1_MESSAGE_PASSER).orElseThrow().storageRoot());
  }

  @Test
  void withoutTheMessagePasserTheRootIsEmpty() throws Exception {
    assertThat(OpGenesis.withdrawalsRoot(genesis("0", ""))).contains(MerklePatriciaTrie.EMPTY_ROOT);
  }

  @Test
  void beforeIsthmusTheGenericRuleApplies() throws Exception {
    assertThat(OpGenesis.withdrawalsRoot(genesis("100", ""))).isEmpty();
  }

  @Test
  void aStateHashGenesisCannotActivateIsthmus() throws Exception {
    String json =
        "{"
            + CONFIG.formatted("0", "0")
            + ", \"stateHash\": \"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421\"}";
    Genesis g = Genesis.fromJson(new ObjectMapper().readTree(json));
    assertThatThrownBy(() -> OpGenesis.withdrawalsRoot(g)).hasMessageContaining("stateHash");
  }
}
