package io.merapi.types.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlobScheduleTest {
  @Test
  void defaultsAreTheEipsValues() {
    assertThat(BlobSchedule.at(Map.of(), Fork.CANCUN)).isEqualTo(BlobSchedule.CANCUN);
    assertThat(BlobSchedule.at(Map.of(), Fork.PRAGUE)).isEqualTo(BlobSchedule.PRAGUE);
    assertThat(BlobSchedule.PRAGUE.maxBlobGas()).isEqualTo(1_179_648);
    assertThat(BlobSchedule.PRAGUE.targetBlobGas()).isEqualTo(786_432);
  }

  @Test
  void aForkUsesTheLatestConfiguredEntryAtOrBeforeIt() throws Exception {
    Map<Fork, BlobSchedule> read =
        BlobSchedule.readAll(
            new ObjectMapper()
                .readTree(
                    """
                    {"Prague": {"target": "0x04", "max": "0x08", "baseFeeUpdateFraction": 100},
                     "Cancun": {"target": 3, "max": 6, "baseFeeUpdateFraction": "0x32f0ed"}}
                    """));
    assertThat(BlobSchedule.at(read, Fork.CANCUN)).isEqualTo(BlobSchedule.CANCUN);
    assertThat(BlobSchedule.at(read, Fork.PRAGUE)).isEqualTo(new BlobSchedule(4, 8, 100));
    assertThat(BlobSchedule.at(read, Fork.OSAKA)).isEqualTo(new BlobSchedule(4, 8, 100));
    assertThat(BlobSchedule.readAll(null)).isEmpty();
  }

  @Test
  void anUnknownForkIsAnError() throws Exception {
    assertThatThrownBy(
            () ->
                BlobSchedule.readAll(
                    new ObjectMapper()
                        .readTree(
                            "{\"Nowhere\": {\"target\": 1, \"max\": 2,"
                                + " \"baseFeeUpdateFraction\": 3}}")))
        .hasMessageContaining("unknown fork in blobSchedule: Nowhere");
  }
}
