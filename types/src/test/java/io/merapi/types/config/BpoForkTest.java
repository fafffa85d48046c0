package io.merapi.types.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** EIP-7892: blob parameters switched by timestamp from the chain config's BPO entries. */
class BpoForkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SCHEDULE =
      """
      "blobSchedule": {
        "cancun": {"target": 3, "max": 6, "baseFeeUpdateFraction": 3338477},
        "prague": {"target": 6, "max": 9, "baseFeeUpdateFraction": 5007716},
        "osaka": {"target": 6, "max": 9, "baseFeeUpdateFraction": 5007716},
        "bpo1": {"target": 10, "max": 15, "baseFeeUpdateFraction": 8346193},
        "bpo2": {"target": 14, "max": 21, "baseFeeUpdateFraction": 11684671}
      }""";

  private static ChainConfig config(String times) throws Exception {
    return ChainConfig.fromJson(
        JSON.readTree(
            "{\"chainId\": 1, \"terminalTotalDifficulty\": 0, \"shanghaiTime\": 0,"
                + " \"cancunTime\": 0, \"pragueTime\": 0, "
                + times
                + ", "
                + SCHEDULE
                + "}"));
  }

  @Test
  void aBlockTakesTheLatestActiveBpoEntryElseItsForks() throws Exception {
    ChainConfig config = config("\"osakaTime\": 100, \"bpo1Time\": 200, \"bpo2Time\": 300");
    assertThat(config.bpoTimes())
        .containsEntry(BpoFork.BPO1, 200L)
        .containsEntry(BpoFork.BPO2, 300L);
    BlobSchedule osaka = new BlobSchedule(6, 9, 5_007_716);
    assertThat(config.blobScheduleAt(1, 99)).isEqualTo(BlobSchedule.PRAGUE);
    assertThat(config.blobScheduleAt(1, 199)).isEqualTo(osaka);
    assertThat(config.blobScheduleAt(1, 200)).isEqualTo(new BlobSchedule(10, 15, 8_346_193));
    assertThat(config.blobScheduleAt(1, 299)).isEqualTo(new BlobSchedule(10, 15, 8_346_193));
    assertThat(config.blobScheduleAt(1, 300)).isEqualTo(new BlobSchedule(14, 21, 11_684_671));
    // The fork-only view does not see BPOs.
    assertThat(config.blobScheduleAt(Fork.OSAKA)).isEqualTo(osaka);
    // A BPO entry without a time is not scheduled.
    assertThat(config("\"osakaTime\": 100").blobScheduleAt(1, 1_000)).isEqualTo(osaka);
  }

  @Test
  void badBpoSchedulesAreRefused() {
    assertThatThrownBy(() -> config("\"osakaTime\": 100, \"bpo3Time\": 200"))
        .hasMessageContaining("bpo3Time is set but blobSchedule has no bpo3");
    assertThatThrownBy(() -> config("\"osakaTime\": 100, \"bpo1Time\": 50"))
        .hasMessageContaining("bpo1Time is before osakaTime");
    assertThatThrownBy(() -> config("\"bpo1Time\": 50"))
        .hasMessageContaining("bpo1Time is before osakaTime");
    assertThatThrownBy(() -> config("\"osakaTime\": 100, \"bpo1Time\": 300, \"bpo2Time\": 200"))
        .hasMessageContaining("bpo2Time is before the previous BPO");
  }
}
