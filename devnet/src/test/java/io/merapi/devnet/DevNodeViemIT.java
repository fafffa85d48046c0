package io.merapi.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.server.RpcServerConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * viem's wallet and test clients against {@code merapi execution --dev} (in memory, blocks on
 * demand) as a new user writes them ({@code src/test/js/devnode.mjs}): a json-rpc account whose
 * transactions and EIP-712 and EIP-191 signatures the node makes, each signature recovered by viem
 * to the account, then anvil-mode snapshot, setBalance, mine, increaseTime and revert.
 */
class DevNodeViemIT {
  @Test
  void viemUsesTheNodesAccountsAndTestMethods() {
    try (ExecutionNode node =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .inMemory()
                .http(
                    Optional.of(
                        RpcServerConfig.httpDefaults()
                            .withPort(0)
                            // What merapi execution --dev serves without --http.api.
                            .withModules(Set.of("eth", "net", "web3", "personal", "evm", "anvil"))))
                .dev(Optional.of(new ExecutionNodeConfig.DevSettings(0)))
                .build())) {
      ViemScript.Result result =
          ViemScript.inDevnetModule()
              .runScript(
                  "devnode.mjs", Duration.ofMinutes(3), node.httpUri().orElseThrow().toString());
      String account = DevAccounts.defaults().addresses().getFirst().toHex();
      assertThat(result.json().path("typedDataSigner").asText()).isEqualToIgnoringCase(account);
      assertThat(result.json().path("messageSigner").asText()).isEqualToIgnoringCase(account);
      assertThat(result.json().at("/transaction/hash").asText()).startsWith("0x");
    }
  }
}
