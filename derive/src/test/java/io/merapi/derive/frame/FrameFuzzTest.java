package io.merapi.derive.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any batcher transaction data parses to frames that encode back to exactly the same bytes (the
 * frame format has one encoding), or is rejected with a reason; nothing throws. Without {@code
 * JAZZER_FUZZ=1} this replays the seed corpus in {@code FrameFuzzTestInputs}.
 */
class FrameFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parseFramesIsTotal(byte[] input) {
    switch (BatcherTransaction.parseFrames(input)) {
      case FrameParseResult.Valid valid ->
          assertThat(BatcherTransaction.encode(valid.frames()).toArray()).isEqualTo(input);
      case FrameParseResult.Invalid invalid -> {
        assertThat(invalid.reason()).isNotBlank();
        assertThat(invalid.offset()).isBetween(0, input.length);
      }
    }
  }
}
