package io.merapi.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.node.RollupRig;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.proposer.games.FactoryGames;
import io.merapi.proposer.games.Games;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet in this JVM on free ports: it starts, its first L2 block comes, the verifier's safe
 * head (derived from the batcher's L1 data only) climbs and matches the sequencer's chain, the
 * proposer's first game is resolved; a second devnet on the same directory is refused; after a stop
 * the same chains reopen and go on.
 */
class DevnetIT {

  @TempDir Path tmp;

  @Test
  void theVerifiersSafeChainFollowsTheSequencersAndARestartContinuesIt() throws Exception {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    String l2Genesis;
    long safeBeforeStop;
    try (Devnet devnet = Devnet.start(config)) {
      assertThat(devnet.firstL2Block().get(30, TimeUnit.SECONDS)).isPositive();
      JsonNode info = new ObjectMapper().readTree(config.datadir().resolve("devnet.json").toFile());
      assertThat(info.at("/l1/chainId").asLong()).isEqualTo(900);
      assertThat(info.at("/l2/chainId").asLong()).isEqualTo(901);
      l2Genesis = info.at("/l2/genesisHash").asText();

      assertThatThrownBy(() -> Devnet.start(config))
          .hasMessageContaining("another devnet is running");

      try (RpcClient l2 = client(info.at("/l2/rpc").asText());
          RpcClient verifier = client(info.at("/l2/verifierNode").asText())) {
        assertThat(l2.call("eth_chainId").asText()).isEqualTo("0x385");
        RollupRig.awaitTrue(
            () -> safeMatches(verifier, l2, 3), "the verifier's safe head passes block 3");
      }
      try (RpcClient l1 = client(info.at("/l1/rpc").asText())) {
        Games games =
            new FactoryGames(
                ContractReader.rpc(l1),
                Address.fromHex(info.at("/l1Contracts/DisputeGameFactory").asText()),
                () -> Hex.parseQuantity(l1.call("eth_blockNumber").asText()));
        RollupRig.awaitTrue(
            () -> games.count() > 0 && games.status(games.at(0).proxy()) == Games.DEFENDER_WINS,
            "the proposer's first game is resolved (DEFENDER_WINS)");
      }
      try (RpcClient verifier = client(info.at("/l2/verifierNode").asText())) {
        safeBeforeStop = safe(verifier).path("number").asLong();
      }
    }

    try (Devnet devnet = Devnet.start(config)) {
      assertThat(devnet.info().chain().l2GenesisHash().toHex()).isEqualTo(l2Genesis);
      JsonNode info = new ObjectMapper().readTree(config.datadir().resolve("devnet.json").toFile());
      try (RpcClient l2 = client(info.at("/l2/rpc").asText());
          RpcClient verifier = client(info.at("/l2/verifierNode").asText())) {
        long target = safeBeforeStop + 2;
        RollupRig.awaitTrue(
            () -> safeMatches(verifier, l2, target),
            "the verifier's safe head passes block " + target + " after the restart");
      }
    }
  }

  private static RpcClient client(String url) {
    return HttpRpcClient.create(URI.create(url), RpcClientOptions.defaults());
  }

  private static JsonNode safe(RpcClient rollupNode) {
    return rollupNode.call("optimism_syncStatus").path("safe_l2");
  }

  /** Whether the verifier's safe head is at least {@code number} and on the sequencer's chain. */
  private static boolean safeMatches(RpcClient verifier, RpcClient sequencerEngine, long number) {
    JsonNode safe = safe(verifier);
    long safeNumber = safe.path("number").asLong();
    if (safeNumber < number) {
      return false;
    }
    JsonNode block =
        sequencerEngine.call("eth_getBlockByNumber", "0x" + Long.toHexString(safeNumber), false);
    assertThat(block.path("hash").asText())
        .as("the sequencer's block %d", safeNumber)
        .isEqualTo(safe.path("hash").asText());
    return true;
  }
}
