package io.merapi.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.devnet.chain.ChainSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet with {@code --proofs l2oo} (the seeds' OptimismPortal and L2OutputOracle) and no
 * verifier, in this JVM on free ports: viem's OP Stack actions take their L2OutputOracle path
 * (portal version below 3) for an ETH deposit and an ETH withdrawal, proven against the proposer's
 * output and finalized after the oracle's finalization period (devnet/src/test/js/bridge.mjs eth).
 */
class DevnetL2ooIT {
  private static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @Test
  void viemDepositsAndWithdrawsEthThroughTheOutputOracle() throws Exception {
    ChainSettings defaults = ChainSettings.defaults();
    DevnetConfig config =
        DevnetConfig.defaults(tmp.resolve("devnet"))
            .withPorts(Ports.ephemeral())
            .withVerifier(false)
            .withChain(
                new ChainSettings(
                    defaults.l1BlockTime(),
                    defaults.l2BlockTime(),
                    ChainSettings.outputOracleDefaults()));
    try (Devnet devnet = Devnet.start(config)) {
      assertThat(devnet.firstL2Block().get(30, TimeUnit.SECONDS)).isPositive();
      Path devnetJson = config.datadir().resolve("devnet.json");
      JsonNode info = new ObjectMapper().readTree(devnetJson.toFile());
      assertThat(info.at("/proofs/type").asText()).isEqualTo("l2oo");
      assertThat(info.at("/l1Contracts/L2OutputOracle").asText()).startsWith("0x");
      assertThat(info.at("/l2/verifierRpc").isNull()).isTrue();

      ViemScript.Result result = ViemScript.inDevnetModule().run(devnetJson, "eth", BRIDGE_TIMEOUT);

      assertThat(result.flowNames()).containsExactly("ethPortal");
      JsonNode flow = result.flow("ethPortal");
      assertThat(flow.at("/deposit/l2Block").asLong()).isPositive();
      JsonNode withdrawal = flow.path("withdrawal");
      List<String> statuses = new ArrayList<>();
      withdrawal.path("statuses").forEach(status -> statuses.add(status.asText()));
      assertThat(statuses)
          .endsWith("ready-to-prove", "waiting-to-finalize", "ready-to-finalize", "finalized");
      // An output at or after the withdrawal's block, on the oracle's interval.
      long output = withdrawal.path("gameL2Block").asLong();
      assertThat(output).isGreaterThanOrEqualTo(withdrawal.path("l2Block").asLong());
      assertThat(output % ChainSettings.outputOracleDefaults().submissionInterval()).isZero();
      assertThat(withdrawal.path("finalizeBlock").asLong())
          .isGreaterThan(withdrawal.path("proveBlock").asLong());
    }
  }
}
