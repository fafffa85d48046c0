package io.merapi.faultproof.client;

import io.merapi.faultproof.preimage.HintWriter;
import io.merapi.faultproof.preimage.Hinter;
import io.merapi.faultproof.preimage.InheritedChannels;
import io.merapi.faultproof.preimage.OracleClient;
import io.merapi.faultproof.preimage.PreimageChannel;
import io.merapi.faultproof.preimage.PreimageOracle;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The program as a process of its own ({@code merapi program --exec}, Cannon): the oracle on the
 * inherited descriptors 3 to 6; exit 0 valid claim, 1 invalid, 2 anything else.
 */
public final class ClientMain {
  private ClientMain() {}

  public static void main(String[] args) {
    int code;
    try (PreimageChannel hints = InheritedChannels.hints();
        PreimageChannel preimages = InheritedChannels.preimages()) {
      code = run(hints, preimages, System.err);
    } catch (IOException e) {
      System.err.println(
          "fault-proof program: cannot open the oracle's descriptors: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /**
   * Runs the program over the client's ends of its two channels, prints the verdict or the failure
   * as one line to {@code err}, and returns the exit code.
   */
  public static int run(PreimageChannel hints, PreimageChannel preimages, PrintStream err) {
    return run(new OracleClient(preimages), new HintWriter(hints), err);
  }

  /** The same over any oracle and hinter (a test records what the program asks through them). */
  public static int run(PreimageOracle preimages, Hinter hinter, PrintStream err) {
    try {
      Verdict verdict = new FaultProofProgram(preimages, hinter).run();
      err.println(
          (verdict.valid() ? "claim valid" : "claim invalid")
              + ": output root at L2 block "
              + Long.toUnsignedString(verdict.blockNumber())
              + " is "
              + verdict.computed()
              + ", claim "
              + verdict.claim()
              + " for block "
              + Long.toUnsignedString(verdict.claimBlockNumber()));
      return verdict.exitCode();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
      err.println("fault-proof program failed: " + message.replace('\n', ' '));
      return 2;
    }
  }
}
