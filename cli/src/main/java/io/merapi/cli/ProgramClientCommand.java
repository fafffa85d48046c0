package io.merapi.cli;

import io.merapi.faultproof.client.ClientMain;
import io.merapi.faultproof.preimage.InheritedChannels;
import io.merapi.faultproof.preimage.PreimageChannel;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code merapi program client} (hidden): the fault-proof program alone, on the oracle descriptors
 * 3 to 6 it inherited, as {@code merapi program --exec} or Cannon starts it. Exit 0 valid claim, 1
 * invalid, 2 failure.
 */
@Command(
    name = "client",
    hidden = true,
    description = "The fault-proof program on inherited descriptors 3-6 (internal).")
final class ProgramClientCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    try (PreimageChannel hints = InheritedChannels.hints();
        PreimageChannel preimages = InheritedChannels.preimages()) {
      return ClientMain.run(hints, preimages, System.err);
    } catch (IOException e) {
      System.err.println("fault-proof program: cannot use descriptors 3-6: " + e.getMessage());
      return 2;
    }
  }
}
