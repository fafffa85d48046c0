package io.merapi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.state.op.InvalidL2BlockException;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.state.op.stateless.MissingPreimageException;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.types.block.Header;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi execution stateless}: executes one L2 block from payload attributes on a parent
 * header, reading state only from a {@code debug_executionWitness} witness, with the chain rules
 * from the rollup config alone; prints the sealed header as JSON-RPC JSON with its {@code hash}.
 */
@Command(
    name = "stateless",
    mixinStandardHelpOptions = true,
    description = "Execute one L2 block from payload attributes and an execution witness.")
final class ExecutionStatelessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rollup.config", required = true, description = "op-node rollup.json.")
  Path rollupConfig;

  @Option(names = "--parent", required = true, description = "Parent header, JSON-RPC form.")
  Path parent;

  @Option(
      names = "--attributes",
      required = true,
      description = "PayloadAttributesV3 JSON with the OP Stack extensions.")
  Path attributes;

  @Option(names = "--witness", required = true, description = "debug_executionWitness JSON.")
  Path witness;

  @Override
  public Integer call() {
    RollupConfig rollup = read("rollup config", rollupConfig, RollupConfig::fromJson);
    Header parentHeader = read("parent header", parent, StatelessExecutor::parseHeader);
    PayloadAttributes attrs = read("payload attributes", attributes, PayloadAttributes::fromJson);
    ExecutionWitness executionWitness = read("witness", witness, ExecutionWitness::fromJson);
    OpBlockBuilder.Built built;
    try {
      built = new StatelessExecutor(rollup).execute(parentHeader, attrs, executionWitness);
    } catch (InvalidL2BlockException e) {
      throw new CommandFailure("invalid block: " + e.getMessage());
    } catch (MissingPreimageException e) {
      throw new CommandFailure(e.getMessage());
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(built.header()));
    } catch (IOException e) {
      throw new CommandFailure("cannot write the header: " + e.getMessage());
    }
    out.flush();
    return 0;
  }

  private interface Parser<T> {
    T parse(JsonNode json);
  }

  private static <T> T read(String what, Path file, Parser<T> parser) {
    JsonNode json;
    try {
      json = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new CommandFailure("cannot read the " + what + " " + file + ": " + e.getMessage());
    }
    try {
      return parser.parse(json);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(what + " " + file + ": " + e.getMessage());
    }
  }
}
