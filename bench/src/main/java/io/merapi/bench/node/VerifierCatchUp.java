package io.merapi.bench.node;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.files.FileTrees;
import io.merapi.deployer.DeployConfig;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.NodeConfig;
import io.merapi.node.RollupNodeService;
import io.merapi.node.driver.DriverConfig;
import io.merapi.node.engine.Engine;
import io.merapi.node.engine.EngineClient;
import io.merapi.node.engine.RpcL2Client;
import io.merapi.node.l1.L1ClientConfig;
import io.merapi.node.l1.RpcL1Client;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Issue 13's benchmark: a verifier catching up L2 blocks of ERC-20 transfers from L1 batches, next
 * to the engine importing the same blocks directly. A reproducible command:
 *
 * <pre>
 * java -Xmx6g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.merapi.bench.node.VerifierCatchUp [--blocks 10000] [--txs 40] [--senders 256]
 *     [--channel-blocks 60] [--rounds 1] [--dir DIR] [--run both|verifier|import]
 * </pre>
 *
 * <p>Setup (not timed): a dev L1 ({@code merapi execution --dev} in-process) whose genesis holds
 * the rollup's contracts, with 12-second blocks made on demand ({@link DevL1}); a sequencer engine
 * ({@code merapi execution} on the L2 genesis, RocksDB) driven through the Engine API ({@link
 * L2Sequencing}) for {@code blocks} blocks of 2 s, each of {@code txs} WETH transfers ({@link
 * Erc20Traffic}) after two blocks that fund the senders; every {@code channel-blocks} blocks a
 * span-batch channel goes to the batch inbox as calldata ({@link CalldataBatcher}), so that when
 * setup ends the L1 holds every batch.
 *
 * <p>A (timed): a fresh engine and a verifier {@link RollupNodeService} on it, from its start until
 * its safe head is the last block — L1 reading, derivation, and the Engine API calls the driver
 * makes (forkchoiceUpdated with attributes, getPayload, newPayload, forkchoiceUpdated). B (timed):
 * another fresh engine sent the same payloads over the Engine API, {@code engine_newPayload} then
 * {@code engine_forkchoiceUpdated} per block, as a consensus client that already has the blocks
 * would. Both engines run in this JVM and are reached over loopback HTTP with JWT, as a separate
 * engine process would be. The report gives blocks/s and Mgas/s of each and A's time over B's; with
 * {@code --rounds} A and B alternate on fresh engines that many times (the median ratio is
 * reported), which keeps a shared machine's drifting load from favouring one side.
 */
public final class VerifierCatchUp {
  private static final Duration TIMEOUT_PER_BLOCK = Duration.ofSeconds(2);

  private final int blocks;
  private final int txsPerBlock;
  private final int senders;
  private final int channelBlocks;
  private final int rounds;
  private final Path dir;

  private RollupConfig rollup;
  private Genesis l2Genesis;
  private final List<ExecutionPayloadEnvelope> payloads = new ArrayList<>();
  private long gas;
  private long txs;

