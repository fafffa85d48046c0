package io.merapi.devnet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.batcher.BatcherConfig;
import io.merapi.batcher.DataAvailability;
import io.merapi.batcher.channel.BatchType;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.MetricsPorts;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.ChainSettings;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.NodeConfig;
import io.merapi.proposer.ProposerConfig;
import io.merapi.proposer.games.ResolverConfig;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.storage.RocksDbConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentConfigsTest {
  private static final URI L1 = URI.create("http://127.0.0.1:8545/");
  private static final URI BEACON = URI.create("http://127.0.0.1:5052/");

  @TempDir Path tmp;

  @Test
  void eachComponentGetsItsPortsKeysAndDevnetTimings() {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet"));
    ChainFiles files = DevnetGenesis.build(ChainSettings.defaults(), 1_700_000_000L);
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      ComponentConfigs wire = new ComponentConfigs(config, files, dir);

      ExecutionNodeConfig l1 = wire.l1();
      assertThat(l1.http().orElseThrow().port()).isEqualTo(8545);
      assertThat(l1.http().orElseThrow().webSocket()).isTrue();
      assertThat(l1.dev().orElseThrow().periodSeconds()).isEqualTo(6);
      assertThat(l1.dev().orElseThrow().beacon().orElseThrow().port()).isEqualTo(5052);
      assertThat(l1.genesis()).contains(files.l1Genesis());
      assertThat(l1.storage()).isEqualTo(ComponentConfigs.STORAGE);
      assertThat(l1.threadName("chain-events")).isEqualTo("l1-chain-events");

      ExecutionNodeConfig verifierEngine = wire.engine(false, JwtSecret.generate());
      assertThat(verifierEngine.http().orElseThrow().port()).isEqualTo(9645);
      assertThat(verifierEngine.authRpc().orElseThrow().port()).isEqualTo(8651);
      assertThat(verifierEngine.jwtSecret()).contains(dir.jwtSecret());
      assertThat(verifierEngine.datadir()).contains(dir.engine(false));
      assertThat(verifierEngine.storage()).isEqualTo(ComponentConfigs.STORAGE);
      assertThat(verifierEngine.threadName("payload-builder"))
          .isEqualTo("verifier-l2-payload-builder");
      assertThat(wire.engine(true, JwtSecret.generate()).threadName("payload-builder"))
          .isEqualTo("sequencer-l2-payload-builder");
      assertThat(ComponentConfigs.STORAGE.blockCacheBytes())
          .isLessThan(RocksDbConfig.defaults().blockCacheBytes());

      URI verifierNode = URI.create("http://127.0.0.1:7645/");
      NodeConfig sequencer =
          wire.node(true, L1, BEACON, URI.create("http://127.0.0.1:8551/"), List.of(verifierNode));
      assertThat(sequencer.rpcPort()).isEqualTo(7545);
      assertThat(sequencer.name()).isEqualTo("sequencer");
      assertThat(
              wire.node(false, L1, BEACON, URI.create("http://127.0.0.1:8651/"), List.of()).name())
          .isEqualTo("verifier");
      assertThat(sequencer.driver().sequencerEnabled()).isTrue();
      assertThat(sequencer.driver().sequencerConfs()).isZero();
      assertThat(sequencer.publishTo()).containsExactly(verifierNode);
      assertThat(sequencer.l2JwtSecret()).isEqualTo(dir.jwtSecret());
      assertThat(sequencer.safeDbPath()).contains(dir.safeDb(true));

      BatcherConfig batcher = wire.batcher(L1, URI.create("http://127.0.0.1:9545/"), verifierNode);
      assertThat(batcher.key().address())
          .isEqualTo(files.rollup().rollup().genesis().systemConfig().batcherAddr());
      assertThat(batcher.dataAvailability()).isEqualTo(DataAvailability.BLOBS);
      assertThat(batcher.batchType()).isEqualTo(BatchType.SPAN);
      assertThat(batcher.maxChannelDuration()).isEqualTo(1);
      assertThat(batcher.txManager().numConfirmations()).isEqualTo(1);
      assertThat(batcher.txManager().resubmissionTimeout()).isEqualTo(Duration.ofSeconds(12));
      assertThat(batcher.rpcPort()).isEqualTo(6545);

      ProposerConfig proposer = wire.proposer(L1, URI.create("http://127.0.0.1:7545/"), L1);
      assertThat(proposer.allowNonFinalized()).isTrue();
      assertThat(proposer.mode())
          .isEqualTo(
              new ProposerConfig.GameFactory(
                  files.rollup().l1().disputeGameFactoryProxy().orElseThrow(),
                  config.proposalInterval(),
                  254));
      assertThat(proposer.key().address())
          .isEqualTo(io.merapi.devnet.info.DevnetInfo.roles().get("proposer"));
      assertThat(proposer.rpc().port()).isEqualTo(6546);

      ResolverConfig resolver = wire.resolver(L1).orElseThrow();
      assertThat(resolver.gameFactory())
          .isEqualTo(files.rollup().l1().disputeGameFactoryProxy().orElseThrow());
      assertThat(resolver.key().address())
          .isEqualTo(io.merapi.devnet.info.DevnetInfo.roles().get("challenger"));
      assertThat(resolver.pollInterval()).isEqualTo(Duration.ofSeconds(1));
      assertThat(resolver.txManager().numConfirmations()).isEqualTo(1);
    }
  }

  @Test
  void withMetricsEachComponentServesOnItsOwnPort() {
    DevnetConfig config =
        DevnetConfig.defaults(tmp.resolve("metrics"))
            .withMetrics(Optional.of(MetricsPorts.defaults()));
    ChainFiles files = DevnetGenesis.build(ChainSettings.defaults(), 1_700_000_000L);
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      ComponentConfigs wire = new ComponentConfigs(config, files, dir);
      assertThat(wire.l1().metrics().orElseThrow().port()).isEqualTo(6060);
      assertThat(wire.engine(true, JwtSecret.generate()).metrics().orElseThrow().port())
          .isEqualTo(6061);
      assertThat(wire.engine(false, JwtSecret.generate()).metrics().orElseThrow().port())
          .isEqualTo(6062);
      assertThat(wire.node(true, L1, BEACON, L1, List.of()).metrics().orElseThrow().port())
          .isEqualTo(7300);
      assertThat(wire.node(false, L1, BEACON, L1, List.of()).metrics().orElseThrow().port())
          .isEqualTo(7303);
      assertThat(wire.batcher(L1, L1, L1).metricsPort()).contains(7301);
      assertThat(wire.proposer(L1, L1, L1).metrics().orElseThrow().port()).isEqualTo(7302);
    }
    DevnetConfig quiet = DevnetConfig.defaults(tmp.resolve("quiet"));
    try (DevnetDir dir = DevnetDir.open(quiet.datadir(), false)) {
      ComponentConfigs wire = new ComponentConfigs(quiet, files, dir);
      assertThat(wire.l1().metrics()).isEmpty();
      assertThat(wire.batcher(L1, L1, L1).metricsPort()).isEmpty();
    }
  }
}
