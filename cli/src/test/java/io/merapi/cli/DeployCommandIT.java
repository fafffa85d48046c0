package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.contracts.l2.GasPriceOracle;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merapi deploy} against a running {@code merapi execution --dev} L1, as an operator runs
 * it: the contracts land on the L1 by signed transactions, the written files agree with each other
 * and with the L1, and an L2 node started from the written genesis serves the predeploys.
 */
class DeployCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static ExecutionNode l1;
  private static RpcClient l1Rpc;

  @BeforeAll
  static void startL1() {
    l1 = TestNodes.start("--dev", "--datadir", dir.resolve("l1").toString());
    l1Rpc = HttpRpcClient.create(l1.httpUri().orElseThrow(), RpcClientOptions.defaults());
  }

  @AfterAll
  static void stop() {
    if (l1Rpc != null) {
      l1Rpc.close();
    }
    if (l1 != null) {
      l1.close();
    }
  }

  private static Path deploy(String name, String config) throws Exception {
    Path configFile = dir.resolve(name + ".json");
    Files.writeString(configFile, config);
    Path out = dir.resolve(name);
    String key = Hex.encode(DevAccounts.defaults().keys().get(0).toBytes());
    MerapiRun.Output run =
        MerapiRun.merapi(
            "deploy",
            "--l1",
            l1.httpUri().orElseThrow().toString(),
            "--private-key",
            key,
            "--config",
            configFile.toString(),
            "--outdir",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  private static <R> R call(RpcClient rpc, Address to, ContractCall<R> call) {
    JsonNode result =
        rpc.call("eth_call", Map.of("to", to.toHex(), "data", call.data().toHex()), "latest");
    return call.decode(Hex.decode(result.asText()));
  }

  @Test
  void deploysTheFaultProofContractsAndAnL2StartsFromTheWrittenGenesis() throws Exception {
    Path out = deploy("fault-proofs", "{\"l1ChainID\": 1337}");
    JsonNode addresses = JSON.readTree(out.resolve("addresses.json").toFile());
    JsonNode rollup = JSON.readTree(out.resolve("rollup.json").toFile());
    Address portal = Address.fromHex(addresses.get("OptimismPortalProxy").asText());
    Address systemConfig = Address.fromHex(addresses.get("SystemConfigProxy").asText());

    assertThat(call(l1Rpc, portal, OptimismPortal2.version())).startsWith("3.");
    assertThat(rollup.at("/deposit_contract_address").asText()).isEqualTo(portal.toHex());
    assertThat(rollup.at("/l1_system_config_address").asText()).isEqualTo(systemConfig.toHex());
    // The rollup starts at the L1 block in which the SystemConfig was initialized.
    long startBlock = call(l1Rpc, systemConfig, SystemConfig.startBlock()).toLongExact();
    assertThat(startBlock).isPositive();
    JsonNode startHeader =
        l1Rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(startBlock), false);
    assertThat(rollup.at("/genesis/l1/hash").asText()).isEqualTo(startHeader.get("hash").asText());
    assertThat(rollup.at("/genesis/l1/number").asLong()).isEqualTo(startBlock);
    assertThat(rollup.at("/genesis/l2_time").asLong())
        .isEqualTo(Long.decode(startHeader.get("timestamp").asText()));

    // merapi genesis inspect agrees with the hash recorded in rollup.json.
    MerapiRun.Output inspect =
        MerapiRun.merapi("genesis", "inspect", out.resolve("genesis.json").toString());
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    String l2Hash = rollup.at("/genesis/l2/hash").asText();
    assertThat(JSON.readTree(inspect.out()).get("hash").asText()).isEqualTo(l2Hash);

    try (ExecutionNode l2 =
            TestNodes.start(
                "--datadir",
                dir.resolve("l2").toString(),
                "--genesis",
                out.resolve("genesis.json").toString(),
                "--http");
        RpcClient l2Rpc =
            HttpRpcClient.create(l2.httpUri().orElseThrow(), RpcClientOptions.defaults())) {
      assertThat(l2Rpc.call("eth_chainId").asText()).isEqualTo("0x385");
      assertThat(l2Rpc.call("eth_getBlockByNumber", "0x0", false).get("hash").asText())
          .isEqualTo(l2Hash);
      Address gasPriceOracle = Address.fromHex("0x420000000000000000000000000000000000000F");
      assertThat(call(l2Rpc, gasPriceOracle, GasPriceOracle.isFjord())).isTrue();
      Address messenger = Address.fromHex("0x4200000000000000000000000000000000000007");
      assertThat(call(l2Rpc, messenger, L2CrossDomainMessenger.OTHER_MESSENGER()))
          .isEqualTo(Address.fromHex(addresses.get("L1CrossDomainMessengerProxy").asText()));
    }
  }

  @Test
  void deploysTheSeedsDesignWithTheL2OutputOracle() throws Exception {
    Path out = deploy("oracle", "{\"l1ChainID\": 1337, \"useFaultProofs\": false}");
    JsonNode addresses = JSON.readTree(out.resolve("addresses.json").toFile());
    Address portal = Address.fromHex(addresses.get("OptimismPortalProxy").asText());
    Address oracle = Address.fromHex(addresses.get("L2OutputOracleProxy").asText());
    assertThat(call(l1Rpc, portal, OptimismPortal.version())).startsWith("2.");
    assertThat(call(l1Rpc, portal, OptimismPortal.l2Oracle())).isEqualTo(oracle);
    assertThat(call(l1Rpc, oracle, L2OutputOracle.PROPOSER()))
        .isEqualTo(Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    assertThat(addresses.has("DisputeGameFactoryProxy")).isFalse();
  }

  @Test
  void aDeployConfigForAnotherL1IsRefusedBeforeAnyTransaction() throws Exception {
    Path configFile = dir.resolve("wrong.json");
    Files.writeString(configFile, "{\"l1ChainID\": 900}");
    String before = l1Rpc.call("eth_blockNumber").asText();
    MerapiRun.Output run =
        MerapiRun.merapi(
            "deploy",
            "--l1",
            l1.httpUri().orElseThrow().toString(),
            "--private-key",
            Hex.encode(DevAccounts.defaults().keys().get(1).toBytes()),
            "--config",
            configFile.toString(),
            "--outdir",
            dir.resolve("wrong").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("chain id 1337").contains("l1ChainID 900");
    assertThat(l1Rpc.call("eth_blockNumber").asText()).isEqualTo(before);
  }
}
