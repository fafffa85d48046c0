package io.merapi.devnet.games;

import io.merapi.base.bytes.Address;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.deployer.DeployConfig;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxManagerException;
import io.merapi.service.txmgr.TxResult;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves every fast dispute game (type 254) as soon as the L1 lets it: one block after its
 * creation. This is what op-challenger does for the OP devnets with the {@code fast} trace type;
 * without it a game stays {@code IN_PROGRESS}, the portal refuses to finalize withdrawals proven
 * against it, and viem's {@code getWithdrawalStatus} fails on {@code ProposalNotValidated}.
 *
 * <p>It keeps nothing on disk: on its first poll it walks back from the newest game to the newest
 * resolved fast game (games are resolved in creation order), then follows new ones.
 */
public final class FastGameResolver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FastGameResolver.class);

  /** How far back the first poll looks for games still in progress. */
  static final int MAX_SCAN_BACK = 1_000;

  private final GameChain chain;
  private final TxManager txManager;
  private final Set<Address> inProgress = new LinkedHashSet<>();
  private long nextIndex = -1;
  private volatile ScheduledExecutorService loop;

  public FastGameResolver(GameChain chain, TxManager txManager) {
    this.chain = chain;
    this.txManager = txManager;
  }

  /** Polls every {@code interval} on its own thread until closed. */
  public FastGameResolver start(Duration interval) {
    loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("game-resolver").daemon().unstarted(r));
    loop.scheduleWithFixedDelay(this::pollLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Resolving fast dispute games from {} every {}", txManager.from(), interval);
    return this;
  }

  private void pollLogged() {
    try {
      poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Game resolver: {} (retrying next poll)", e.getMessage());
    } catch (Error e) {
      // The executor would end the loop silently.
      LOG.error("Game resolver stopped: {}", e.toString());
      throw e;
    }
  }

  /**
   * One round: learn the new games, then resolve each one in progress created before the L1 head.
   *
   * @return the games resolved in this round
   */
  synchronized List<Address> poll() throws InterruptedException {
    long count = chain.gameCount();
    if (nextIndex < 0) {
      scanBack(count);
    } else {
      for (long i = nextIndex; i < count; i++) {
        DisputeGameFactory.GameAtIndexResult game = chain.gameAt(i);
        if (game.gameType() == DeployConfig.FAST_GAME_TYPE) {
          LOG.info("New fast game {} at index {}", game.proxy(), i);
          inProgress.add(game.proxy());
        }
      }
    }
    nextIndex = count;
    if (inProgress.isEmpty()) {
      return List.of();
    }
    long head = chain.l1Head();
    List<Address> resolved = new java.util.ArrayList<>();
    for (Address game : List.copyOf(inProgress)) {
      if (chain.status(game) != GameChain.IN_PROGRESS) {
        inProgress.remove(game); // someone else resolved it
      } else if (chain.createdAtBlock(game) < head && resolve(game)) {
        inProgress.remove(game);
        resolved.add(game);
      }
    }
    return resolved;
  }

  private void scanBack(long count) {
    long stop = Math.max(0, count - MAX_SCAN_BACK);
    List<Address> found = new java.util.ArrayList<>();
    for (long i = count - 1; i >= stop; i--) {
      DisputeGameFactory.GameAtIndexResult game = chain.gameAt(i);
      if (game.gameType() != DeployConfig.FAST_GAME_TYPE) {
        continue;
      }
      if (chain.status(game.proxy()) != GameChain.IN_PROGRESS) {
        break;
      }
      found.add(game.proxy());
    }
    // Oldest first, as they were created.
    for (int i = found.size() - 1; i >= 0; i--) {
      inProgress.add(found.get(i));
    }
  }

  private boolean resolve(Address game) throws InterruptedException {
    TxCandidate candidate =
        new TxCandidate(FastDisputeGame.resolve().data(), List.of(), game, 0, BigInteger.ZERO);
    try {
      TxResult result = txManager.send(candidate);
      if (!result.success()) {
        LOG.warn("Resolving game {} reverted in L1 block {}", game, result.blockNumber());
        return false;
      }
      LOG.info("Resolved game {} in L1 block {}", game, result.blockNumber());
      return true;
    } catch (TxManagerException e) {
      LOG.warn("Resolving game {} failed: {} (retrying next poll)", game, e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService running = loop;
    loop = null;
    if (running != null) {
      // Interrupts a send in progress: the game stays in progress and is resolved after a restart.
      running.shutdownNow();
      try {
        running.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
