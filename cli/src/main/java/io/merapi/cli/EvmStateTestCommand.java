package io.merapi.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.evm.Tracer;
import io.merapi.evm.trace.Eip3155Tracer;
import io.merapi.state.tool.statetest.StateTest;
import io.merapi.state.tool.statetest.StateTestResult;
import io.merapi.state.tool.statetest.StateTestRunner;
import io.merapi.types.config.Fork;
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
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merapi evm statetest}: runs ethereum/tests state tests and prints a JSON array of results
 * as geth's {@code evm statetest} does ({@code name}, {@code pass}, {@code stateRoot}, {@code
 * fork}, {@code error}); exits 1 if any case failed. With {@code --trace}, EIP-3155 lines and each
 * case's {@code {"stateRoot": ...}} go to stderr.
 */
@Command(
    name = "statetest",
    mixinStandardHelpOptions = true,
    description = "Run ethereum/tests state tests (files, or directories searched for *.json).")
final class EvmStateTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "State-test files or directories.")
  List<Path> paths;

  @Option(names = "--fork", description = "Only run the post-states of this fork (e.g. Cancun).")
  String fork;

  @Option(
      names = {"--trace", "--json"},
      description = "EIP-3155 trace of every case on stderr.")
  boolean trace;

  @Option(names = "--trace.memory", description = "Include memory in the trace.")
  boolean traceMemory;

  @Option(
      names = "--threads",
      description = "Files run in parallel (default: processors; 1 with --trace).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<String> forkName = Optional.empty();
    if (fork != null) {
      Fork f = Fork.fromName(fork).orElseThrow(() -> new CommandFailure("unknown fork: " + fork));
      forkName = Optional.of(f.testName());
    }
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
    PrintWriter err = spec.commandLine().getErr();
    List<StateTestResult> results = new ArrayList<>();
    if (trace || threads <= 1) {
      for (Path file : files) {
        results.addAll(runFile(file, forkName, err));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<StateTestResult>>> futures = new ArrayList<>();
        for (Path file : files) {
          Optional<String> only = forkName;
          futures.add(pool.submit(() -> runFile(file, only, err)));
        }
        for (Future<List<StateTestResult>> future : futures) {
          results.addAll(future.get());
        }
      } catch (ExecutionException e) {
        throw new CommandFailure("state test run failed: " + e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    print(results);
    return results.stream().allMatch(StateTestResult::pass) ? 0 : 1;
  }

  private List<StateTestResult> runFile(Path file, Optional<String> forkName, PrintWriter err) {
    List<StateTest> tests;
    try {
      tests = StateTest.read(file);
    } catch (IOException | RuntimeException e) {
      return List.of(
          new StateTestResult(
              file.toString(), "", 0, false, Optional.empty(), Optional.of("cannot read: " + e)));
    }
    List<StateTestResult> results = new ArrayList<>();
    for (StateTest test : tests) {
      for (StateTest.Case c : test.cases()) {
        if (forkName.isPresent() && !forkName.get().equals(c.fork())) {
          continue;
        }
        Tracer tracer = trace ? new Eip3155Tracer(err, traceMemory) : Tracer.NONE;
        StateTestResult result = StateTestRunner.run(test, c, tracer);
        if (trace) {
          result.stateRoot().ifPresent(root -> err.println("{\"stateRoot\": \"" + root + "\"}"));
          err.flush();
        }
        results.add(result);
      }
    }
    return results;
  }

  private void print(List<StateTestResult> results) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
    try (JsonGenerator json = mapper.getFactory().createGenerator(out).setPrettyPrinter(printer)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartArray();
      for (StateTestResult r : results) {
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
