package io.merapi.cannon;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.StateFile;
import io.merapi.cannon.state.StepWitness;
import io.merapi.cannon.vm.Vm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freestanding C programs built here with the MIPS64 cross compiler, run in the VM and compared
 * with qemu-mips64 running the same ELF: stdout and exit code must agree.
 */
class CProgramTest {
  @TempDir Path dir;

  @Test
  void computeProgramMatchesQemu() throws Exception {
    byte[] elf = MipsToolchain.build("compute", dir);
    assertThat(OpcodeAudit.unsupported(elf)).as("opcode audit").isEmpty();

    State state = ElfLoader.load(elf);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Vm vm = new Vm(state, PreimageOracle.NONE, out, err);
    long t0 = System.nanoTime();
    long steps = vm.run(2_000_000_000L);
    long nanos = System.nanoTime() - t0;
    System.out.printf(
        "compute: %,d steps in %.2f s = %,.0f steps/s%n",
        steps, nanos / 1e9, steps / (nanos / 1e9));
    assertThat(state.exited).isTrue();
    assertThat(state.exitCode).isEqualTo(7);
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(stdout).contains("sorted fnv ").contains("loop ");

    var qemu = MipsToolchain.onPath(MipsToolchain.QEMU);
    if (qemu.isPresent()) {
      Path file = dir.resolve("compute.elf");
      MipsToolchain.Result ref =
          MipsToolchain.exec(List.of(qemu.get().toString(), file.toString()), 60);
      assertThat(stdout).isEqualTo(ref.stdout());
      assertThat(state.exitCode).isEqualTo(ref.exitCode());
    } else {
      System.out.println("qemu-mips64 not found: VM output not compared with qemu");
    }

    // The cached Merkle root equals one computed from scratch, and the state file round-trips.
    assertThat(state.memory.merkleRoot()).isEqualTo(state.memory.merkleRootFromScratch());
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    StateFile.write(state, file);
    State back = StateFile.read(new ByteArrayInputStream(file.toByteArray()));
    assertThat(back.encodeWitness()).isEqualTo(state.encodeWitness());
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    StateFile.write(back, again);
    assertThat(again.toByteArray()).isEqualTo(file.toByteArray());
  }

  /** The benchmark's program (bench CannonSteps) is built and audited here, not run: too long. */
  @Test
  void benchmarkProgramPassesTheOpcodeAudit() throws Exception {
    assertThat(OpcodeAudit.unsupported(MipsToolchain.build("longrun", dir))).isEmpty();
  }

  @Test
  void snapshotsResumeToTheSameFinalStateAndProofsVerify() throws Exception {
    byte[] elf = MipsToolchain.build("compute", dir);
    State full = ElfLoader.load(elf);
    new Vm(full, PreimageOracle.NONE, null, null).run(Long.MAX_VALUE);

    State part = ElfLoader.load(elf);
    Vm vm = new Vm(part, PreimageOracle.NONE, null, null);
    Random random = new Random(7);
    long total = full.step;
    for (int i = 0; i < 5; i++) {
      long target = (long) (random.nextDouble() * total);
      if (target > part.step) {
        vm.run(target - part.step);
      }
      ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
      StateFile.write(part, snapshot);
      part = StateFile.read(new ByteArrayInputStream(snapshot.toByteArray()));
      vm = new Vm(part, PreimageOracle.NONE, null, null);
      StepWitness w = vm.step(true);
      ProofChecks.assertProofsMatch(w);
      assertThat(State.stateHash(part.encodeWitness())).isNotEqualTo(w.stateHash());
    }
    vm.run(Long.MAX_VALUE);
    assertThat(State.stateHash(part.encodeWitness()))
        .isEqualTo(State.stateHash(full.encodeWitness()));
  }
}
