package io.merapi.devnet.info;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.ChainSettings;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetInfoTest {
  @TempDir static Path tmp;
  static DevnetDir dir;
  static ChainFiles games;

  @BeforeAll
  static void build() {
    dir = DevnetDir.open(tmp.resolve("devnet"), false);
    games = DevnetGenesis.build(ChainSettings.defaults(), 1_700_000_000L);
  }

  @AfterAll
  static void release() {
    dir.close();
  }

  static Endpoints endpoints(boolean verifier) {
    return new Endpoints(
        URI.create("http://127.0.0.1:8545/"),
        URI.create("ws://127.0.0.1:8545/"),
        URI.create("http://127.0.0.1:5052/"),
        URI.create("http://127.0.0.1:9545/"),
        URI.create("ws://127.0.0.1:9545/"),
        URI.create("http://127.0.0.1:8551/"),
        URI.create("http://127.0.0.1:7545/"),
        verifier ? Optional.of(URI.create("http://127.0.0.1:9645/")) : Optional.empty(),
        verifier ? Optional.of(URI.create("http://127.0.0.1:7645/")) : Optional.empty(),
        URI.create("http://127.0.0.1:6545/"),
        URI.create("http://127.0.0.1:6546/"),
        new LinkedHashMap<>(),
        Optional.empty());
  }

  private static List<String> keys(JsonNode json) {
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void theIssuesKeysComeFirstInTheirShape() {
    ObjectNode json = new DevnetInfo(games, endpoints(true), Duration.ofSeconds(6), dir).toJson();
    assertThat(keys(json))
        .startsWith("l1", "l2", "explorer", "l1Contracts", "l2Contracts")
        .contains("accounts", "proofs", "roles", "mnemonic", "files");
    assertThat(json.at("/l1/chainId").asLong()).isEqualTo(900);
    assertThat(json.at("/l1/rpc").asText()).isEqualTo("http://127.0.0.1:8545");
    assertThat(json.at("/l1/beacon").asText()).isEqualTo("http://127.0.0.1:5052");
    assertThat(keys(json.get("l2")))
        .startsWith("chainId", "rpc", "ws", "node", "verifierRpc", "verifierNode");
    assertThat(json.at("/l2/chainId").asLong()).isEqualTo(901);
    assertThat(json.at("/l2/ws").asText()).isEqualTo("ws://127.0.0.1:9545");
    assertThat(json.at("/l2/verifierNode").asText()).isEqualTo("http://127.0.0.1:7645");
    assertThat(json.get("explorer").isNull()).isTrue();
    assertThat(json.at("/l1Contracts/OptimismPortal").asText())
        .isEqualTo(games.rollup().l1().optimismPortalProxy().toChecksumHex());
    assertThat(json.at("/l1Contracts/DisputeGameFactory").asText())
        .isEqualTo(games.rollup().l1().disputeGameFactoryProxy().orElseThrow().toChecksumHex());
    assertThat(json.get("l1Contracts").has("L2OutputOracle")).isFalse();
    assertThat(keys(json.get("l1Contracts")))
        .contains(
            "SystemConfig", "L1CrossDomainMessenger", "L1StandardBridge", "Multicall3", "WETH");
    assertThat(json.at("/l2Contracts/L2ToL1MessagePasser").asText())
        .isEqualTo("0x4200000000000000000000000000000000000016");
    assertThat(json.get("accounts")).hasSize(10);
    assertThat(json.at("/accounts/0/address").asText())
        .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(json.at("/accounts/0/privateKey").asText())
        .isEqualTo("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    assertThat(json.at("/proofs/gameType").asInt()).isEqualTo(254);
    assertThat(json.at("/roles/batcher").asText())
        .isEqualTo("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
  }

  @Test
  void outputOracleDevnetsNameTheOracleAndAMissingVerifierIsNull() {
    ChainFiles oracle =
        DevnetGenesis.build(
            new ChainSettings(6, 2, ChainSettings.outputOracleDefaults()), 1_700_000_000L);
    ObjectNode json = new DevnetInfo(oracle, endpoints(false), Duration.ofSeconds(6), dir).toJson();
    assertThat(json.at("/l1Contracts/L2OutputOracle").asText())
        .isEqualTo(oracle.rollup().l1().l2OutputOracleProxy().orElseThrow().toChecksumHex());
    assertThat(json.get("l1Contracts").has("DisputeGameFactory")).isFalse();
    assertThat(json.at("/l2/verifierRpc").isNull()).isTrue();
    assertThat(json.at("/proofs/type").asText()).isEqualTo("l2oo");
  }

  @Test
  void theBannerMarksTheServicesAccounts() {
    List<String> lines =
        DevnetBanner.lines(new DevnetInfo(games, endpoints(true), Duration.ofSeconds(6), dir));
    assertThat(lines).anyMatch(l -> l.startsWith("(2) 0x3C44") && l.contains("batcher"));
    assertThat(lines).anyMatch(l -> l.startsWith("(0) 0xf39F") && !l.contains("don't"));
    assertThat(lines).anyMatch(l -> l.contains("http://127.0.0.1:9545"));
  }

  @Test
  void metricsEndpointsAreListedOnlyWhenServed() {
    assertThat(
            new DevnetInfo(games, endpoints(true), Duration.ofSeconds(6), dir)
                .toJson()
                .has("metrics"))
        .isFalse();
    Endpoints base = endpoints(true);
    SequencedMap<String, URI> metrics = new LinkedHashMap<>();
    metrics.put("l1", URI.create("http://127.0.0.1:6060/metrics"));
    metrics.put("batcher", URI.create("http://127.0.0.1:7301/metrics"));
    Endpoints served =
        new Endpoints(
            base.l1Rpc(),
            base.l1Ws(),
            base.l1Beacon(),
            base.l2Rpc(),
            base.l2Ws(),
            base.l2Engine(),
            base.node(),
            base.verifierRpc(),
            base.verifierNode(),
            base.batcher(),
            base.proposer(),
            metrics,
            base.explorer());
    DevnetInfo info = new DevnetInfo(games, served, Duration.ofSeconds(6), dir);
    assertThat(keys(info.toJson().get("metrics"))).containsExactly("l1", "batcher");
    assertThat(info.toJson().at("/metrics/batcher").asText())
        .isEqualTo("http://127.0.0.1:7301/metrics");
    assertThat(DevnetBanner.lines(info))
        .anyMatch(line -> line.startsWith("Metrics, l1") && line.endsWith(":6060/metrics"));
  }

  @Test
  void theExplorerIsNamedOnceOneServesTheDevnet() {
    DevnetInfo without = new DevnetInfo(games, endpoints(true), Duration.ofSeconds(6), dir);
    assertThat(DevnetBanner.lines(without)).noneMatch(line -> line.startsWith("Block explorer"));
    DevnetInfo with = without.withExplorer(URI.create("http://127.0.0.1:4000/"));
    assertThat(with.toJson().get("explorer").asText()).isEqualTo("http://127.0.0.1:4000");
    assertThat(DevnetBanner.lines(with))
        .anyMatch(
            line -> line.startsWith("Block explorer:") && line.endsWith("http://127.0.0.1:4000"));
    assertThat(with.endpoints().l2Rpc()).isEqualTo(without.endpoints().l2Rpc());
  }
}
