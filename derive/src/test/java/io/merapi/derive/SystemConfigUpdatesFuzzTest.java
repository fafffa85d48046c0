package io.merapi.derive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.SystemConfigUpdates.LogUpdate;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.receipt.Log;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Any ConfigUpdate log an L1 contract can emit is applied, ignored or reported malformed, never an
 * exception: derivation must survive whatever the L1 holds. The input's first byte picks the number
 * of topics (with the event topic first) and the type topic's last byte; the rest is the payload.
 * Without {@code JAZZER_FUZZ=1} this replays the seed corpus.
 */
class SystemConfigUpdatesFuzzTest {
  private static final SystemConfig START =
      new SystemConfig(
          Address.ZERO,
          Hash.ZERO,
          Hash.ZERO,
          30_000_000,
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());

  @FuzzTest(maxDuration = "30s")
  void everyLogHasAnOutcome(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int topicCount = (input[0] & 0x03) + 1;
    boolean ecotone = (input[0] & 0x04) != 0;
    List<Hash> topics = new ArrayList<>();
    topics.add(SystemConfigUpdates.CONFIG_UPDATE_TOPIC);
    if (topicCount > 1) {
      byte[] version = new byte[32];
      version[31] = (byte) ((input[0] & 0x08) != 0 ? 1 : 0);
      topics.add(Hash.wrap(version));
    }
    if (topicCount > 2) {
      byte[] type = new byte[32];
      type[31] = input[1];
      topics.add(Hash.wrap(type));
    }
    if (topicCount > 3) {
      topics.add(Hash.ZERO);
    }
    Log log = new Log(Address.ZERO, topics, Bytes.wrap(Arrays.copyOfRange(input, 2, input.length)));

    LogUpdate update = SystemConfigUpdates.applyLog(START, log, ecotone);

    assertThat(update).isNotNull();
    if (update instanceof LogUpdate.Applied applied) {
      // A parsed payload is exactly a head and whole words.
      assertThat(log.data().length() % 32).isZero();
      assertThat(applied.config()).isNotNull();
    }
  }
}
