package io.merapi.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Engine API method versions by the fork of a block's time, as op-node picks them. */
class EngineMethodsTest {
  static final RollupConfig ROLLUP = Rollups.staged();

  record Case(
      String fork, long time, String forkchoiceUpdated, String getPayload, String newPayload) {
    @Override
    public String toString() {
      return fork + " at " + time;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "Regolith",
            4,
            "engine_forkchoiceUpdatedV1",
            "engine_getPayloadV2",
            "engine_newPayloadV2"),
        new Case(
            "Canyon",
            10,
            "engine_forkchoiceUpdatedV2",
            "engine_getPayloadV2",
            "engine_newPayloadV2"),
        new Case(
            "Ecotone",
            20,
            "engine_forkchoiceUpdatedV3",
            "engine_getPayloadV3",
            "engine_newPayloadV3"),
        new Case(
            "Holocene",
            28,
            "engine_forkchoiceUpdatedV3",
            "engine_getPayloadV3",
            "engine_newPayloadV3"));
  }

  static PayloadAttributes at(long time) {
    return PayloadAttributes.of(time, Hash.ZERO, Address.ZERO, Optional.empty(), Optional.empty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void versionsFollowTheFork(Case c) {
    assertThat(EngineMethods.forkchoiceUpdated(ROLLUP, Optional.of(at(c.time()))))
        .isEqualTo(c.forkchoiceUpdated());
    assertThat(EngineMethods.getPayload(ROLLUP, c.time())).isEqualTo(c.getPayload());
    assertThat(EngineMethods.newPayload(ROLLUP, c.time())).isEqualTo(c.newPayload());
  }

  @Test
  void aForkchoiceUpdateWithoutAttributesIsV3AtEveryFork() {
    assertThat(EngineMethods.forkchoiceUpdated(ROLLUP, Optional.empty()))
        .isEqualTo("engine_forkchoiceUpdatedV3");
  }

  @Test
  void isthmusIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> EngineMethods.getPayload(ROLLUP, 30))
        .isInstanceOfSatisfying(
            EngineException.Rejected.class,
            e -> assertThat(e.code()).isEqualTo(EngineException.Rejected.UNSUPPORTED_FORK))
        .hasMessageContaining("engine_getPayload")
        .hasMessageContaining("Isthmus is active there")
        .hasMessageContaining("not supported by this node yet");
    assertThatThrownBy(() -> EngineMethods.newPayload(ROLLUP, 32))
        .isInstanceOf(EngineException.Rejected.class);
    assertThatThrownBy(() -> EngineMethods.forkchoiceUpdated(ROLLUP, Optional.of(at(30))))
        .isInstanceOf(EngineException.Rejected.class);
  }
}
