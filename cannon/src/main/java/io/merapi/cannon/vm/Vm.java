package io.merapi.cannon.vm;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.oracle.PreimageReader;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.StepWitness;
import io.merapi.cannon.syscall.SyscallHandler;
import java.io.OutputStream;

/**
 * The step function of the multithreaded MIPS64 FPVM over a {@link State}, in the contract's order:
 * exited → unchanged; step++; an exited active thread is popped; a thread past its quantum is
 * preempted; else the instruction at the PC runs (syscall, ll/sc, or the core set). {@link
 * #step(boolean)} can record the proof data for the on-chain step; {@link #run(long)} is the fast
 * loop, allocating nothing per step.
 */
public final class Vm {
  private final State state;
  private final AccessProofs proofs;
  private final PreimageReader preimages;
  private final Interpreter interpreter;

  public Vm(State state, PreimageOracle oracle, OutputStream stdout, OutputStream stderr) {
    this.state = state;
    this.proofs = new AccessProofs(state.memory);
    this.preimages = new PreimageReader(oracle);
    this.interpreter =
        new Interpreter(
            state, proofs, new SyscallHandler(state, proofs, preimages, stdout, stderr), preimages);
  }

  public State state() {
    return state;
  }

  /** Runs until the VM exits or {@code maxSteps} steps have been taken; returns steps taken. */
  public long run(long maxSteps) {
    return run(maxSteps, false);
  }

  /**
   * As {@link #run(long)}; with {@code stopAfterPreimageRead} it also returns right after a step
   * that read pre-image bytes, which {@link #lastPreimageRead()} then describes (cannon's {@code
   * --stop-at-preimage}).
   */
  public long run(long maxSteps, boolean stopAfterPreimageRead) {
    long start = state.step;
    preimages.resetReadOffset();
    interpreter.run(start + maxSteps, stopAfterPreimageRead);
    return state.step - start;
  }

  /** A pre-image read: the key, the length-prefixed value and the offset the step read at. */
  public record PreimageRead(byte[] key, byte[] value, long offset) {}

  /** The read of the last step of the last run or step, or null when that step read none. */
  public PreimageRead lastPreimageRead() {
    long offset = preimages.readOffset();
    return offset < 0 ? null : new PreimageRead(preimages.key(), preimages.value(), offset);
  }

  /** One step; with {@code proof} the witness carries the proof data for the on-chain step. */
  public StepWitness step(boolean proof) {
    preimages.resetReadOffset();
    if (!proof) {
      interpreter.run(state.step + 1, false);
      return null;
    }
    byte[] pre = state.encodeWitness();
    byte[] proofData = new byte[0];
    if (!state.exited) {
      byte[] threadProof = state.encodeThreadProof();
      byte[] insnProof = state.memory.merkleProof(state.currentThread().pc);
      proofs.start();
      try {
        interpreter.run(state.step + 1, false);
      } finally {
        proofs.stop();
      }
      proofData = concat(threadProof, insnProof, proofs.first(), proofs.second());
    }
    long offset = preimages.readOffset();
    if (offset < 0) {
      return new StepWitness(pre, State.stateHash(pre), proofData, null, null, 0);
    }
    return new StepWitness(
        pre, State.stateHash(pre), proofData, preimages.key(), preimages.value(), offset);
  }

  /**
   * One step whose data accesses are announced to {@code replay} before they happen, so that a
   * stateless re-executor can install the proven memory leaves they read (see {@code
   * io.merapi.cannon.proof.StepReexecutor}).
   */
  public void stepReplaying(AccessProofs.Replay replay) {
    preimages.resetReadOffset();
    proofs.replay(replay);
    try {
      interpreter.run(state.step + 1, false);
    } finally {
      proofs.stop();
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
