package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hex;
import io.merapi.cannon.MipsToolchain;
import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.oracle.TestHost;
import io.merapi.cannon.state.State;
import io.merapi.cannon.vm.Vm;
import io.merapi.cli.MerapiRun.Output;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merapi cannon load-elf | run | witness} on the C test programs built with the MIPS64 cross
 * compiler (skipped without it, failing on CI): the files, the proof JSON fields, the witness
 * fields, and a run against the hand-made pre-image host in its own process.
 */
class CannonCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TEXT = "the pre-image a cannon guest asks its host for";

  @TempDir Path dir;

  @Test
  void loadRunWitnessWithProofsSnapshotsStopAndInfo() throws Exception {
    MipsToolchain.build("compute", dir);
    Path state = dir.resolve("state.bin.gz");
    Path meta = dir.resolve("meta.json");
    Output load =
        merapi(
            "cannon",
            "load-elf",
            "--path",
            dir.resolve("compute.elf").toString(),
            "--out",
            state.toString(),
            "--meta",
            meta.toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    assertThat(state).isNotEmptyFile();
    List<String> symbols = new ArrayList<>();
    JSON.readTree(meta.toFile()).get("symbols").forEach(s -> symbols.add(s.get("name").asText()));
    assertThat(symbols).contains("main", "__start");

    Path out = dir.resolve("out.bin.gz");
    Output run =
        merapi(
            "cannon",
            "run",
            "--input",
            state.toString(),
            "--output",
            out.toString(),
            "--proof-at",
            "=1000",
            "--proof-fmt",
            dir.resolve("proof-%d.json").toString(),
            "--snapshot-at",
            "%1000000",
            "--snapshot-fmt",
            dir.resolve("snap-%d.bin.gz").toString(),
            "--stop-at",
            "=2000000",
            "--info-at",
            "%500000",
            "--meta",
            meta.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("sorted fnv ").doesNotContain("loop ");
    assertThat(run.err()).contains("step=500000 ", "step=1500000 ", "func=", "ips=");
    assertThat(run.err()).containsPattern("func=(main|sort|mul256|fnv)");
    assertThat(dir.resolve("snap-0.bin.gz")).isNotEmptyFile();
    assertThat(dir.resolve("snap-1000000.bin.gz")).isNotEmptyFile();
    assertThat(dir.resolve("snap-2000000.bin.gz")).doesNotExist();

    JsonNode proof = JSON.readTree(dir.resolve("proof-1000.json").toFile());
    assertThat(proof.get("step").asLong()).isEqualTo(1000);
    byte[] stateData = Hex.decode(proof.get("state-data").asText());
    assertThat(stateData).hasSize(State.WITNESS_SIZE);
    assertThat(Hex.decode(proof.get("pre").asText())).isEqualTo(State.stateHash(stateData));
    assertThat(Hex.decode(proof.get("post").asText())).hasSize(32);
    assertThat(Hex.decode(proof.get("proof-data").asText())).hasSize(298 + 32 + 3 * 60 * 32);
    assertThat(proof.has("oracle-key")).isFalse();

    Path witnessFile = dir.resolve("witness.bin");
    Output witness =
        merapi("cannon", "witness", "--input", out.toString(), "--output", witnessFile.toString());
    assertThat(witness.exitCode()).as(witness.err()).isZero();
    JsonNode w = JSON.readTree(witness.out());
    assertThat(w.get("step").asLong()).isEqualTo(2_000_000);
    assertThat(w.get("exited").asBoolean()).isFalse();
    assertThat(w.get("exitCode").asInt()).isZero();
    byte[] witnessBytes = Files.readAllBytes(witnessFile);
    assertThat(Hex.decode(w.get("witness").asText())).isEqualTo(witnessBytes);
    assertThat(Hex.decode(w.get("witnessHash").asText())).isEqualTo(State.stateHash(witnessBytes));

    // Resuming from the stopped state runs the program to its end.
    Path end = dir.resolve("end.bin.gz");
    Output rest = merapi("cannon", "run", "--input", out.toString(), "--output", end.toString());
    assertThat(rest.exitCode()).as(rest.err()).isZero();
    assertThat(rest.out()).contains("loop ");
    JsonNode last = JSON.readTree(merapi("cannon", "witness", "--input", end.toString()).out());
    assertThat(last.get("exited").asBoolean()).isTrue();
    assertThat(last.get("exitCode").asInt()).isEqualTo(7);
  }

  @Test
  void runServesPreimagesFromAHostProcessAndProvesTheRead() throws Exception {
    byte[] elf = MipsToolchain.build("preimage", dir);
    Path state = dir.resolve("state.bin.gz");
    Output load =
        merapi(
            "cannon",
            "load-elf",
            "--path",
            dir.resolve("preimage.elf").toString(),
            "--out",
            state.toString(),
            "--meta",
            dir.resolve("meta.json").toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
    long readStep = firstPreimageReadStep(elf, data);

    List<String> args =
        new ArrayList<>(
            List.of(
                "cannon",
                "run",
                "--input",
                state.toString(),
                "--output",
                dir.resolve("out.bin.gz").toString(),
                "--proof-at",
                "=" + readStep,
                "--proof-fmt",
                dir.resolve("proof-%d.json").toString(),
                "--"));
    args.addAll(TestHost.command("serve", TEXT));
    Output run = merapi(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pre-image " + data.length + " bytes: " + TEXT, "verified");

    JsonNode proof = JSON.readTree(dir.resolve("proof-" + readStep + ".json").toFile());
    assertThat(Hex.decode(proof.get("oracle-key").asText())).isEqualTo(TestHost.keccakKey(data));
    byte[] value = Hex.decode(proof.get("oracle-value").asText());
    assertThat(value).hasSize(8 + data.length);
    assertThat(new String(value, 8, data.length, StandardCharsets.UTF_8)).isEqualTo(TEXT);
    assertThat(proof.get("oracle-offset").asLong()).isZero();

    // cannon's --stop-at-preimage-type: the run stops right after that read step.
    JsonNode byType = runToPreimageStop(state, "byType", "--stop-at-preimage-type", "keccak");
    assertThat(byType.get("step").asLong()).isEqualTo(readStep + 1);
    assertThat(byType.get("exited").asBoolean()).isFalse();
    // --stop-at-preimage KEY@OFFSET: at the read of bytes 8.. of that key, a later step.
    String key = Hex.encode(TestHost.keccakKey(data));
    JsonNode byKey = runToPreimageStop(state, "byKey", "--stop-at-preimage", key + "@8");
    assertThat(byKey.get("step").asLong()).isGreaterThan(readStep + 1);
    assertThat(byKey.get("exited").asBoolean()).isFalse();
    Output badType =
        merapi("cannon", "run", "--input", state.toString(), "--stop-at-preimage-type", "sha3");
    assertThat(badType.exitCode()).isNotZero();
    assertThat(badType.err()).contains("bad --stop-at-preimage-type 'sha3'");

    List<String> broken =
        new ArrayList<>(
            List.of(
                "cannon",
                "run",
                "--input",
                state.toString(),
                "--output",
                dir.resolve("broken.bin.gz").toString(),
                "--"));
    broken.addAll(TestHost.command("exit-on-hint"));
    Output failed = merapi(broken.toArray(String[]::new));
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("the pre-image host failed at step").contains("code 5");
  }

  /** Runs with a pre-image stop against the test host; returns the stopped state's witness. */
  private JsonNode runToPreimageStop(Path state, String name, String... stopOptions)
      throws Exception {
    Path out = dir.resolve(name + ".bin.gz");
    List<String> args =
        new ArrayList<>(
            List.of("cannon", "run", "--input", state.toString(), "--output", out.toString()));
    args.addAll(List.of(stopOptions));
    args.add("--");
    args.addAll(TestHost.command("serve", TEXT));
    Output run = merapi(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("stopping at pre-image read");
    return JSON.readTree(merapi("cannon", "witness", "--input", out.toString()).out());
  }

  /** The step whose execution first reads fd 5, found with an in-memory oracle. */
  private static long firstPreimageReadStep(byte[] elf, byte[] data) {
    State s = ElfLoader.load(elf);
    PreimageOracle oracle =
        new PreimageOracle() {
          @Override
          public void hint(byte[] hint) {}

          @Override
          public byte[] getPreimage(byte[] key) {
            return data;
          }
        };
    Vm vm = new Vm(s, oracle, null, null);
    while (!s.exited && s.preimageOffset == 0) {
      vm.run(1);
    }
    assertThat(s.preimageOffset).isPositive();
    return s.step - 1;
  }
}
