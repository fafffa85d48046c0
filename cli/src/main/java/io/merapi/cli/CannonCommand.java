package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi cannon}: the MIPS64 fault-proof VM with cannon's subcommands. */
@Command(
    name = "cannon",
    mixinStandardHelpOptions = true,
    description = "MIPS64 fault-proof VM (cannon's load-elf, run, witness).",
    subcommands = {
      CannonCommand.LoadElf.class,
      CannonCommand.Run.class,
      CannonCommand.Witness.class
    })
public final class CannonCommand implements Runnable {
  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi cannon", "7, Cannon");
  }

  @Command(name = "load-elf", description = "Load an ELF binary into a VM state.")
  static final class LoadElf implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi cannon load-elf", "7, Cannon");
    }
  }

  @Command(name = "run", description = "Run a VM state.")
  static final class Run implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi cannon run", "7, Cannon");
    }
  }

  @Command(name = "witness", description = "Print the witness of a VM state.")
  static final class Witness implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi cannon witness", "7, Cannon");
    }
  }
}
