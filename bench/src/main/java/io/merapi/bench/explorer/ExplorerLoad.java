package io.merapi.bench.explorer;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.files.FileTrees;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.info.Endpoints;
import io.merapi.devnet.load.LoadGenerator;
import io.merapi.devnet.load.LoadSettings;
import io.merapi.devnet.load.LoadSummary;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.explorer.Chain;
import io.merapi.explorer.Explorer;
import io.merapi.explorer.ExplorerConfig;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.explorer.index.IndexedTx;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The explorer's page times under the devnet's load (issue 16): a devnet and an explorer in this
 * JVM, {@link LoadGenerator} sending {@code --rate} L2 transfers a second for {@code --seconds},
 * and meanwhile {@code --clients} concurrent clients fetching home, block, transaction and address
 * pages in turn (the blocks, transactions and senders just indexed, so the pages are the busy
 * ones). It reports p50/p99/max per page kind against the goal (p99 under 200 ms), the same
 * figures for one {@code eth_getBlockByNumber} answered by the L2 node meanwhile (the floor under a
 * block page), and how far the index lags the L2 head (head − indexed cursor, sampled each second).
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.merapi.bench.explorer.ExplorerLoad [--seconds 60] [--rate 200] [--clients 10]}. Everything
 * shares the machine (the devnet's L1, two L2 engines, two rollup nodes, batcher, proposer, the
 * load and the clients): note what else ran.
 */
public final class ExplorerLoad {
  private static final Duration GOAL_P99 = Duration.ofMillis(200);

  /**
   * The page kinds the issue names, fetched in turn by every client, and the baseline: one {@code
   * eth_getBlockByNumber} (hashes only) from the L2 node itself, the least a block page asks it.
   */
  enum Kind {
    HOME,
    BLOCK,
    TX,
    ADDRESS,
    NODE_BLOCK
  }

  /** What the clients fetch: refreshed each second from what the index just took in. */
  private record Targets(List<Long> blocks, List<Hash> transactions, List<Address> addresses) {
    static final Targets NONE = new Targets(List.of(), List.of(), List.of());
  }

