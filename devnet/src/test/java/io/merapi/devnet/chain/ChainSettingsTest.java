package io.merapi.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChainSettingsTest {
  @Test
  void bothKindsOfProofsSurviveTheFile() {
    ChainSettings games = ChainSettings.defaults();
    ChainSettings oracle = new ChainSettings(3, 1, new ChainSettings.OutputOracle(20, 4));
    assertThat(ChainSettings.fromJson(games.toJson())).isEqualTo(games);
    assertThat(ChainSettings.fromJson(oracle.toJson())).isEqualTo(oracle);
  }

  @Test
  void theSameSettingsReopenTheChain() {
    assertThat(ChainSettings.defaults().conflicts(ChainSettings.defaults())).isEmpty();
  }

  @Test
  void eachChangedChoiceIsNamedWithFresh() {
    ChainSettings chain = ChainSettings.defaults();
    ChainSettings asked = new ChainSettings(12, 1, new ChainSettings.DisputeGames(12, 30));
    assertThat(chain.conflicts(asked))
        .hasSize(3)
        .allMatch(line -> line.contains("--fresh"))
        .anyMatch(line -> line.contains("--l1.block-time 6, not 12"))
        .anyMatch(line -> line.contains("--l2.block-time 2, not 1"))
        .anyMatch(line -> line.contains("--dispute-game-finality-delay 6, not 30"));
  }

  @Test
  void anotherProofSystemIsOneConflict() {
    ChainSettings oracle = new ChainSettings(6, 2, ChainSettings.outputOracleDefaults());
    assertThat(ChainSettings.defaults().conflicts(oracle))
        .containsExactly(
            "the devnet was created with --proofs dispute-games, not l2oo; use --fresh to start a"
                + " new one");
  }

  @Test
  void nonsenseIsRefusedWithTheFlag() {
    assertThatThrownBy(() -> new ChainSettings(0, 2, new ChainSettings.DisputeGames(1, 1)))
        .hasMessageContaining("--l1.block-time");
    assertThatThrownBy(() -> new ChainSettings.OutputOracle(0, 2))
        .hasMessageContaining("--l2oo.submission-interval");
  }
}
