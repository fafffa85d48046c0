package io.merapi.proposer;

import io.merapi.base.bytes.Hex;
import io.merapi.proposer.contract.ContractReadException;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.proposer.contract.GameFactoryTarget;
import io.merapi.proposer.contract.OutputOracleTarget;
import io.merapi.proposer.contract.ProposalTarget;
import io.merapi.proposer.metrics.ProposerMetrics;
import io.merapi.proposer.output.EngineOutputs;
import io.merapi.proposer.rpc.ProposerAdminRpc;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServer;
import io.merapi.service.Resources;
import io.merapi.service.rollup.HttpRollupClient;
import io.merapi.service.rollup.RollupClient;
import io.merapi.service.txmgr.L1TxManager;
import io.merapi.service.txmgr.TxManager;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proposer, wired from its config (op-proposer's {@code ProposerService}): the L1 and L2
 * clients, the rollup node client, the transaction manager, the proposal target, the driver, the
 * RPC server and the metrics endpoint. {@link #close} stops them in reverse order; a proposal under
 * way is abandoned (its transaction, if sent, is mined or not: the next start reads the contract
 * and carries on from what is on L1).
 */
public final class ProposerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProposerService.class);
  public static final String VERSION = "v0.1.0";

  /** How long one proposal waits for the L1 head to move past the node's (a few L1 blocks). */
  static final java.time.Duration L1_WAIT = java.time.Duration.ofMinutes(2);

  private final Resources resources;
  private final ProposerDriver driver;
  private final URI rpcUri;
  private final Optional<URI> metricsUri;
  private final ProposerMetrics metrics;

  private ProposerService(
      Resources resources,
      ProposerDriver driver,
      URI rpcUri,
      Optional<URI> metricsUri,
      ProposerMetrics metrics) {
    this.resources = resources;
    this.driver = driver;
    this.rpcUri = rpcUri;
    this.metricsUri = metricsUri;
    this.metrics = metrics;
  }

  /**
   * Starts a proposer and its driver.
   *
   * @throws IllegalArgumentException if a contract address holds no such contract
   */
  public static ProposerService start(ProposerConfig config) {
    Resources resources = new Resources();
    try {
      ProposerMetrics metrics = new ProposerMetrics();
      metrics.recordInfo(VERSION);
      RpcClientOptions options =
          RpcClientOptions.defaults().withTimeout(config.txManager().networkTimeout());
      RpcClient l1 = resources.add(HttpRpcClient.create(config.l1EthRpc(), options));
      RpcClient l2 = resources.add(HttpRpcClient.create(config.l2EthRpc(), options));
      RollupClient rollup =
          resources.add(
              HttpRollupClient.create(config.rollupRpc(), config.txManager().networkTimeout()));
      TxManager txManager =
          resources.add(
              L1TxManager.create(
                  config.l1EthRpc(), config.key(), config.txManager(), metrics.registry()));
      ProposalTarget target = target(config.mode(), l1);
      describe(target);

      L2OutputSubmitter submitter =
          new L2OutputSubmitter(
              rollup,
              new EngineOutputs(l2)::outputAt,
              target,
              txManager,
              () -> Hex.parseQuantity(l1.call("eth_blockNumber").asText()),
              config.allowNonFinalized(),
              config.pollInterval(),
              L1_WAIT,
              metrics);
      ProposerDriver driver = resources.add(new ProposerDriver(submitter, config.pollInterval()));
      RpcServer rpcServer =
          resources.add(
              ProposerAdminRpc.start(
                  config.rpc().addr(),
                  config.rpc().port(),
                  config.rpc().enableAdmin(),
                  driver,
                  metrics.registry()));
      Optional<URI> metricsUri =
          config
              .metrics()
              .map(m -> resources.add(metrics.serve(m.addr(), m.port())).httpUri())
              .map(uri -> uri.resolve("/metrics"));
      driver.start();
      metrics.recordUp();
      LOG.info(
          "Proposer up: from {}, {}, RPC {}",
          txManager.from(),
          config.allowNonFinalized() ? "proposing safe blocks" : "proposing finalized blocks",
          rpcServer.httpUri());
      return new ProposerService(resources, driver, rpcServer.httpUri(), metricsUri, metrics);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  private static ProposalTarget target(ProposerConfig.Mode mode, RpcClient l1) {
    return switch (mode) {
      case ProposerConfig.OutputOracle o ->
          new OutputOracleTarget(
              new ContractReader(ContractReader.rpc(l1), o.address(), "L2OutputOracle"));
      case ProposerConfig.GameFactory g ->
          new GameFactoryTarget(
              new ContractReader(ContractReader.rpc(l1), g.address(), "DisputeGameFactory"),
              g.gameType(),
              g.proposalInterval(),
              Clock.systemUTC());
    };
  }

  /**
   * Names the contract (op-proposer's "Connected to ..." line). A contract that is not there is a
   * configuration error; an L1 that cannot be reached yet is not: the driver retries.
   */
  private static void describe(ProposalTarget target) {
    try {
      LOG.info("Connected to {}", target.describe());
    } catch (ContractReadException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot read the proposal contract yet, the proposer will retry: {}", e.getMessage());
    }
  }

  public URI rpcUri() {
    return rpcUri;
  }

  public Optional<URI> metricsUri() {
    return metricsUri;
  }

  public ProposerDriver driver() {
    return driver;
  }

  public ProposerMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    resources.close(); // its PollLoop logs the stop
  }
}
