package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.TestBatcher;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.config.RollupConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup as operators run it, every service its own process on loopback: a dev L1 ({@code
 * merapi execution --dev} with its beacon API), the contracts deployed by {@code merapi deploy},
 * two L2 engines ({@code merapi execution --genesis}), a sequencer and a verifier ({@code merapi
 * node}), and the node tests' batcher posting the sequencer's blocks from this JVM.
 *
 * <p>Then, at seeded random moments, one of the sequencer node, the verifier node, the sequencer's
 * engine and the verifier's engine is killed with SIGKILL and started again on the same data
 * directory (issue 13: "killed at any moment recovers its heads from the engine and continues;
 * nothing it reported safe is lost"). After each kill both nodes must answer again and converge:
 * the verifier's safe head reaches what the sequencer has built since, block for block the same
 * hashes, and every block either node reported safe before any kill is still there, unchanged.
 *
 * <p>{@code -Dmerapi.crash.rounds} and {@code -Dmerapi.crash.seed} change the number of kills
 * (default 20) and the seed. The services' logs stay in {@code target/RollupProcessesIT/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollupProcessesIT {
  private static final int ROUNDS = Integer.getInteger("merapi.crash.rounds", 20);
  private static final long SEED = Long.getLong("merapi.crash.seed", 20260013L);

  /** The bound of every wait for a service to come back or catch up. */
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path dir;

  private final Path logs = Path.of("target", "RollupProcessesIT");
  private final List<MerapiProcess> processes = new ArrayList<>();
  private final List<RpcClient> clients = new ArrayList<>();
  private final Thread reaper = new Thread(this::killAll, "RollupProcessesIT-reaper");

  private MerapiProcess l1;
  private MerapiProcess seqEngine;
  private MerapiProcess verEngine;
  private MerapiProcess sequencer;
  private MerapiProcess verifier;
  private RpcClient l1Rpc;
  private RpcClient seqL2;
  private RpcClient verL2;
  private RpcClient seqNode;
  private RpcClient verNode;
  private RollupConfig rollup;
  private TestBatcher batcher;
  private long lastPost;
  private Optional<String> postedHash = Optional.empty();
  private int replacedAfterPosting;

  /** Every block the sequencer reported safe before a kill: number to hash. */
  private final TreeMap<Long, String> seqSafe = new TreeMap<>();

  /** Every block the verifier reported safe before a kill. */
  private final TreeMap<Long, String> verSafe = new TreeMap<>();

  /** Blocks up to this number were checked equal on both engines. */
  private long compared;

  /** The sequencer's unsafe head just before the last kill. */
  private long builtBeforeKill;

  @BeforeAll
  void startRollup() throws Exception {
    Files.createDirectories(logs);
    try (var old = Files.list(logs)) {
      for (Path file : old.toList()) {
        Files.delete(file); // the logs of an earlier run
      }
    }
    // If this JVM is stopped, the services must not outlive it.
    Runtime.getRuntime().addShutdownHook(reaper);

    int l1Http = MerapiProcess.freePort();
    int beacon = MerapiProcess.freePort();
    l1 =
        process(
            "l1",
            "execution",
            "--dev",
            "--dev.period",
            "1",
            "--dev.safe-depth",
            "2",
            "--dev.finalized-depth",
            "4",
            "--datadir",
            dir.resolve("l1").toString(),
            "--http.port",
            Integer.toString(l1Http),
            "--ws.port",
            Integer.toString(MerapiProcess.freePort()),
            "--authrpc.port",
            Integer.toString(MerapiProcess.freePort()),
            "--dev.beacon.port",
            Integer.toString(beacon));
    l1.start();
    URI l1Uri = URI.create("http://127.0.0.1:" + l1Http);
    l1Rpc = client(l1Uri);
    awaitTrue(() -> number(l1Rpc, "latest") >= 1, "the L1 makes blocks");

    // merapi deploy, in this JVM: it runs once and is not under test for crashes.
    Path deployConfig = dir.resolve("deploy.json");
    Files.writeString(
        deployConfig,
        // A sequencing window longer than any outage here: every block the sequencer builds is
        // batched in time, so its unsafe chain becomes the safe chain as built.
        "{\"l1ChainID\": 1337, \"l2BlockTime\": 1, \"sequencerWindowSize\": 200,"
            + " \"channelTimeout\": 10}");
    Path deployed = dir.resolve("deployed");
    MerapiRun.Output deploy =
        MerapiRun.merapi(
            "deploy",
            "--l1",
            l1Uri.toString(),
            "--private-key",
            Hex.encode(DevAccounts.defaults().keys().get(0).toBytes()),
            "--config",
            deployConfig.toString(),
            "--outdir",
            deployed.toString());
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    rollup = RollupConfig.read(deployed.resolve("rollup.json"));

    int seqHttp = MerapiProcess.freePort();
    int seqAuth = MerapiProcess.freePort();
    int verHttp = MerapiProcess.freePort();
    int verAuth = MerapiProcess.freePort();
    seqEngine = engine("seq-engine", deployed, seqHttp, seqAuth);
    verEngine = engine("ver-engine", deployed, verHttp, verAuth);
    seqEngine.start();
    verEngine.start();
    seqL2 = client(URI.create("http://127.0.0.1:" + seqHttp));
    verL2 = client(URI.create("http://127.0.0.1:" + verHttp));
    awaitTrue(() -> number(seqL2, "latest") == 0 && number(verL2, "latest") == 0, "engines up");

    int seqRpc = MerapiProcess.freePort();
    int verRpc = MerapiProcess.freePort();
    List<String> common =
        List.of(
            "--l1",
            l1Uri.toString(),
            "--l1.beacon",
            "http://127.0.0.1:" + beacon,
            "--rollup.config",
            deployed.resolve("rollup.json").toString(),
            "--rpc.enable-admin",
            "--l1.http-poll-interval",
            "250ms",
            "--verifier.l1-confs",
            "0");
    sequencer =
        node(
            "sequencer",
            common,
            seqAuth,
            seqRpc,
            "--sequencer.enabled",
            "--sequencer.l1-confs",
            "0");
    verifier = node("verifier", common, verAuth, verRpc);
    sequencer.start();
    verifier.start();
    seqNode = client(URI.create("http://127.0.0.1:" + seqRpc));
    verNode = client(URI.create("http://127.0.0.1:" + verRpc));
    batcher = new TestBatcher(rollup, l1Rpc, seqL2, DevAccounts.defaults().keys().get(2));
  }

  @AfterAll
  void stopAll() {
    killAll();
    for (RpcClient client : clients) {
      client.close();
    }
    Runtime.getRuntime().removeShutdownHook(reaper);
  }

  // ---- the tests -----------------------------------------------------------------------------

  @Test
  @Order(1)
  void nodesPrintTheirBannerAndTheVerifierFollowsTheSequencer() throws Exception {
    awaitTrue(() -> sequencer.output().contains("rollup RPC"), "the sequencer's banner");
    awaitTrue(() -> verifier.output().contains("rollup RPC"), "the verifier's banner");
    assertThat(sequencer.output())
        .contains("Merapi rollup node, L2 chain " + rollup.l2ChainId() + " (sequencer)")
        .contains("rollup RPC   http://127.0.0.1:");
    assertThat(verifier.output())
        .contains("Merapi rollup node, L2 chain " + rollup.l2ChainId() + " (verifier)");

    awaitTrue(() -> unsafe(seqNode) >= 5, "the sequencer builds blocks");
    converge("start");
  }

  @Test
  @Order(2)
  void servicesKilledAtRandomMomentsComeBackAndNoSafeBlockChanges() throws Exception {
    Random random = new Random(SEED);
    List<MerapiProcess> victims = List.of(sequencer, verifier, seqEngine, verEngine);
    // Every victim as often as the others, in a seeded order.
    List<MerapiProcess> order = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      order.add(victims.get(i % victims.size()));
    }
    java.util.Collections.shuffle(order, random);
    System.out.printf("RollupProcessesIT: %d kills, seed %d%n", ROUNDS, SEED);
    long started = System.nanoTime();

    for (int round = 0; round < ROUNDS; round++) {
      MerapiProcess victim = order.get(round);
      // A random moment: the sequencer keeps building and the batcher keeps posting meanwhile.
      long waitUntil = System.nanoTime() + Duration.ofMillis(random.nextInt(2_000)).toNanos();
      while (System.nanoTime() < waitUntil) {
        postBatches();
        Thread.sleep(100);
      }
      recordSafe(seqNode, seqSafe);
      recordSafe(verNode, verSafe);
      try {
        builtBeforeKill = unsafe(seqNode);
      } catch (RuntimeException e) {
        // the sequencer always answers here (it converged); keep the last value if not
      }
      long roundStart = System.nanoTime();
      victim.kill();
      Thread.sleep(random.nextInt(500)); // down for a moment; the others keep running
      victim.start();
      for (MerapiProcess p : processes) {
        assertThat(p.alive()).as("%s runs after round %d", p.name(), round).isTrue();
      }
      converge("round " + round + " (" + victim.name() + " killed)");
      System.out.printf(
          "round %2d: killed %-10s converged in %5d ms, safe #%d, %d safe blocks checked%n",
          round,
          victim.name(),
          Duration.ofNanos(System.nanoTime() - roundStart).toMillis(),
          compared,
          seqSafe.size() + verSafe.size());
    }
    System.out.printf(
        "RollupProcessesIT: %d kills in %d s; posted blocks replaced %d times%n",
        ROUNDS, Duration.ofNanos(System.nanoTime() - started).toSeconds(), replacedAfterPosting);
    assertThat(seqSafe).as("the sequencer reported safe blocks before kills").isNotEmpty();
    assertThat(verSafe).as("the verifier reported safe blocks before kills").isNotEmpty();
    for (MerapiProcess node : List.of(sequencer, verifier)) {
      // The dev L1 never reorgs here: a node that says so is wrong (and resets for nothing).
      assertThat(node.log()).as("%s's log", node.name()).doesNotContain("L1 reorg");
    }
    // The window outlasts every outage, so the sequencer's blocks become safe as it built them.
    assertThat(replacedAfterPosting).as("posted blocks the sequencer replaced").isZero();
    assertThat(sequencer.log()).doesNotContain("does not match the derived attributes");
    assertThat(compared).isGreaterThan(ROUNDS);
  }

  @Test
  @Order(3)
  void sigtermStopsANodeCleanly() throws Exception {
    for (MerapiProcess node : List.of(verifier, sequencer)) {
      awaitTrue(() -> node.output().contains("rollup RPC"), node.name() + " is up");
      long before = System.nanoTime();
      OptionalInt exit = node.terminate(Duration.ofSeconds(10));
      assertThat(exit).as("%s stops within 10 s of SIGTERM", node.name()).isPresent();
      // 143 (128 + SIGTERM) is the JVM's own status once its shutdown hooks have run.
      assertThat(exit.getAsInt()).as("%s exit code", node.name()).isIn(0, 143);
      assertThat(node.logTail(5))
          .as("%s closed its services", node.name())
          .contains("Rollup node stopped");
      System.out.printf(
          "%s stopped %d ms after SIGTERM, exit %d%n",
          node.name(), Duration.ofNanos(System.nanoTime() - before).toMillis(), exit.getAsInt());
    }
  }

  // ---- convergence ---------------------------------------------------------------------------

  /**
   * Both nodes answer, the sequencer builds past where it was, the batcher posts, and the
   * verifier's safe head reaches the sequencer's head of that moment with the same blocks. Then
   * every block reported safe so far is still there, unchanged.
   */
  private void converge(String when) throws Exception {
    awaitTrue(() -> status(verNode) != null, when + ": the verifier node answers");
    long[] target = new long[1];
    awaitTrue(
        () -> {
          target[0] = unsafe(seqNode);
          return target[0] > Math.max(builtBeforeKill, compared);
        },
        when + ": the sequencer builds past #" + Math.max(builtBeforeKill, compared));
    awaitTrue(
        () -> {
          postBatches();
          return safe(verNode) >= target[0];
        },
        when + ": the verifier's safe head reaches #" + target[0]);
    // Both engines hold the same blocks. Unsafe blocks of the sequencer may still be replaced by
    // what derivation makes of L1 (deposits only, when their batches came too late), so this is
    // awaited; both engines may also be restarting.
    long from = compared + 1;
    String[] mismatch = {""};
    awaitTrue(
        () -> {
          for (long n = from; n <= target[0]; n++) {
            Optional<String> seq = hashAt(seqL2, n);
            Optional<String> ver = hashAt(verL2, n);
            if (seq.isEmpty() || !seq.equals(ver)) {
              mismatch[0] = "block " + n + ": sequencer " + seq + ", verifier " + ver;
              return false;
            }
          }
          return true;
        },
        () ->
            when
                + ": both engines hold the same blocks "
                + from
                + ".."
                + target[0]
                + " ("
                + mismatch[0]
                + ")");
    compared = target[0];
    awaitTrue(() -> safeBlocksKept(when), () -> when + ": every block reported safe is there");
  }

  /**
   * Whether every block reported safe is on both engines. A block a node reported safe that its own
   * engine now has another block for fails at once: safe blocks never change. The other engine may
   * still be catching up.
   */
  private boolean safeBlocksKept(String when) {
    for (var reported : List.of(Map.entry(seqSafe, seqL2), Map.entry(verSafe, verL2))) {
      RpcClient own = reported.getValue();
      RpcClient other = own == seqL2 ? verL2 : seqL2;
      for (Map.Entry<Long, String> safe : reported.getKey().entrySet()) {
        Optional<String> now = hashAt(own, safe.getKey());
        if (now.isPresent() && !now.get().equals(safe.getValue())) {
          throw new AssertionError(
              when
                  + ": block "
                  + safe.getKey()
                  + " was reported safe as "
                  + safe.getValue()
                  + ", its node's engine now has "
                  + now.get());
        }
        if (now.isEmpty() || !hashAt(other, safe.getKey()).equals(Optional.of(safe.getValue()))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Notes what a node reports safe now; a node that is down reports nothing. */
  private void recordSafe(RpcClient node, TreeMap<Long, String> reported) {
    JsonNode status;
    try {
      status = status(node);
    } catch (RuntimeException e) {
      return;
    }
    long number = status.at("/safe_l2/number").asLong();
    String hash = status.at("/safe_l2/hash").asText();
    if (number == 0) {
      return;
    }
    reported.put(number, hash);
    // Safe blocks come from L1 alone: both nodes agree on each.
    for (TreeMap<Long, String> any : List.of(seqSafe, verSafe)) {
      String known = any.get(number);
      assertThat(known == null ? hash : known)
          .as("both nodes report the same safe block %d", number)
          .isEqualTo(hash);
    }
  }

  /**
   * Posts what the sequencer built, about once an L1 block; a sequencer engine that is down waits.
   * Like op-batcher, it starts over when a block it posted is no longer the sequencer's (the test
   * batcher only goes forward, so a new one is made; blocks already safe are dropped by derivation
   * as old).
   */
  private void postBatches() {
    if (System.nanoTime() - lastPost < Duration.ofMillis(900).toNanos()) {
      return;
    }
    lastPost = System.nanoTime();
    try {
      if (postedHash.isPresent() && !hashAt(seqL2, batcher.posted()).equals(postedHash)) {
        replacedAfterPosting++;
        System.out.printf(
            "the sequencer replaced block %d after it was posted: the batcher starts over%n",
            batcher.posted());
        batcher = new TestBatcher(rollup, l1Rpc, seqL2, DevAccounts.defaults().keys().get(2));
      }
      batcher.postUpTo(number(seqL2, "latest"));
      postedHash = hashAt(seqL2, batcher.posted());
    } catch (RuntimeException e) {
      // the sequencer's engine is being restarted: post next time
    }
  }

  // ---- processes and RPC ---------------------------------------------------------------------

  private MerapiProcess process(String name, String... args) {
    MerapiProcess process = new MerapiProcess(name, logs, List.of(args));
    processes.add(process);
    return process;
  }

  private MerapiProcess engine(String name, Path deployed, int http, int auth) throws Exception {
    Path jwt = dir.resolve(name + ".jwt");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.writeString(jwt, Hex.encode(secret));
    return process(
        name,
        "execution",
        "--genesis",
        deployed.resolve("genesis.json").toString(),
        "--datadir",
        dir.resolve(name).toString(),
        "--http",
        "--http.port",
        Integer.toString(http),
        "--http.api",
        "eth,net,web3,debug",
        "--authrpc.port",
        Integer.toString(auth),
        "--authrpc.jwtsecret",
        jwt.toString());
  }

  private MerapiProcess node(
      String name, List<String> common, int engineAuth, int rpc, String... more) {
    String engine = name.equals("sequencer") ? "seq-engine" : "ver-engine";
    List<String> args = new ArrayList<>(List.of("node"));
    args.addAll(common);
    args.addAll(
        List.of(
            "--l2",
            "http://127.0.0.1:" + engineAuth,
            "--l2.jwt-secret",
            dir.resolve(engine + ".jwt").toString(),
            "--rpc.port",
            Integer.toString(rpc),
            "--safedb.path",
            dir.resolve(name + "-safedb").toString()));
    args.addAll(List.of(more));
    return process(name, args.toArray(String[]::new));
  }

  private void killAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  private RpcClient client(URI uri) {
    RpcClient client =
        HttpRpcClient.create(uri, RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
    clients.add(client);
    return client;
  }

  private static long number(RpcClient rpc, String tag) {
    return Long.decode(rpc.call("eth_getBlockByNumber", tag, false).get("number").asText());
  }

  /** The hash of canonical block {@code number}, empty if the engine has none. */
  private static Optional<String> hashAt(RpcClient rpc, long number) {
    JsonNode block = rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(number), false);
    return block == null || block.isNull()
        ? Optional.empty()
        : Optional.of(block.get("hash").asText());
  }

  private static JsonNode status(RpcClient node) {
    return node.call("optimism_syncStatus");
  }

  private static long safe(RpcClient node) {
    return status(node).at("/safe_l2/number").asLong();
  }

  private static long unsafe(RpcClient node) {
    return status(node).at("/unsafe_l2/number").asLong();
  }

  private void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    awaitTrue(condition, () -> what);
  }

  /** Waits, bounded by {@link #TIMEOUT}; a failure message carries the end of every log. */
  private void awaitTrue(BooleanSupplier condition, Supplier<String> what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // a service (re)starting
      }
      Thread.sleep(100);
    }
    StringBuilder message = new StringBuilder("timed out waiting until " + what.get());
    if (last != null) {
      message.append(" (last error: ").append(last).append(')');
    }
    for (RpcClient node : List.of(seqNode, verNode)) {
      try {
        JsonNode st = status(node);
        message.append(
            String.format(
                "%n%s: unsafe #%d, safe #%d, current L1 #%d, head L1 #%d",
                node == seqNode ? "sequencer" : "verifier",
                st.at("/unsafe_l2/number").asLong(),
                st.at("/safe_l2/number").asLong(),
                st.at("/current_l1/number").asLong(),
                st.at("/head_l1/number").asLong()));
      } catch (RuntimeException e) {
        message.append("\n(no status: ").append(e.getMessage()).append(')');
      }
    }
    for (MerapiProcess p : processes) {
      message
          .append("\n--- ")
          .append(p.name())
          .append(p.alive() ? " (running)" : " (not running)")
          .append(" ---\n")
          .append(p.logTail(15));
    }
    throw new AssertionError(message.toString());
  }
}
