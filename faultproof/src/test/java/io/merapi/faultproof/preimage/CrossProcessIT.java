package io.merapi.faultproof.preimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.host.Prefetcher;
import io.merapi.faultproof.host.PreimageHost;
import io.merapi.faultproof.kvstore.MemoryKvStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol across a real process boundary, the way {@code --exec} runs a program: a child JVM
 * finds the oracle on its descriptors 3-6 (FIFOs the host made, through {@code /proc/self/fd}),
 * boots from the local keys, hints and reads a pre-image from this JVM's host.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CrossProcessIT {
  private static final byte[] VALUE = "hello from the host".getBytes(StandardCharsets.UTF_8);
  private static final PreimageKey KEY = PreimageKey.keccak256Of(VALUE);
  private static final BootInfo BOOT =
      BootInfo.known(
          Hash.fromHex("0x" + "01".repeat(32)),
          Hash.ZERO,
          Hash.fromHex("0x" + "03".repeat(32)),
          42,
          901);

  private static List<String> child(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ProgramSideMain.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void childProgramBootsHintsAndReadsOverInheritedDescriptors() throws Exception {
    MemoryKvStore store = new MemoryKvStore();
    store.put(KEY, VALUE);
    List<String> hints = new ArrayList<>();
    Prefetcher prefetcher = new Prefetcher(store, Optional.of(BOOT), Optional.empty());
    ChildChannels.Launched child =
        ChildChannels.start(
            child("l2-code 0x" + "ab".repeat(32), KEY.toHex()),
            builder -> builder.redirectError(ProcessBuilder.Redirect.INHERIT));
    PreimageHost host =
        PreimageHost.start(
            child.hints(),
            child.preimages(),
            hint -> {
              hints.add(hint);
              prefetcher.route(hint);
            },
            prefetcher);
    String output =
        new String(child.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process().exitValue()).as(output).isZero();
    assertThat(output).contains("claim-block 42").contains("value hello from the host");
    assertThat(hints).containsExactly("l2-code 0x" + "ab".repeat(32));
    assertThat(host.awaitDone()).as("the child closing its ends is a clean end").isEmpty();
  }

  @Test
  void childFailsCleanlyWhenTheHostCannotServeAKey() throws Exception {
    Prefetcher prefetcher =
        new Prefetcher(new MemoryKvStore(), Optional.of(BOOT), Optional.empty());
    ChildChannels.Launched child =
        ChildChannels.start(
            child("l2-code 0x" + "ab".repeat(32), KEY.toHex()),
            builder -> builder.redirectError(ProcessBuilder.Redirect.INHERIT));
    PreimageHost host =
        PreimageHost.start(child.hints(), child.preimages(), prefetcher, prefetcher);
    String output =
        new String(child.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process().exitValue()).isEqualTo(2);
    assertThat(output).contains("failed pre-image " + KEY + " not received");
    assertThat(host.awaitDone()).get().asString().contains("offline");
  }

  @Test
  void aChildThatExitsAtOnceEndsTheHostCleanly() throws Exception {
    // The shell opens descriptors 3-6, then runs `false`, which exits: the host reads the end.
    ChildChannels.Launched child = ChildChannels.start(List.of("false"), builder -> {});
    PreimageHost host =
        PreimageHost.start(child.hints(), child.preimages(), hint -> {}, key -> new byte[0]);
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.process().exitValue()).isEqualTo(1);
    assertThat(host.awaitDone()).isEmpty();
  }

  @Test
  void aChildThatNeverOpensItsDescriptorsIsReportedNotWaitedFor() {
    // Replace the shell by a command that ignores the redirections: the FIFOs are never opened.
    assertThatThrownBy(
            () ->
                ChildChannels.start(List.of("unused"), builder -> builder.command(List.of("true"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("before opening the oracle's descriptors");
  }
}
