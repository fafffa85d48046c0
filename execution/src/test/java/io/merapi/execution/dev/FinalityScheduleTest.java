package io.merapi.execution.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FinalityScheduleTest {
  private record Case(
      String name,
      FinalitySchedule schedule,
      long head,
      long safe,
      long finalized,
      long nextSafe,
      long nextFinalized) {}

  @Test
  void labelsTrailTheHeadAndNeverGoBack() {
    FinalitySchedule lagging = new FinalitySchedule(8, 16);
    List<Case> cases =
        List.of(
            new Case("young chain: genesis", lagging, 3, 0, 0, 0, 0),
            new Case("safe moves first", lagging, 10, 1, 0, 2, 0),
            new Case("both trail", lagging, 100, 91, 83, 92, 84),
            new Case("depth 0: the head itself", FinalitySchedule.IMMEDIATE, 7, 6, 6, 7, 7),
            new Case("after a rewind: no step back", lagging, 21, 20, 10, 20, 10),
            new Case("equal depths", new FinalitySchedule(4, 4), 9, 4, 4, 5, 5));
    for (Case c : cases) {
      FinalitySchedule.Labels labels = c.schedule().next(c.head(), c.safe(), c.finalized());
      assertThat(labels)
          .as(c.name())
          .isEqualTo(new FinalitySchedule.Labels(c.nextSafe(), c.nextFinalized()));
      assertThat(labels.safe()).as(c.name()).isLessThanOrEqualTo(c.head());
      assertThat(labels.finalized()).as(c.name()).isLessThanOrEqualTo(labels.safe());
    }
  }

  @Test
  void aFinalizedBlockMustAlsoBeSafe() {
    assertThatThrownBy(() -> new FinalitySchedule(8, 4)).hasMessageContaining("at least");
    assertThatThrownBy(() -> new FinalitySchedule(-1, 4)).hasMessageContaining("negative");
  }
}
