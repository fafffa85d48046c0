package io.merapi.proposer.games;

import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxManagerException;
import io.merapi.service.txmgr.TxResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the factory's fast games (type 254), the part of op-challenger's job a devnet needs: the
 * OptimismPortal2 finalizes a withdrawal only against a game that resolved DEFENDER_WINS, and a
 * FastDisputeGame resolves only when someone calls {@code resolve()} from the block after its
 * creation on. Nothing is disputed: a fast game proves nothing.
 *
 * <p>It keeps no state on disk. On the first step it finds the newest resolved fast game and starts
 * just after it (games are created and resolved in order, so older ones are settled); then it
 * follows new games. A game is resolved once the L1 head is past its creation block: the
 * transaction's gas is estimated against the head, where {@code resolve()} would still revert in
 * the creation block itself. Games of other types are left alone.
 */
public final class FastGameResolver {
  private static final Logger LOG = LoggerFactory.getLogger(FastGameResolver.class);
  public static final long FAST_GAME_TYPE = 254;

  private final Games games;
  private final TxManager txManager;
  private long scanFrom = -1; // unknown until the first step

  public FastGameResolver(Games games, TxManager txManager) {
    this.games = games;
    this.txManager = txManager;
  }

  /**
   * Resolves every fast game that can be resolved now, waiting for their transactions.
   *
   * @return how many games this step resolved
   * @throws TxManagerException when a transaction could not be sent (the next step tries again)
   */
  public int step() throws TxManagerException, InterruptedException {
    long count = games.count();
    if (scanFrom < 0) {
      scanFrom = firstUnsettled(count);
      LOG.info("Resolving fast games from index {} of {}", scanFrom, count);
    }
    long head = games.l1Head();
    List<Games.Game> due = new ArrayList<>();
    boolean settledSoFar = true;
    for (long i = scanFrom; i < count; i++) {
      Games.Game game = games.at(i);
      boolean settled =
          game.gameType() != FAST_GAME_TYPE || games.status(game.proxy()) != Games.IN_PROGRESS;
      if (!settled && games.createdAtBlock(game.proxy()) < head) {
        due.add(game);
      }
      settledSoFar &= settled;
      if (settledSoFar) {
        scanFrom = i + 1;
      }
    }
    return resolve(due);
  }

  /** Where to start: after the newest resolved fast game, or at 0. */
  private long firstUnsettled(long count) {
    for (long i = count - 1; i >= 0; i--) {
      Games.Game game = games.at(i);
      if (game.gameType() == FAST_GAME_TYPE && games.status(game.proxy()) != Games.IN_PROGRESS) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Sends every resolve() at once (the manager orders their nonces) and waits for them all. */
  private int resolve(List<Games.Game> due) throws TxManagerException, InterruptedException {
    List<CompletableFuture<TxResult>> sent = new ArrayList<>();
    for (Games.Game game : due) {
      sent.add(
          txManager.sendAsync(
              TxCandidate.calldata(game.proxy(), FastDisputeGame.resolve().data())));
    }
    int resolved = 0;
    TxManagerException failure = null;
    for (int i = 0; i < sent.size(); i++) {
      Games.Game game = due.get(i);
      try {
        TxResult result = sent.get(i).get();
        if (result.success()) {
          resolved++;
          LOG.info(
              "Resolved game {} at {} in L1 block {} (tx {})",
              game.index(),
              game.proxy(),
              result.blockNumber(),
              result.txHash());
        } else {
          // Someone else resolved it first, or it was not resolvable after all: read it again.
          LOG.warn(
              "resolve() of game {} at {} reverted in L1 block {} (tx {}); will check it again",
              game.index(),
              game.proxy(),
              result.blockNumber(),
              result.txHash());
        }
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof TxManagerException t
                  ? t
                  : new TxManagerException(
                      "resolve() of game " + game.index() + ": " + e.getCause().getMessage(),
                      e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return resolved;
  }
}
