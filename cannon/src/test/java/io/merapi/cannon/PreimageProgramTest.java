package io.merapi.cannon;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.oracle.HostProcess;
import io.merapi.cannon.oracle.TestHost;
import io.merapi.cannon.state.State;
import io.merapi.cannon.vm.Vm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test program preimage.c in the VM against {@link TestHost} in its own process: the guest
 * sends a hint, reads a keccak256 pre-image through fds 3–6 and checks it hashes back to its key.
 */
class PreimageProgramTest {
  static final String TEXT = "the pre-image a cannon guest asks its host for";

  @TempDir Path dir;

  @Test
  void guestReadsAKeccakPreimageFromAHostProcess() throws Exception {
    byte[] elf = MipsToolchain.build("preimage", dir);
    assertThat(OpcodeAudit.unsupported(elf)).as("opcode audit").isEmpty();
    State state = ElfLoader.load(elf);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> host = TestHost.command("serve", TEXT);
    try (HostProcess process = HostProcess.start(host, Duration.ofSeconds(20))) {
      new Vm(state, process.oracle(), out, System.err).run(100_000_000L);
    }
    String stdout = out.toString(StandardCharsets.UTF_8);
    String key =
        io.merapi.base.bytes.Hex.encodePlain(
            TestHost.keccakKey(TEXT.getBytes(StandardCharsets.UTF_8)));
    assertThat(stdout)
        .contains("key " + key)
        .contains("pre-image " + TEXT.length() + " bytes: " + TEXT)
        .contains("verified");
    assertThat(state.exited).isTrue();
    assertThat(state.exitCode).isZero();
    assertThat(state.lastHint).isEmpty();
  }
}
