package io.merapi.cannon.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HostProcess} against {@link TestHost} run as a separate JVM with its channels on fds 3–6:
 * a working host answers hints and pre-images; a host that exits, answers garbage or stays silent
 * ends in a {@link PreimageHostException} that says so, never in a hang.
 */
class HostProcessTest {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void servesHintsAndKeccakPreimages() throws Exception {
    byte[] data = "a pre-image".getBytes(StandardCharsets.UTF_8);
    try (HostProcess host = HostProcess.start(TestHost.command("serve", "a pre-image"), TIMEOUT)) {
      host.oracle().hint("l1-block 0x01".getBytes(StandardCharsets.UTF_8));
      assertThat(host.oracle().getPreimage(TestHost.keccakKey(data))).isEqualTo(data);
      assertThat(host.oracle().getPreimage(TestHost.keccakKey(data))).isEqualTo(data);
    }
  }

  @Test
  void aHostThatExitsIsAClearError() throws Exception {
    try (HostProcess host = HostProcess.start(TestHost.command("exit-on-hint"), TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().hint(new byte[] {1}))
          .isInstanceOf(PreimageHostException.class)
          .hasMessageContaining("hint failed")
          .hasMessageContaining("code 5");
    }
  }

  @Test
  void aHostMissingAPreimageExitsAndThatIsAClearError() throws Exception {
    try (HostProcess host = HostProcess.start(TestHost.command("serve"), TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().getPreimage(new byte[32]))
          .isInstanceOf(PreimageHostException.class)
          .hasMessageContaining("closed the pre-image channel")
          .hasMessageContaining("code 3");
    }
  }

  @Test
  void garbageAnswersAreAClearError() throws Exception {
    try (HostProcess host = HostProcess.start(TestHost.command("garbage"), TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().getPreimage(new byte[32]))
          .isInstanceOf(PreimageHostException.class)
          .hasMessageContaining("pre-image length of -1");
    }
  }

  @Test
  void aHostThatClosesItsPipesIsAClearErrorNotATimeout() throws Exception {
    List<String> closer = List.of("sh", "-c", "exec 3<&- 4>&- 5<&- 6>&-; exec sleep 30");
    try (HostProcess host = HostProcess.start(closer, TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().hint(new byte[] {1, 2, 3}))
          .isInstanceOf(PreimageHostException.class)
          .message()
          .isNotBlank()
          .doesNotContain("did not answer");
    }
    try (HostProcess host = HostProcess.start(closer, TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().getPreimage(new byte[32]))
          .isInstanceOf(PreimageHostException.class)
          .message()
          .doesNotContain("did not answer");
    }
  }

  @Test
  void aHostThatCutsItsAnswerShortIsAClearError() throws Exception {
    // Announces 16 bytes, sends 3, closes the pre-image channel and stays alive.
    List<String> cutter =
        List.of(
            "sh",
            "-c",
            "printf '\\000\\000\\000\\000\\000\\000\\000\\020abc' >&6; exec 6>&-;"
                + " exec sleep 30");
    try (HostProcess host = HostProcess.start(cutter, TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().getPreimage(new byte[32]))
          .isInstanceOf(PreimageHostException.class)
          .message()
          .doesNotContain("did not answer");
    }
  }

  @Test
  void aSilentHostTimesOut() throws Exception {
    try (HostProcess host = HostProcess.start(TestHost.command("silent"), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> host.oracle().getPreimage(new byte[32]))
          .isInstanceOf(PreimageHostException.class)
          .hasMessageContaining("did not answer within 2 s");
    }
  }

  @Test
  void aMissingHostCommandIsAClearError() throws Exception {
    try (HostProcess host = HostProcess.start(List.of("/nonexistent/host"), TIMEOUT)) {
      assertThatThrownBy(() -> host.oracle().hint(new byte[] {1}))
          .isInstanceOf(PreimageHostException.class)
          .hasMessageContaining("code 127");
    }
  }
}
