package io.merapi.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.RollupConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The rollup on loopback for the node's scenario tests: a dev L1 (beacon API, safe and finalized
 * schedule, {@code debug_setHead}) with the rollup's contracts, and any number of {@link RigNode}s
 * (an L2 engine and a rollup node each) on the L2 genesis the deployment wrote. Everything runs in
 * this JVM on free loopback ports; the L1 can be stopped and restarted on its data directory and
 * ports. {@link #close} stops what is still running, in reverse order.
 */
public final class RollupRig implements AutoCloseable {
  /** How long a scenario waits for one condition before it fails. */
  public static final Duration TIMEOUT = Duration.ofSeconds(90);

  /**
   * How a rig is set up.
   *
   * @param seqWindow {@code sequencerWindowSize} in L1 blocks
   * @param channelTimeout {@code channelTimeout} in L1 blocks
   * @param l1SafeDepth the dev L1's {@code --dev.safe-depth}
   * @param l1FinalizedDepth the dev L1's {@code --dev.finalized-depth}
   * @param deployOverRpc deploy the contracts with transactions on the running L1 (as an operator
   *     would, ~30 L1 blocks) instead of laying them into the L1 genesis (instant)
   * @param deployConfig more deploy-config fields (OP's names), over the rig's own
   */
  public record Options(
      long seqWindow,
      long channelTimeout,
      int l1SafeDepth,
      int l1FinalizedDepth,
      boolean deployOverRpc,
      Map<String, Object> deployConfig) {
    public Options {
      deployConfig = Map.copyOf(deployConfig);
    }

    public static Options defaults() {
      return new Options(20, 10, 2, 4, false, Map.of());
    }

    /**
     * One more deploy-config field, e.g. {@code useFaultProofs false} for the L2OutputOracle and
     * OptimismPortal instead of the DisputeGameFactory and OptimismPortal2.
     */
    public Options withDeployConfig(String field, Object value) {
      Map<String, Object> fields = new java.util.HashMap<>(deployConfig);
      fields.put(field, value);
      return new Options(
          seqWindow, channelTimeout, l1SafeDepth, l1FinalizedDepth, deployOverRpc, fields);
    }

    public Options withSeqWindow(long value) {
      return new Options(
          value, channelTimeout, l1SafeDepth, l1FinalizedDepth, deployOverRpc, deployConfig);
    }

    public Options withChannelTimeout(long value) {
      return new Options(
          seqWindow, value, l1SafeDepth, l1FinalizedDepth, deployOverRpc, deployConfig);
    }

    public Options withL1Depths(int safe, int finalized) {
      return new Options(seqWindow, channelTimeout, safe, finalized, deployOverRpc, deployConfig);
    }

    public Options withDeployOverRpc(boolean value) {
      return new Options(
          seqWindow, channelTimeout, l1SafeDepth, l1FinalizedDepth, value, deployConfig);
    }
  }

  private final Path dir;
  private final Options options;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final JwtSecret l1EngineSecret = JwtSecret.generate();
  private Optional<Genesis> l1Genesis = Optional.empty();
  private ExecutionNode l1;
  private int l1HttpPort;
  private int l1AuthPort;
  private int l1BeaconPort;
  private RpcClient l1Rpc;
  private RollupConfig rollup;
  private Genesis l2Genesis;

  private RollupRig(Path dir, Options options) {
    this.dir = dir;
    this.options = options;
  }

  /** Starts the dev L1 in {@code dir} and deploys the rollup on it. */
  public static RollupRig start(Path dir, Options options) throws Exception {
    RollupRig rig = new RollupRig(dir, options);
    try {
      rig.deploy();
      return rig;
    } catch (Exception | AssertionError e) {
      rig.close();
      throw e;
    }
  }

  private void deploy() throws Exception {
    ObjectNode json = RpcJson.mapper().createObjectNode();
    json.put("l1ChainID", DevGenesis.CHAIN_ID);
    json.put("l2BlockTime", 1);
    json.put("sequencerWindowSize", options.seqWindow());
    json.put("channelTimeout", options.channelTimeout());
    options
        .deployConfig()
        .forEach((field, value) -> json.set(field, RpcJson.mapper().valueToTree(value)));
    DeployConfig deployConfig = DeployConfig.fromJson(json);
    DevAccounts accounts = DevAccounts.defaults();
    if (options.deployOverRpc()) {
      startL1();
      RollupDeployer.Output deployed =
          RollupDeployer.deploy(
              new RpcTransactor(l1Rpc, accounts.keys().get(0), Duration.ofSeconds(60)),
              l1Rpc,
              deployConfig);
      deployed.write(dir.resolve("rollup"));
      rollup = deployed.rollup();
      l2Genesis = deployed.l2Genesis();
    } else {
      // The rollup starts at the L1 genesis, stamped a moment ago so that the L2 (whose genesis
      // has the same time) does not have to catch up with the wall clock.
      Genesis dev = DevGenesis.of(accounts);
      Genesis base =
          Genesis.of(
              dev.config(), System.currentTimeMillis() / 1000 - 1, dev.gasLimit(), dev.alloc());
      RollupDeployer.GenesisDeployment deployed =
          RollupDeployer.intoL1Genesis(base, accounts.addresses().get(0), deployConfig);
      deployed.output().write(dir.resolve("rollup"));
      l1Genesis = Optional.of(deployed.l1Genesis());
      rollup = deployed.output().rollup();
      l2Genesis = deployed.output().l2Genesis();
      startL1();
    }
  }

  /** Starts the dev L1 on its data directory: on free ports the first time, then on the same. */
  public void startL1() {
    if (l1 != null) {
      throw new IllegalStateException("the L1 is running");
    }
    ExecutionNodeConfig.Builder config =
        ExecutionNodeConfig.builder()
            .datadir(dir.resolve("l1"))
            .http(Optional.of(RpcServerConfig.httpDefaults().withPort(l1HttpPort)))
            .ws(Optional.empty())
            .authRpc(Optional.of(RpcServerConfig.engineApi(l1EngineSecret).withPort(l1AuthPort)))
            .dev(
                Optional.of(
                    new ExecutionNodeConfig.DevSettings(
                        1,
                        options.l1SafeDepth(),
                        options.l1FinalizedDepth(),
                        Optional.of(
                            new ExecutionNodeConfig.BeaconEndpoint("127.0.0.1", l1BeaconPort)))));
    l1Genesis.ifPresent(config::genesis);
    l1 = ExecutionNode.start(config.build());
    l1HttpPort = l1.httpUri().orElseThrow().getPort();
    l1AuthPort = l1.authRpcUri().orElseThrow().getPort();
    l1BeaconPort = l1.beaconUri().orElseThrow().getPort();
    if (l1Rpc == null) {
      l1Rpc = keep(client(l1.httpUri().orElseThrow()));
    }
  }

  /** Stops the dev L1 (its JSON-RPC and beacon API go away until {@link #startL1}). */
  public void stopL1() {
    if (l1 != null) {
      l1.close();
      l1 = null;
    }
  }

  /** Starts an L2 engine and a rollup node on it, named {@code name} (their directories). */
  public RigNode startNode(String name, boolean sequencer) throws Exception {
    RigNode node = keep(new RigNode(this, name, sequencer));
    node.startEngine();
    node.startNode();
    return node;
  }

  /** An L2 engine and rollup node named {@code name}, not started yet (the rig stops them). */
  public RigNode node(String name, boolean sequencer) {
    return keep(new RigNode(this, name, sequencer));
  }

  /** A batcher posting {@code sequencer}'s blocks as calldata. */
  public TestBatcher batcher(RigNode sequencer) {
    return new TestBatcher(rollup, l1Rpc, sequencer.eth(), DevAccounts.defaults().keys().get(2));
  }

  public RollupConfig rollup() {
    return rollup;
  }

  public Genesis l2Genesis() {
    return l2Genesis;
  }

  public Path dir() {
    return dir;
  }

  public RpcClient l1Rpc() {
    return l1Rpc;
  }

  /** The dev L1's JSON-RPC URL. */
  public URI l1Uri() {
    return URI.create("http://127.0.0.1:" + l1HttpPort + "/");
  }

  URI l1BeaconUri() {
    return URI.create("http://127.0.0.1:" + l1BeaconPort + "/");
  }

  /** The L1 head block number. */
  public long l1Head() {
    return number(l1Rpc, "latest");
  }

  /** The L1 block by number (hash, parentHash, timestamp, ...), or null if there is none. */
  public JsonNode l1Block(long number) {
    JsonNode block = l1Rpc.call("eth_getBlockByNumber", quantity(number), false);
    return block == null || block.isNull() ? null : block;
  }

  /** Rewinds the dev L1 to {@code number}: the next blocks build a new branch on it. */
  public void setL1Head(long number) {
    l1Rpc.call("debug_setHead", quantity(number));
  }

  /** An address's balance on an L1 or L2 JSON-RPC endpoint. */
  public static io.merapi.base.uint.UInt256 balance(RpcClient rpc, Address address) {
    return io.merapi.base.uint.UInt256.fromQuantity(
        rpc.call("eth_getBalance", address.toHex(), "latest").asText());
  }

  static RpcClient client(URI uri) {
    return HttpRpcClient.create(uri, RpcClientOptions.defaults());
  }

  static String quantity(long number) {
    return "0x" + Long.toHexString(number);
  }

  /** A block's number by tag or number on a JSON-RPC endpoint. */
  public static long number(RpcClient rpc, String tag) {
    return Long.decode(rpc.call("eth_getBlockByNumber", tag, false).get("number").asText());
  }

  /**
   * Waits until {@code condition} holds, checking every 200 ms for at most {@link #TIMEOUT}; a
   * service still starting or restarting (an exception) counts as "not yet".
   */
  public static void awaitTrue(BooleanSupplier condition, String what) {
    awaitTrue(condition, what, TIMEOUT);
  }

  public static void awaitTrue(BooleanSupplier condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      sleep(200);
    }
    AssertionError error = new AssertionError("timed out waiting until " + what);
    if (last != null) {
      error.addSuppressed(last);
    }
    throw error;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  <T extends AutoCloseable> T keep(T resource) {
    started.add(resource);
    return resource;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the rig failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    started.clear();
    stopL1();
    if (failure != null) {
      throw failure;
    }
  }
}
