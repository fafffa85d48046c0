package io.merapi.bench.devnet;

import io.merapi.base.files.FileTrees;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.load.LoadGenerator;
import io.merapi.devnet.load.LoadSettings;
import io.merapi.devnet.load.LoadSummary;
import io.merapi.devnet.load.ProcessMemory;
import io.merapi.devnet.load.ReceiptReport;
import io.merapi.execution.dev.DevAccounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What the whole devnet costs: the time from a cold JVM to the first L2 block on a fresh data
 * directory, and its memory (resident set and heap after a full GC) at rest and while {@link
 * LoadGenerator} sends 200 L2 transfers a second (issue 15's load).
 *
 * <p>Every figure comes from a child JVM started the way the {@code merapi} launcher starts one
 * (same JDK, {@code -Xmx4g}, no AOT cache), on free ports and a new temporary data directory, with
 * the verifier on:
 *
 * <ul>
 *   <li>first block: {@code --runs} children each start a devnet and report the sequencer's first
 *       L2 block as the devnet logs it (from the JVM's start, {@code RuntimeMXBean}); the parent
 *       also reports the wall time from launching the child.
 *   <li>footprint: one child starts a devnet, idles {@code --rest-seconds}, reports its memory,
 *       runs the load for {@code --load-seconds}, reports the memory under load (RSS sampled each
 *       second, the largest kept; heap after a GC at the end of the load) and the load's summary.
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.merapi.bench.devnet.DevnetFootprint
 * [--runs 5] [--rate 200] [--rest-seconds 20] [--load-seconds 60]} (about 3 minutes with the
 * defaults). A busy machine makes every figure worse: note what else ran.
 */
public final class DevnetFootprint {
  private static final String RESULT = "RESULT ";
  private static final long MIB = 1 << 20;

  private DevnetFootprint() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = flags(args);
    if (flags.containsKey("child-first-block")) {
      childFirstBlock(Path.of(flags.get("child-first-block")));
      return;
    }
    if (flags.containsKey("child-footprint")) {
      childFootprint(
          Path.of(flags.get("child-footprint")),
          Double.parseDouble(flags.getOrDefault("rate", "200")),
          Integer.parseInt(flags.getOrDefault("rest-seconds", "20")),
          Integer.parseInt(flags.getOrDefault("load-seconds", "60")));
      return;
    }
    int runs = Integer.parseInt(flags.getOrDefault("runs", "5"));
    String rate = flags.getOrDefault("rate", "200");
    String rest = flags.getOrDefault("rest-seconds", "20");
    String load = flags.getOrDefault("load-seconds", "60");

    List<Map<String, String>> starts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Map<String, String> result = child(List.of("--child-first-block"), Duration.ofMinutes(2));
      System.err.printf(
          Locale.ROOT,
          "run %d: first L2 block %s ms after JVM start, %s ms after the launch of the JVM%n",
          i + 1,
          result.get("first-block-ms"),
          result.get("launch-ms"));
      starts.add(result);
    }
    Map<String, String> footprint =
        child(
            List.of(
                "--child-footprint",
                "--rate",
                rate,
                "--rest-seconds",
                rest,
                "--load-seconds",
                load),
            Duration.ofSeconds(Long.parseLong(rest) + Long.parseLong(load) + 180));
    print(starts, footprint);
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        usage();
      }
      String name = args[i].substring(2);
      boolean valued = i + 1 < args.length && !args[i + 1].startsWith("--");
      flags.put(name, valued ? args[++i] : "");
    }
    for (String name : flags.keySet()) {
      if (!List.of(
              "runs",
              "rate",
              "rest-seconds",
              "load-seconds",
              "child-first-block",
              "child-footprint")
          .contains(name)) {
        usage();
      }
    }
    return flags;
  }

  private static void usage() {
    System.err.println(
        "usage: DevnetFootprint [--runs N] [--rate TX_PER_S] [--rest-seconds S] [--load-seconds"
            + " S]");
    System.exit(2);
  }

  /**
   * Runs this class in a new JVM on a new data directory (the child's {@code --child-…} flag gets
   * the directory as its value) and collects its {@code RESULT key value} lines; its log goes to
   * this process's stderr.
   */
  private static Map<String, String> child(List<String> childArgs, Duration timeout)
      throws IOException, InterruptedException {
    Path datadir = Files.createTempDirectory("merapi-footprint");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-Xmx4g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DevnetFootprint.class.getName());
    command.add(childArgs.getFirst());
    command.add(datadir.resolve("devnet").toString());
    command.addAll(childArgs.subList(1, childArgs.size()));
    long launched = System.currentTimeMillis();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, String> results = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(RESULT)) {
          String[] kv = line.substring(RESULT.length()).split(" ", 2);
          results.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the child did not finish in " + timeout);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("the child failed with status " + process.exitValue());
      }
      if (results.containsKey("jvm-start-epoch-ms") && results.containsKey("first-block-ms")) {
        // What a user waits: from the command to block 1, the JVM's own start-up included.
        long jvmStart = Long.parseLong(results.get("jvm-start-epoch-ms"));
        long first = Long.parseLong(results.get("first-block-ms"));
        results.put("launch-ms", Long.toString(jvmStart - launched + first));
      }
    } finally {
      process.destroyForcibly();
      FileTrees.delete(datadir);
    }
    return results;
  }

  private static DevnetConfig config(Path datadir) {
    return DevnetConfig.defaults(datadir).withPorts(Ports.ephemeral());
  }

  private static void childFirstBlock(Path datadir) throws Exception {
    try (Devnet devnet = Devnet.start(config(datadir))) {
      Duration first = devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      result("first-block-ms", first.toMillis());
      result("jvm-start-epoch-ms", ManagementFactory.getRuntimeMXBean().getStartTime());
    }
  }

  private static void childFootprint(Path datadir, double rate, int restSeconds, int loadSeconds)
      throws Exception {
    try (Devnet devnet = Devnet.start(config(datadir))) {
      devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      Thread.sleep(restSeconds * 1000L);
      ProcessMemory rest = ProcessMemory.thisJvmAfterGc();
      result("rest", rest);
      memory("rest", rest);

      LoadSettings settings =
          LoadSettings.of(
              devnet.info().endpoints().l2Rpc(), DevAccounts.defaults().keys().get(9), rate);
      long maxRss = 0;
      ProcessMemory underLoad;
      LoadSummary summary;
      ReceiptReport receipts;
      try (LoadGenerator load = LoadGenerator.start(settings)) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(loadSeconds);
        while (System.nanoTime() < end) {
          Thread.sleep(1_000);
          maxRss = Math.max(maxRss, ProcessMemory.rssOf(ProcessHandle.current().pid()).orElse(0));
        }
        underLoad = ProcessMemory.thisJvmAfterGc();
        summary = load.stop();
        receipts = load.awaitReceipts(Duration.ofSeconds(60));
      }
      result("load", underLoad);
      memory("load", underLoad);
      result("load-max-rss-mib", maxRss / MIB);
      result("load-summary", summary);
      result("load-receipts", receipts);
    }
  }

  private static void memory(String phase, ProcessMemory memory) {
    result(phase + "-rss-mib", mib(memory.rssBytes()));
    result(phase + "-heap-mib", memory.heapUsedBytes() / MIB);
  }

  private static String mib(OptionalLong bytes) {
    return bytes.isPresent() ? Long.toString(bytes.getAsLong() / MIB) : "n/a";
  }

  private static void result(String key, Object value) {
    System.out.println(RESULT + key + " " + value);
    System.out.flush();
  }

  private static void print(List<Map<String, String>> starts, Map<String, String> footprint) {
    long[] first =
        starts.stream().mapToLong(r -> Long.parseLong(r.get("first-block-ms"))).sorted().toArray();
    long[] launch =
        starts.stream().mapToLong(r -> Long.parseLong(r.get("launch-ms"))).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "Devnet footprint (%d cores, JDK %s, -Xmx4g, no AOT cache, verifier on)%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    System.out.printf(
        Locale.ROOT,
        "first L2 block, fresh datadir, cold JVM (%d runs): median %d ms after JVM start (min %d,"
            + " max %d); median %d ms after the launch of the JVM%n",
        first.length,
        first[first.length / 2],
        first[0],
        first[first.length - 1],
        launch[launch.length / 2]);
    System.out.printf(
        Locale.ROOT,
        "at rest: RSS %s MiB, heap after GC %s MiB%n",
        footprint.get("rest-rss-mib"),
        footprint.get("rest-heap-mib"));
    System.out.printf(
        Locale.ROOT,
        "under load: RSS %s MiB at the end (max %s MiB), heap after GC %s MiB%n",
        footprint.get("load-rss-mib"),
        footprint.get("load-max-rss-mib"),
        footprint.get("load-heap-mib"));
    System.out.printf(Locale.ROOT, "load: %s%n", footprint.get("load-summary"));
    System.out.printf(Locale.ROOT, "receipts: %s%n", footprint.get("load-receipts"));
  }
}
