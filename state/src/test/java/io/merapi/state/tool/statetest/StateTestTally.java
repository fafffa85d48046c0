package io.merapi.state.tool.statetest;

import io.merapi.base.testing.TestData;
import io.merapi.evm.Tracer;
import io.merapi.types.config.Fork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs state-test files and counts the cases per fork: passed, failed, and (only for forks before
 * Berlin, where this EVM's rules start by design) outside the rules. A case of Berlin or later
 * whose fork has no rules is run, and fails.
 */
final class StateTestTally {
  private final Map<String, AtomicInteger> passed = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> preBerlin = new ConcurrentHashMap<>();

  /** Runs every case of {@code file}; adds a line per failing case to {@code failures}. */
  void run(Path file, List<String> failures) throws IOException {
    for (StateTest test : StateTest.read(file)) {
      for (StateTest.Case c : test.cases()) {
        Fork fork = Fork.fromName(c.fork()).orElse(null);
        if (fork != null && fork.isBefore(Fork.BERLIN)) {
          count(preBerlin, c.fork());
          continue;
        }
        StateTestResult result = StateTestRunner.run(test, c, Tracer.NONE);
        if (result.pass()) {
          count(passed, c.fork());
        } else {
          count(failed, c.fork());
          failures.add(
              test.name() + " [" + c.fork() + " #" + c.index() + "]: " + result.error().orElse(""));
        }
      }
    }
  }

  /** The JSON files of the suite at {@code relative} under the outside test data, in order. */
  static Stream<Path> files(String relative) throws IOException {
    Path root = TestData.require(relative);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  /** The cases of {@code fork} that ran, passing or not. */
  int ran(String fork) {
    return passed(fork) + failed(fork);
  }

  /** The cases of forks before Berlin, counted and not run. */
  int beforeBerlin() {
    return preBerlin.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int passed(String fork) {
    return get(passed, fork);
  }

  int failed(String fork) {
    return get(failed, fork);
  }

  String summary(String suite) {
    StringBuilder out = new StringBuilder(suite).append(":");
    Map<String, String> lines = new TreeMap<>();
    for (Map<String, AtomicInteger> m : List.of(passed, failed, preBerlin)) {
      m.keySet().forEach(f -> lines.put(f, ""));
    }
    lines.replaceAll(
        (fork, ignored) -> {
          StringBuilder line = new StringBuilder(" ").append(fork);
          line.append(" ").append(get(passed, fork)).append(" passed");
          line.append(", ").append(get(failed, fork)).append(" failed");
          if (get(preBerlin, fork) > 0) {
            line.append(", ")
                .append(get(preBerlin, fork))
                .append(" before Berlin (outside the rules)");
          }
          return line.append(";").toString();
        });
    lines.values().forEach(out::append);
    return out.toString();
  }

  private static void count(Map<String, AtomicInteger> map, String fork) {
    map.computeIfAbsent(fork, f -> new AtomicInteger()).incrementAndGet();
  }

  private static int get(Map<String, AtomicInteger> map, String fork) {
    AtomicInteger n = map.get(fork);
    return n == null ? 0 : n.get();
  }
}
