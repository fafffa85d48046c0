package io.merapi.proposer.games;

import io.merapi.base.bytes.Hex;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.proposer.PollLoop;
import io.merapi.proposer.contract.ContractReadException;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.service.Resources;
import io.merapi.service.txmgr.L1TxManager;
import io.merapi.service.txmgr.TxManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FastGameResolver} wired to an L1 (its client and transaction manager) and run every
 * poll interval by a {@link PollLoop} until {@link #close}. A resolve() under way when it closes is
 * mined or not; the next start reads the games again.
 */
public final class GameResolverService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GameResolverService.class);

  private final Resources resources;

  private GameResolverService(Resources resources) {
    this.resources = resources;
  }

  /**
   * Starts resolving.
   *
   * @throws IllegalArgumentException if there is no DisputeGameFactory at the address
   */
  public static GameResolverService start(ResolverConfig config) {
    Resources resources = new Resources();
    try {
      RpcClient l1 =
          resources.add(
              HttpRpcClient.create(
                  config.l1EthRpc(),
                  RpcClientOptions.defaults().withTimeout(config.txManager().networkTimeout())));
      TxManager txManager =
          resources.add(
              L1TxManager.create(
                  config.l1EthRpc(), config.key(), config.txManager(), new SimpleMeterRegistry()));
      FactoryGames games =
          new FactoryGames(
              ContractReader.rpc(l1),
              config.gameFactory(),
              () -> Hex.parseQuantity(l1.call("eth_blockNumber").asText()));
      describe(l1, config);
      FastGameResolver resolver = new FastGameResolver(games, txManager);
      PollLoop loop =
          resources.add(
              new PollLoop("Resolver", LOG, config.pollInterval(), () -> resolver.step() > 0));
      loop.start();
      LOG.info(
          "Resolver up: resolving fast games (type {}) of the DisputeGameFactory at {} from {}",
          FastGameResolver.FAST_GAME_TYPE,
          config.gameFactory(),
          txManager.from());
      return new GameResolverService(resources);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  /** A factory that is not there is a configuration error; an L1 not reachable yet is not. */
  private static void describe(RpcClient l1, ResolverConfig config) {
    try {
      String version =
          new ContractReader(ContractReader.rpc(l1), config.gameFactory(), "DisputeGameFactory")
              .read(DisputeGameFactory.version());
      LOG.info("Connected to DisputeGameFactory {} version {}", config.gameFactory(), version);
    } catch (ContractReadException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot read the DisputeGameFactory yet, the resolver will retry: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    resources.close(); // its PollLoop logs the stop
  }
}
