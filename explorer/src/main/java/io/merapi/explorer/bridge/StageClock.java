package io.merapi.explorer.bridge;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a withdrawal can take its next step, from what the L1 contracts hold, and how long that is
 * from now — "now" being the L1 head's timestamp, not the wall clock, so a paused devnet shows the
 * truth (explorer/DESIGN.md §7). Pure: every input is a value.
 *
 * <p>The portals' checks are strict ({@code block.timestamp - t > delay}), so a step is possible
 * from the first L1 block whose timestamp is {@code t + delay + 1}.
 */
public final class StageClock {
  /** The waits of the chain's proof system. */
  public sealed interface Rules permits GameRules, OracleRules {}

  /**
   * OptimismPortal2 with dispute games: a proof matures after {@code proofMaturityDelaySeconds};
   * the game must have been resolved {@code disputeGameFinalityDelaySeconds} before.
   */
  public record GameRules(long proofMaturityDelaySeconds, long disputeGameFinalityDelaySeconds)
      implements Rules {}

  /** OptimismPortal with the L2OutputOracle: proof and output age by the finalization period. */
  public record OracleRules(long finalizationPeriodSeconds) implements Rules {}

  /**
   * When a step can be taken: from L1 time {@code at}, or not known yet because it waits for
   * something no clock gives ({@code waitingFor}: a proposal, a game's resolution).
   */
  public record Due(OptionalLong at, Optional<String> waitingFor) {
    public static Due from(long at) {
      return new Due(OptionalLong.of(at), Optional.empty());
    }

    public static Due waiting(String what) {
      return new Due(OptionalLong.empty(), Optional.of(what));
    }

    /** Seconds from {@code l1Now} to the step, 0 when it can be taken now; empty if unknown. */
    public OptionalLong secondsLeft(long l1Now) {
      return at.isPresent()
          ? OptionalLong.of(Math.max(0, at.getAsLong() - l1Now))
          : OptionalLong.empty();
    }

    /** Whether the step can be taken at L1 time {@code l1Now}. */
    public boolean reached(long l1Now) {
      return at.isPresent() && at.getAsLong() <= l1Now;
    }
  }

  private StageClock() {}

  /**
   * When the withdrawal can be proven.
   *
   * @param proposedAt the L1 time of the proposal (game or output) covering its block, if any
   * @param nextOutputL2Time with the oracle and no output yet: the L2 time of the block the next
   *     output covering it will be at — the proposer cannot propose it before that time
   */
  public static Due provable(OptionalLong proposedAt, OptionalLong nextOutputL2Time) {
    if (proposedAt.isPresent()) {
      return Due.from(proposedAt.getAsLong());
    }
    if (nextOutputL2Time.isPresent()) {
      return Due.from(nextOutputL2Time.getAsLong());
    }
    return Due.waiting("a proposal that covers its L2 block");
  }

  /**
   * When a proven withdrawal can be finalized.
   *
   * @param provenAt the L1 time of the proof
   * @param gameResolvedAt with games: when the proof's game was resolved (empty while in progress)
   * @param outputTimestamp with the oracle: the proven output's L1 timestamp
   */
  public static Due finalizable(
      Rules rules, long provenAt, OptionalLong gameResolvedAt, OptionalLong outputTimestamp) {
    return switch (rules) {
      case GameRules g -> {
        long matured = provenAt + g.proofMaturityDelaySeconds() + 1;
        if (gameResolvedAt.isEmpty()) {
          yield new Due(OptionalLong.empty(), Optional.of("its dispute game to be resolved"));
        }
        yield Due.from(
            Math.max(
                matured, gameResolvedAt.getAsLong() + g.disputeGameFinalityDelaySeconds() + 1));
      }
      case OracleRules o -> {
        long proofAged = provenAt + o.finalizationPeriodSeconds() + 1;
        long outputAged =
            outputTimestamp.isPresent()
                ? outputTimestamp.getAsLong() + o.finalizationPeriodSeconds() + 1
                : proofAged;
        yield Due.from(Math.max(proofAged, outputAged));
      }
    };
  }
}
