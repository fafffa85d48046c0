package io.merapi.types.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.testing.TestData;
import io.merapi.base.uint.UInt256;
import org.junit.jupiter.api.Test;

class GenesisTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsTheRpcCompatGenesis() throws Exception {
    Genesis genesis = Genesis.read(TestData.require("rpc-compat/genesis.json"));
    assertThat(genesis.config().chainId()).isEqualTo(3503995874084926L);
    assertThat(genesis.config().forkAt(0, genesis.timestamp())).isEqualTo(Fork.CANCUN);
    assertThat(genesis.config().isOptimism()).isFalse();
    assertThat(genesis.alloc()).isNotEmpty();
  }

  @Test
  void opChainConfig() throws Exception {
    String json =
        """
        {"config": {"chainId": 10, "homesteadBlock": 0, "eip150Block": 0, "eip155Block": 0,
          "eip158Block": 0, "byzantiumBlock": 0, "constantinopleBlock": 0, "istanbulBlock": 0,
          "muirGlacierBlock": 0, "berlinBlock": 0, "londonBlock": 0, "arrowGlacierBlock": 0,
          "grayGlacierBlock": 0, "mergeNetsplitBlock": 0, "bedrockBlock": 0,
          "regolithTime": 0, "canyonTime": 100, "shanghaiTime": 100, "ecotoneTime": 200,
          "cancunTime": 200, "holoceneTime": 300, "terminalTotalDifficulty": 0,
          "terminalTotalDifficultyPassed": true,
          "optimism": {"eip1559Elasticity": 6, "eip1559Denominator": 50,
                       "eip1559DenominatorCanyon": 250}},
         "timestamp": "0x10", "gasLimit": "30000000", "extraData": "0x",
         "baseFeePerGas": "0x3b9aca00",
         "alloc": {"4200000000000000000000000000000000000015": {"balance": "0x1",
           "code": "0x6000", "storage": {"0x01": "0x02"}}}}
        """;
    Genesis genesis = Genesis.fromJson(JSON.readTree(json));
    ChainConfig config = genesis.config();
    assertThat(config.forkAt(0, 50)).isEqualTo(Fork.PARIS);
    assertThat(config.forkAt(0, 150)).isEqualTo(Fork.SHANGHAI);
    assertThat(config.forkAt(0, 250)).isEqualTo(Fork.CANCUN);
    assertThat(config.opForkAt(0, 50)).contains(OpFork.REGOLITH);
    assertThat(config.opForkAt(0, 150)).contains(OpFork.CANYON);
    assertThat(config.opForkAt(0, 350)).contains(OpFork.HOLOCENE);
    assertThat(config.isActive(OpFork.ECOTONE, 0, 199)).isFalse();
    assertThat(config.optimism().orElseThrow().eip1559DenominatorCanyon()).hasValue(250);
    assertThat(genesis.timestamp()).isEqualTo(16);
    assertThat(genesis.gasLimit()).isEqualTo(30_000_000);
    assertThat(genesis.baseFeePerGas()).contains(UInt256.valueOf(1_000_000_000));
    GenesisAccount account =
        genesis.alloc().get(Address.fromHex("0x4200000000000000000000000000000000000015"));
    assertThat(account.storage())
        .containsEntry(Hash.leftPad(new byte[] {1}), Hash.leftPad(new byte[] {2}));
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> Genesis.fromJson(JSON.readTree("{\"config\": {}}")))
        .hasMessageContaining("chainId");
    assertThatThrownBy(
            () ->
                Genesis.fromJson(
                    JSON.readTree("{\"config\": {\"chainId\": 1}, \"alloc\": {\"0x01\": {}}}")))
        .hasMessageContaining("20 bytes");
    assertThatThrownBy(
            () ->
                Genesis.fromJson(
                    JSON.readTree("{\"config\": {\"chainId\": 1}, \"gasLimit\": \"-5\"}")))
        .hasMessageContaining("gasLimit");
  }
}
