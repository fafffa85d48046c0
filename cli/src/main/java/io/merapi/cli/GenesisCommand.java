package io.merapi.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.types.config.Genesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code merapi genesis}: tools for geth-format genesis files. */
@Command(
    name = "genesis",
    mixinStandardHelpOptions = true,
    description = "Genesis file tools.",
    subcommands = {GenesisCommand.Inspect.class})
public final class GenesisCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: inspect");
  }

  /** Reads a genesis file and prints its block's hash, state root and number as JSON. */
  static Genesis read(Path file) {
    try {
      return Genesis.read(file);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("invalid genesis " + file + ": " + e.getMessage());
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description =
          "Print the genesis block's hash, state root and number of a geth-format genesis.json"
              + " as JSON.")
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The genesis.json.")
    Path file;

    @Override
    public Integer call() throws IOException {
      GenesisBlock block;
      try {
        block = GenesisBlock.of(read(file));
      } catch (IllegalArgumentException e) {
        throw new CommandFailure("invalid genesis " + file + ": " + e.getMessage());
      }
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode json = mapper.createObjectNode();
      json.put("hash", block.hash().toHex());
      json.put("stateRoot", block.header().stateRoot().toHex());
      json.put("number", block.header().number());
      PrintWriter out = spec.commandLine().getOut();
      out.println(mapper.writeValueAsString(json));
      out.flush();
      return 0;
    }
  }
}
