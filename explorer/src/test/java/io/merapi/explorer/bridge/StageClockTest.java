package io.merapi.explorer.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The time left to each step, from fixed L1 times (the portals' checks are strict). */
class StageClockTest {
  private static final StageClock.GameRules GAMES = new StageClock.GameRules(12, 6);
  private static final StageClock.OracleRules ORACLE = new StageClock.OracleRules(10);

  @Test
  void aProposedWithdrawalIsProvableAtOnce() {
    StageClock.Due due = StageClock.provable(OptionalLong.of(1_000), OptionalLong.empty());
    assertThat(due.secondsLeft(1_000)).hasValue(0);
    assertThat(due.reached(1_000)).isTrue();
    assertThat(due.waitingFor()).isEmpty();
  }

  @Test
  void withoutAProposalGamesGiveNoTimeButTheOracleGivesTheNextOutputsTime() {
    StageClock.Due games = StageClock.provable(OptionalLong.empty(), OptionalLong.empty());
    assertThat(games.secondsLeft(1_000)).isEmpty();
    assertThat(games.reached(1_000)).isFalse();
    assertThat(games.waitingFor()).hasValueSatisfying(w -> assertThat(w).contains("proposal"));

    StageClock.Due oracle = StageClock.provable(OptionalLong.empty(), OptionalLong.of(1_030));
    assertThat(oracle.secondsLeft(1_000)).hasValue(30);
    assertThat(oracle.secondsLeft(1_050)).hasValue(0);
  }

  @Test
  void withGamesTheLaterOfProofMaturityAndGameFinalityCounts() {
    // Proven at 1000: matured from 1013. Game resolved at 1000: final from 1007.
    StageClock.Due maturity =
        StageClock.finalizable(GAMES, 1_000, OptionalLong.of(1_000), OptionalLong.empty());
    assertThat(maturity.at()).hasValue(1_013);
    assertThat(maturity.secondsLeft(1_004)).hasValue(9);
    assertThat(maturity.reached(1_012)).isFalse();
    assertThat(maturity.reached(1_013)).isTrue();

    // Game resolved late, at 1010: final from 1017.
    StageClock.Due finality =
        StageClock.finalizable(GAMES, 1_000, OptionalLong.of(1_010), OptionalLong.empty());
    assertThat(finality.at()).hasValue(1_017);
  }

  @Test
  void withGamesAnUnresolvedGameHasNoTimeYet() {
    StageClock.Due due =
        StageClock.finalizable(GAMES, 1_000, OptionalLong.empty(), OptionalLong.empty());
    assertThat(due.at()).isEmpty();
    assertThat(due.secondsLeft(5_000)).isEmpty();
    assertThat(due.waitingFor()).hasValueSatisfying(w -> assertThat(w).contains("resolved"));
  }

  @Test
  void withTheOracleBothTheProofAndTheOutputMustAge() {
    // Output at 990, proof at 1000, period 10: the proof is the later, final from 1011.
    assertThat(
            StageClock.finalizable(ORACLE, 1_000, OptionalLong.empty(), OptionalLong.of(990)).at())
        .hasValue(1_011);
    // A proof against an output proposed after it was proven is impossible, but the later wins.
    assertThat(
            StageClock.finalizable(ORACLE, 1_000, OptionalLong.empty(), OptionalLong.of(1_005))
                .at())
        .hasValue(1_016);
    // Without the output's time, the proof's own.
    assertThat(
            StageClock.finalizable(ORACLE, 1_000, OptionalLong.empty(), OptionalLong.empty()).at())
        .hasValue(1_011);
  }

  @Test
  void timeLeftNeverGoesNegative() {
    assertThat(StageClock.Due.from(10).secondsLeft(1_000)).hasValue(0);
  }
}
