package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramCommandTest {
  private static List<String> flags(Path dir, String... more) throws Exception {
    Path rollup = dir.resolve("rollup.json");
    Files.writeString(rollup, "{}");
    Path genesis = dir.resolve("genesis.json");
    Files.writeString(genesis, "{\"config\":{}}");
    List<String> args =
        new ArrayList<>(
            List.of(
                "program",
                "--l1.head=0x" + "01".repeat(32),
                "--l2.head=0x" + "02".repeat(32),
                "--l2.outputroot=0x" + "03".repeat(32),
                "--l2.claim=0x" + "04".repeat(32),
                "--l2.blocknumber=5",
                "--rollup.config=" + rollup,
                "--l2.genesis=" + genesis));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void theClaimFlagsAreRequiredAndNamed() {
    MerapiRun.Output run = MerapiRun.merapi("program", "--server", "--datadir", "/tmp/x");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--l1.head is required");
  }

  @Test
  void onlineNeedsBothL1AndL2AndOfflineADatadir(@TempDir Path dir) throws Exception {
    MerapiRun.Output half =
        MerapiRun.merapi(flags(dir, "--server", "--l1=http://127.0.0.1:1").toArray(String[]::new));
    assertThat(half.err()).contains("--l1 and --l2 go together");
    MerapiRun.Output offline = MerapiRun.merapi(flags(dir, "--server").toArray(String[]::new));
    assertThat(offline.err()).contains("offline (no --l1 and --l2) needs --datadir");
    MerapiRun.Output format =
        MerapiRun.merapi(
            flags(dir, "--server", "--datadir=" + dir, "--data.format=pebbles")
                .toArray(String[]::new));
    assertThat(format.err()).contains("--data.format: unknown data format 'pebbles'");
  }

  @Test
  void offlineWithoutThePreimagesTheProgramFailsWithExit2(@TempDir Path dir) throws Exception {
    // An empty datadir: the host cannot answer the agreed output, so the program cannot decide.
    MerapiRun.Output run = MerapiRun.merapi(flags(dir, "--datadir=" + dir).toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("fault-proof program failed");
  }
}
