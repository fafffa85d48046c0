package io.merapi.cannon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.oracle.TestHost;
import io.merapi.cannon.proof.InvalidProofException;
import io.merapi.cannon.proof.StepReexecutor;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.StepWitness;
import io.merapi.cannon.state.ThreadState;
import io.merapi.cannon.vm.Vm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps of the C test programs proven by the VM and re-executed from their proof alone ({@link
 * StepReexecutor}): the post-state hash must be the one the VM reached.
 */
class StepReexecutorTest {
  private static final long QUANTUM = 100_000;

  @TempDir Path dir;

  @Test
  void randomStepsOfTheComputeProgramReexecuteToTheVmsPostState() throws Exception {
    State s = ElfLoader.load(MipsToolchain.build("compute", dir));
    Vm vm = new Vm(s, PreimageOracle.NONE, OutputStream.nullOutputStream(), null);
    Random random = new Random(18);
    int checked = 0;
    int preemptions = 0;
    while (!s.exited) {
      // Some random stretch, then three proven steps; a step that preempts is proven too.
      long stretch = 1 + random.nextInt(120_000);
      long toQuantum = QUANTUM - s.stepsSinceLastContextSwitch;
      if (toQuantum >= 0 && toQuantum < stretch) {
        vm.run(toQuantum);
        if (s.exited) {
          break;
        }
        assertReexecutes(vm);
        preemptions++;
        checked++;
        continue;
      }
      vm.run(stretch);
      for (int i = 0; i < 3 && !s.exited; i++) {
        assertReexecutes(vm);
        checked++;
      }
    }
    assertThat(s.exitCode).isEqualTo(7);
    assertThat(checked).isGreaterThan(50);
    assertThat(preemptions).isPositive();
  }

  @Test
  void everySyscallOfThePreimageProgramReexecutes() throws Exception {
    byte[] text = PreimageProgramTest.TEXT.getBytes(StandardCharsets.UTF_8);
    State s = ElfLoader.load(MipsToolchain.build("preimage", dir));
    PreimageOracle oracle =
        new PreimageOracle() {
          @Override
          public void hint(byte[] hint) {}

          @Override
          public byte[] getPreimage(byte[] key) {
            assertThat(key).isEqualTo(TestHost.keccakKey(text));
            return text;
          }
        };
    Vm vm = new Vm(s, oracle, OutputStream.nullOutputStream(), null);
    int syscalls = 0;
    int reads = 0;
    for (int i = 0; i < 5_000_000 && !s.exited; i++) {
      ThreadState t = s.currentThread();
      if (s.memory.getInstruction(t.pc) == 0xC && !t.exited) {
        StepWitness w = assertReexecutes(vm);
        syscalls++;
        reads += w.hasPreimage() ? 1 : 0;
      } else {
        vm.step(false);
      }
    }
    assertThat(s.exited).isTrue();
    assertThat(s.exitCode).isZero();
    assertThat(syscalls).isGreaterThan(5);
    assertThat(reads).isPositive();
  }

  @Test
  void aTamperedProofIsRejected() throws Exception {
    State s = ElfLoader.load(MipsToolchain.build("compute", dir));
    Vm vm = new Vm(s, PreimageOracle.NONE, OutputStream.nullOutputStream(), null);
    vm.run(12_345);
    StepWitness w = vm.step(true);
    byte[] badInsn = w.proofData().clone();
    badInsn[ThreadState.SERIALIZED_SIZE + 32 + 40] ^= 1; // a sibling of the instruction proof
    assertThatThrownBy(() -> StepReexecutor.postStateHash(w.state(), badInsn, null))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("instruction proof");
    byte[] badThread = w.proofData().clone();
    badThread[30] ^= 1; // the PC
    assertThatThrownBy(() -> StepReexecutor.postStateHash(w.state(), badThread, null))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("thread witness");
    assertThatThrownBy(() -> StepReexecutor.postStateHash(w.state(), new byte[10], null))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("proof data has 10 bytes");
  }

  /** Proves the next step, re-executes it from its proof and compares the post-state hashes. */
  private static StepWitness assertReexecutes(Vm vm) {
    long step = vm.state().step;
    long sys = vm.state().currentThread().registers[2];
    StepWitness w = vm.step(true);
    byte[] post = State.stateHash(vm.state().encodeWitness());
    StepReexecutor.Preimage preimage =
        w.hasPreimage() ? new StepReexecutor.Preimage(w.preimageKey(), w.preimageValue()) : null;
    assertThat(StepReexecutor.postStateHash(w.state(), w.proofData(), preimage))
        .as("post-state of step %d (v0 %d)", step, sys)
        .isEqualTo(post);
    return w;
  }
}