  private VerifierCatchUp(
      int blocks, int txsPerBlock, int senders, int channelBlocks, int rounds, Path dir) {
    this.blocks = blocks;
    this.txsPerBlock = txsPerBlock;
    this.senders = senders;
    this.channelBlocks = channelBlocks;
    this.rounds = rounds;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    int blocks = 10_000;
    int txsPerBlock = 40;
    int senders = 256;
    int channelBlocks = 60;
    String run = "both";
    int rounds = 1;
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
        case "--txs" -> txsPerBlock = Integer.parseInt(args[i + 1]);
        case "--senders" -> senders = Integer.parseInt(args[i + 1]);
        case "--channel-blocks" -> channelBlocks = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--run" -> run = args[i + 1];
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1");
    }
    if (blocks < 3) {
      throw new IllegalArgumentException("--blocks must be at least 3 (two set the senders up)");
    }
    boolean temporary = dir == null;
    if (temporary) {
      dir = Files.createTempDirectory("merapi-catchup");
    }
    try {
      new VerifierCatchUp(blocks, txsPerBlock, senders, channelBlocks, rounds, dir).run(run);
    } finally {
      if (temporary) {
        FileTrees.delete(dir);
      }
    }
    // Vert.x and RocksDB leave non-daemon threads behind on some paths; the report is out.
    System.exit(0);
  }

  /** {@code what}: both, verifier (A only) or import (B only), the latter two for profiling. */
  private void run(String what) throws Exception {
    if (!List.of("both", "verifier", "import").contains(what)) {
      throw new IllegalArgumentException("--run is both, verifier or import: " + what);
    }
    DeployConfig deployConfig =
        DeployConfig.fromJson(
            RpcJson.mapper()
                .readTree(
                    "{\"l1ChainID\": 1337, \"l2BlockTime\": 2, \"sequencerWindowSize\": 200,"
                        + " \"channelTimeout\": 120}"));
    try (DevL1 l1 = DevL1.start(dir.resolve("l1"), deployConfig, 2_000_000_000L)) {
      rollup = l1.rollup().rollup();
      l2Genesis = l1.rollup().l2Genesis();
      long started = System.nanoTime();
      setup(l1);
      System.out.printf(
          "setup: %,d L2 blocks, %,d transactions, %,d gas, in %,d L1 blocks; %.1f s%n",
          blocks, txs, gas, l1.headNumber(), (System.nanoTime() - started) / 1e9);
      // Rounds alternate A and B on fresh engines, so that a machine whose load drifts weighs on
      // both alike; the report takes the median round.
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double a = what.equals("import") ? Double.NaN : verifier(l1, round);
        double b = what.equals("verifier") ? Double.NaN : engineImport(round);
        ratios.add(a / b);
        System.out.printf(
            "round %d: verifier %.2f s, engine import %.2f s: the node adds %.1f%% to the"
                + " engine's import time%n",
            round, a, b, 100 * (a / b - 1));
      }
      ratios.sort(Comparator.naturalOrder());
      System.out.printf(
          "result: over %d round(s), the node adds %.1f%% (median) to the engine's import time%n",
          rounds, 100 * (ratios.get(ratios.size() / 2) - 1));
    }
  }

  // ---- setup -----------------------------------------------------------------------------------

  private void setup(DevL1 l1) throws IOException {
    DevAccounts accounts = DevAccounts.defaults();
    Secp256k1.PrivateKey batcherKey =
        accounts.keys().stream()
            .filter(k -> k.address().equals(rollup.genesis().systemConfig().batcherAddr()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the batcher is not a dev account"));
    Path jwt = dir.resolve("sequencer.jwt");
    try (ExecutionNode engine = startEngine("sequencer", jwt);
        EngineClient engineApi =
            new EngineClient(
                engine.authRpcUri().orElseThrow(),
                JwtSecret.load(jwt),
                rollup,
                Duration.ofMinutes(1));
        RpcL2Client l2 = new RpcL2Client(engine.httpUri().orElseThrow(), rollup);
        RpcL1Client l1Client =
            RpcL1Client.connect(
                l1.httpUri(),
                RpcClientOptions.defaults(),
                L1ClientConfig.defaults(),
                new SimpleMeterRegistry());
        RpcClient l1Rpc = HttpRpcClient.create(l1.httpUri(), RpcClientOptions.defaults())) {
      L2Sequencing sequencer = new L2Sequencing(rollup, engineApi, l2, l1Client);
      Erc20Traffic traffic =
          new Erc20Traffic(rollup.l2ChainId(), accounts.keys().get(9), senders, txsPerBlock);
      CalldataBatcher batcher = new CalldataBatcher(rollup, l1Rpc, batcherKey, 8);
      for (int n = 1; n <= blocks; n++) {
        // The L1 stays a slot ahead of the L2 time, so each epoch's L1 block exists in time.
        while (Long.compareUnsigned(l1.headTime(), sequencer.nextTime() + DevL1.SLOT_SECONDS) < 0) {
          l1.mine();
        }
        ExecutionPayloadEnvelope envelope = sequencer.build(traffic.nextBlock());
        payloads.add(envelope);
        gas += envelope.payload().gasUsed();
        txs += envelope.payload().transactions().size();
        batcher.add(engine.chain().block(envelope.payload().blockHash()).orElseThrow());
        if (batcher.blocksInChannel() >= channelBlocks) {
          batcher.flush();
        }
        if (n % 1000 == 0) {
          System.out.printf("setup: built %,d blocks, L1 at %,d%n", n, l1.headNumber());
        }
      }
      batcher.flush();
      do {
        l1.mine();
      } while (!l1.poolEmpty());
      System.out.printf(
          "setup: %,d frames of calldata, %,d bytes%n", batcher.frames(), batcher.bytes());
    }
  }

  // ---- A: the verifier ------------------------------------------------------------------------

  private double verifier(DevL1 l1, int round) throws Exception {
    Path jwt = dir.resolve("verifier.jwt");
    String name = "verifier-" + round;
    try (ExecutionNode engine = startEngine(name, jwt)) {
      NodeConfig config =
          new NodeConfig(
              l1.httpUri(),
              l1.beaconUri(),
              false,
              false,
              "standard",
              engine.authRpcUri().orElseThrow(),
              jwt,
              rollup,
              "127.0.0.1",
              0,
              false,
              new DriverConfig(false, false, 0, 0, Duration.ofMillis(250)),
              Optional.of(dir.resolve(name + "-safedb")),
              Optional.empty());
      long deadline = System.nanoTime() + TIMEOUT_PER_BLOCK.toNanos() * blocks + 60_000_000_000L;
      long started = System.nanoTime();
      long safe;
      try (RollupNodeService node = RollupNodeService.start(config)) {
        SyncStatus status;
        while (true) {
          status = node.driver().syncStatus();
          safe = status.safeL2().number();
          if (safe >= blocks || System.nanoTime() > deadline) {
            break;
          }
          Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (safe < blocks) {
          throw new IllegalStateException(
              "the verifier's safe head is " + safe + " after " + seconds + " s, not " + blocks);
        }
        Hash expected = payloads.get(blocks - 1).payload().blockHash();
        if (safe == blocks && !status.safeL2().hash().equals(expected)) {
          throw new IllegalStateException(
              "the verifier derived "
                  + status.safeL2().hash()
                  + " for block "
                  + blocks
                  + ", the sequencer built "
                  + expected);
        }
        report("A verifier (L1 batches -> node -> engine)", seconds);
        return seconds;
      }
    } finally {
      FileTrees.delete(dir.resolve(name));
      FileTrees.delete(dir.resolve(name + "-safedb"));
    }
  }

  // ---- B: the engine alone ----------------------------------------------------------------------

  private double engineImport(int round) throws Exception {
    Path jwt = dir.resolve("import.jwt");
    String name = "import-" + round;
    try (ExecutionNode engine = startEngine(name, jwt);
        EngineClient engineApi =
            new EngineClient(
                engine.authRpcUri().orElseThrow(),
                JwtSecret.load(jwt),
                rollup,
                Duration.ofMinutes(1))) {
      long started = System.nanoTime();
      for (ExecutionPayloadEnvelope envelope : payloads) {
        PayloadStatus status = engineApi.newPayload(envelope);
        if (status.status() != PayloadStatus.Status.VALID) {
          throw new IllegalStateException(
              "block " + envelope.payload().blockNumber() + ": " + status);
        }
        Hash hash = envelope.payload().blockHash();
        Engine.ForkchoiceUpdate moved =
            engineApi.forkchoiceUpdated(
                new ForkchoiceState(hash, hash, Hash.ZERO), Optional.empty());
        if (moved.status().status() != PayloadStatus.Status.VALID) {
          throw new IllegalStateException(
              "forkchoice to block " + envelope.payload().blockNumber() + ": " + moved);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      report("B engine import (newPayload + forkchoiceUpdated)", seconds);
      return seconds;
    } finally {
      FileTrees.delete(dir.resolve(name));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void report(String what, double seconds) {
    System.out.printf(
        "%s: %,d blocks in %.2f s: %.1f blocks/s, %.1f Mgas/s%n",
        what, blocks, seconds, blocks / seconds, gas / seconds / 1e6);
  }

  /**
   * {@code merapi execution} on the L2 genesis in {@code dir/name}, its JWT secret in {@code jwt}.
   */
  private ExecutionNode startEngine(String name, Path jwt) throws IOException {
    JwtSecret secret = JwtSecret.generate();
    Files.writeString(jwt, secret.toHex() + "\n");
    return ExecutionNode.start(
        ExecutionNodeConfig.builder()
            .datadir(dir.resolve(name))
            .genesis(l2Genesis)
            .http(Optional.of(RpcServerConfig.httpDefaults().withPort(0)))
            .ws(Optional.empty())
            .authRpc(Optional.of(RpcServerConfig.engineApi(secret).withPort(0)))
            .jwtSecret(Optional.of(jwt))
            .build());
  }
}
