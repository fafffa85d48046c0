package io.merapi.faultproof.preimage;

import io.merapi.base.bytes.Hex;
import io.merapi.faultproof.boot.BootInfo;
import java.nio.charset.StandardCharsets;

/**
 * A program run as a child process by {@link CrossProcessIT}: it finds the oracle on descriptors
 * 3-6, reads its boot inputs, sends a hint, asks for the pre-image the test named in its arguments,
 * and prints what it got. Exit 2 on any failure, as the program will.
 */
public final class ProgramSideMain {
  private ProgramSideMain() {}

  public static void main(String[] args) {
    try (PreimageChannel hintChannel = InheritedChannels.hints();
        PreimageChannel preimageChannel = InheritedChannels.preimages()) {
      OracleClient oracle = new OracleClient(preimageChannel);
      HintWriter hints = new HintWriter(hintChannel);
      BootInfo boot = BootInfo.read(oracle);
      System.out.println("claim-block " + boot.l2ClaimBlockNumber());
      hints.hint(Hint.parse(args[0]));
      byte[] value = oracle.get(PreimageKey.of(Hex.decode(args[1])));
      System.out.println("value " + new String(value, StandardCharsets.UTF_8));
      if (args.length > 2) {
        oracle.get(PreimageKey.of(Hex.decode(args[2])));
      }
      System.out.flush();
    } catch (Exception e) {
      System.out.println("failed " + e.getMessage());
      System.out.flush();
      System.exit(2);
    }
  }
}