  private ExplorerLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = flags(args);
    int seconds = Integer.parseInt(flags.getOrDefault("seconds", "60"));
    double rate = Double.parseDouble(flags.getOrDefault("rate", "200"));
    int clients = Integer.parseInt(flags.getOrDefault("clients", "10"));
    Path tmp = Files.createTempDirectory("merapi-explorer-load");
    try {
      run(tmp, seconds, rate, clients);
    } finally {
      FileTrees.delete(tmp);
    }
  }

  private static void run(Path tmp, int seconds, double rate, int clients) throws Exception {
    DevnetConfig devnetConfig =
        DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    try (Devnet devnet = Devnet.start(devnetConfig)) {
      devnet.firstL2Block().get(60, TimeUnit.SECONDS);
      Endpoints endpoints = devnet.info().endpoints();
      ExplorerConfig config =
          ExplorerConfig.of(
                  endpoints.l1Rpc(), endpoints.l2Rpc(), endpoints.node(), tmp.resolve("explorer"))
              .withPort(0);
      try (Explorer explorer = Explorer.start(config);
          RpcClient l2 = HttpRpcClient.create(endpoints.l2Rpc(), RpcClientOptions.defaults());
          HttpClient http =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(5))
                  .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                  .build()) {
        LoadSettings settings =
            LoadSettings.of(endpoints.l2Rpc(), DevAccounts.defaults().keys().get(9), rate);
        Map<Kind, ConcurrentLinkedQueue<Long>> nanos = new EnumMap<>(Kind.class);
        Map<Kind, AtomicLong> errors = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
          nanos.put(kind, new ConcurrentLinkedQueue<>());
          errors.put(kind, new AtomicLong());
        }
        List<Long> lags = new ArrayList<>();
        AtomicReference<Targets> targets = new AtomicReference<>(Targets.NONE);
        LoadSummary summary;
        try (LoadGenerator load = LoadGenerator.start(settings)) {
          System.err.printf(
              Locale.ROOT,
              "load started at %.0f tx/s; %d clients for %d s%n",
              rate,
              clients,
              seconds);
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
          targets.set(targets(explorer));
          List<Thread> threads = new ArrayList<>();
          for (int c = 0; c < clients; c++) {
            int first = c;
            threads.add(
                Thread.ofVirtual()
                    .name("client-" + c)
                    .start(
                        () ->
                            client(
                                http,
                                explorer.uri(),
                                endpoints.l2Rpc(),
                                first,
                                end,
                                targets,
                                nanos,
                                errors)));
          }
          while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            long head = Hex.parseQuantity(l2.call("eth_blockNumber").asText());
            long indexed = explorer.index().head(Chain.L2).map(IndexedBlock::number).orElse(-1L);
            lags.add(head - indexed);
            targets.set(targets(explorer));
          }
          for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
          }
          summary = load.stop();
        }
        report(nanos, errors, lags, summary, seconds, clients);
      }
    }
  }

  /** The latest indexed L2 blocks, their user transactions and those transactions' senders. */
  private static Targets targets(Explorer explorer) {
    List<Long> blocks = new ArrayList<>();
    List<Hash> txs = new ArrayList<>();
    List<Address> addresses = new ArrayList<>();
    for (IndexedBlock block : explorer.index().latest(Chain.L2, 10)) {
      blocks.add(block.number());
      // The first transaction of an L2 block is its L1 attributes deposit: not a user's.
      for (IndexedTx tx :
          block
              .transactions()
              .subList(Math.min(1, block.transactions().size()), block.transactions().size())) {
        txs.add(tx.hash());
        addresses.add(tx.from());
      }
    }
    return new Targets(blocks, txs, addresses);
  }

  /**
   * One client: the page kinds in turn from {@code first}, each a GET read to its end, and the
   * baseline call to the L2 node at {@code l2Rpc}.
   */
  private static void client(
      HttpClient http,
      URI base,
      URI l2Rpc,
      int first,
      long end,
      AtomicReference<Targets> targets,
      Map<Kind, ConcurrentLinkedQueue<Long>> nanos,
      Map<Kind, AtomicLong> errors) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = first; System.nanoTime() < end; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      Targets now = targets.get();
      String path =
          switch (kind) {
            case HOME -> "/";
            case BLOCK -> now.blocks().isEmpty() ? null : "/l2/block/" + pick(now.blocks(), random);
            case TX ->
                now.transactions().isEmpty()
                    ? null
                    : "/l2/tx/" + pick(now.transactions(), random).toHex();
            case ADDRESS ->
                now.addresses().isEmpty()
                    ? null
                    : "/l2/address/" + pick(now.addresses(), random).toHex();
            case NODE_BLOCK ->
                now.blocks().isEmpty() ? null : Hex.quantity(pick(now.blocks(), random));
          };
      if (path == null) {
        continue;
      }
      HttpRequest request =
          kind == Kind.NODE_BLOCK
              ? HttpRequest.newBuilder(l2Rpc)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\","
                              + "\"params\":[\""
                              + path
                              + "\",false]}"))
                  .build()
              : HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
      long started = System.nanoTime();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        if (response.statusCode() == 200) {
          nanos.get(kind).add(took);
        } else {
          errors.get(kind).incrementAndGet();
          System.err.printf(Locale.ROOT, "%s %s: status %d%n", kind, path, response.statusCode());
        }
      } catch (IOException e) {
        errors.get(kind).incrementAndGet();
        System.err.printf(Locale.ROOT, "%s %s: %s%n", kind, path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static <T> T pick(List<T> values, ThreadLocalRandom random) {
    return values.get(random.nextInt(values.size()));
  }

  private static void report(
      Map<Kind, ConcurrentLinkedQueue<Long>> nanos,
      Map<Kind, AtomicLong> errors,
      List<Long> lags,
      LoadSummary summary,
      int seconds,
      int clients) {
    System.out.printf(
        Locale.ROOT,
        "Explorer under load: %d clients for %d s, goal p99 < %d ms%n",
        clients,
        seconds,
        GOAL_P99.toMillis());
    System.out.println("load: " + summary);
    System.out.printf(
        Locale.ROOT,
        "%-8s %7s %9s %9s %9s %7s  %s%n",
        "page",
        "count",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "goal");
    for (Kind kind : Kind.values()) {
      List<Long> sorted = nanos.get(kind).stream().sorted().toList();
      if (sorted.isEmpty()) {
        System.out.printf(Locale.ROOT, "%-8s %7d%n", kind.name().toLowerCase(Locale.ROOT), 0);
        continue;
      }
      double p99 = millis(percentile(sorted, 0.99));
      System.out.printf(
          Locale.ROOT,
          "%-8s %7d %9.1f %9.1f %9.1f %7d  %s%n",
          kind.name().toLowerCase(Locale.ROOT),
          sorted.size(),
          millis(percentile(sorted, 0.50)),
          p99,
          millis(sorted.getLast()),
          errors.get(kind).get(),
          kind == Kind.NODE_BLOCK
              ? "baseline: the L2 node's own answer"
              : p99 < GOAL_P99.toMillis() ? "met" : "missed");
    }
    List<Long> sortedLags = lags.stream().sorted().toList();
    if (!sortedLags.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "index lag (L2 head - indexed, blocks, %d samples): p50 %d, max %d, last %d%n",
          sortedLags.size(),
          percentile(sortedLags, 0.50),
          sortedLags.getLast(),
          lags.getLast());
    }
  }

  /** The nearest-rank percentile of a sorted list. */
  private static long percentile(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!List.of("seconds", "rate", "clients").contains(name) || i + 1 == args.length) {
        System.err.println("usage: ExplorerLoad [--seconds 60] [--rate 200] [--clients 10]");
        System.exit(2);
      }
      flags.put(name, args[++i]);
    }
    return flags;
  }
}
