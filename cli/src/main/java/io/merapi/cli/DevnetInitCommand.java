package io.merapi.cli;

import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.info.DevnetInfo;
import io.merapi.devnet.wire.ProcessCommands;
import io.merapi.rpc.jwt.JwtSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code merapi devnet init}: the devnet's chains in {@code --datadir} (created as {@code merapi
 * devnet} creates them, or read back), its JWT secret and a {@code devnet.json} naming the ports
 * below, then the command of each component ({@code merapi execution}, {@code node}, {@code
 * batcher}, {@code proposer}, {@code challenger}, and {@code explorer} unless {@code
 * --explorer=false}), one shell line each, that run the same devnet as separate processes. Nothing
 * is started. Takes every flag of {@code merapi devnet}.
 */
@Command(
    name = "init",
    description =
        "Create (or read) the devnet's chains in --datadir and print the commands that run it as"
            + " separate processes, one per line; starts nothing.")
public final class DevnetInitCommand implements Callable<Integer> {
  /** How the printed lines call the command line. */
  static final String PROGRAM = "merapi";

  @Spec CommandSpec spec;

  @ParentCommand DevnetCommand devnet;

  @Override
  public Integer call() {
    DevnetConfig config = devnet.config();
    PrintWriter out = spec.commandLine().getOut();
    try (DevnetDir dir = ServiceRun.start(() -> DevnetDir.open(config.datadir(), config.fresh()))) {
      ChainFiles files;
      ProcessCommands commands;
      List<ProcessCommands.Command> lines;
      try {
        files = Devnet.chainFiles(dir, config);
        commands = new ProcessCommands(config, files, dir);
        lines = new ArrayList<>(commands.all());
        devnet.explorerPort().ifPresent(port -> lines.add(commands.explorer(port)));
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new CommandFailure(e.getMessage());
      }
      // Created here, not by the first engine to start: the four processes that share it start at
      // once.
      JwtSecret.loadOrGenerate(dir.jwtSecret());
      DevnetInfo info = new DevnetInfo(files, commands.endpoints(), config.proposalInterval(), dir);
      if (devnet.explorerPort().isPresent()) {
        info = info.withExplorer(ProcessCommands.explorerUri(devnet.explorerPort().get()));
      }
      dir.writeInfo(info.toJson());
      lines.forEach(command -> out.println(command.shellLine(PROGRAM)));
    } catch (IOException | UncheckedIOException e) {
      throw new CommandFailure("cannot prepare " + config.datadir() + ": " + e.getMessage());
    }
    out.flush();
    return 0;
  }
}
