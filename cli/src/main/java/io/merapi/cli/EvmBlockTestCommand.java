package io.merapi.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.execution.blocktest.BlockTest;
import io.merapi.execution.blocktest.BlockTestResult;
import io.merapi.execution.blocktest.BlockTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merapi evm blocktest}: runs ethereum/tests blockchain tests as geth's {@code evm
 * blocktest} does and prints a JSON array of results, one per test ({@code name} is the test's key
 * in its file, {@code pass}, {@code stateRoot} of the head, {@code fork}, {@code error}); exits 1
 * if any failed.
 */
@Command(
    name = "blocktest",
    mixinStandardHelpOptions = true,
    description =
        "Run ethereum/tests blockchain tests (files, or directories searched for *.json).")
final class EvmBlockTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Blockchain-test files or directories.")
  List<Path> paths;

  @Option(names = "--run", description = "Only run tests whose name matches this regex.")
  String run;

  @Option(names = "--threads", description = "Files run in parallel (default: processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<Pattern> filter = Optional.ofNullable(run).map(Pattern::compile);
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new CommandFailure("no such file or directory: " + path);
      }
    }
    List<BlockTestResult> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<List<BlockTestResult>>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> runFile(file, filter)));
      }
      for (Future<List<BlockTestResult>> future : futures) {
        results.addAll(future.get());
      }
    } catch (ExecutionException e) {
      throw new CommandFailure("blockchain test run failed: " + e.getCause());
    } finally {
      pool.shutdownNow();
    }
    print(results);
    return results.stream().allMatch(BlockTestResult::pass) ? 0 : 1;
  }

  private static List<BlockTestResult> runFile(Path file, Optional<Pattern> filter) {
    List<BlockTest> tests;
    try {
      tests = BlockTest.read(file);
    } catch (IOException | RuntimeException e) {
      return List.of(
          new BlockTestResult(
              file.toString(), false, Optional.empty(), "", Optional.of("cannot read: " + e)));
    }
    List<BlockTestResult> results = new ArrayList<>();
    for (BlockTest test : tests) {
      if (filter.isEmpty() || filter.get().matcher(test.name()).find()) {
        results.add(BlockTestRunner.run(test));
      }
    }
    return results;
  }

  private void print(List<BlockTestResult> results) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    try (JsonGenerator json =
        mapper.getFactory().createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter())) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartArray();
      for (BlockTestResult r : results) {
        json.writeStartObject();
        json.writeStringField("name", r.name());
        json.writeBooleanField("pass", r.pass());
        if (r.stateRoot().isPresent()) {
          json.writeStringField("stateRoot", r.stateRoot().get().toHex());
        }
        json.writeStringField("fork", r.fork());
        if (r.error().isPresent()) {
          json.writeStringField("error", r.error().get());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    out.println();
    out.flush();
  }
}
