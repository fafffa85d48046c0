package io.merapi.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.driver.DriverConfig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.config.RollupConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup on loopback: a dev L1, the L1 contracts deployed on it, two L2 engines ({@code merapi
 * execution} on the written genesis), a sequencer node and a verifier node ({@link
 * RollupNodeService}), and a test batcher posting the sequencer's blocks as calldata. The verifier
 * derives from L1 alone and must reach the sequencer's chain block for block; a deposit made on L1
 * must reach both L2s; finality must follow the L1's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupNodeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dir;

  private final List<AutoCloseable> started = new ArrayList<>();
  private ExecutionNode l1;
  private RpcClient l1Rpc;
  private RollupConfig rollup;
  private io.merapi.types.config.Genesis l2Genesis;
  private ExecutionNode seqEngine;
  private ExecutionNode verEngine;
  private RollupNodeService sequencer;
  private RollupNodeService verifier;
  private RpcClient seqL2;
  private RpcClient verL2;
  private RpcClient seqNode;
  private RpcClient verNode;
  private TestBatcher batcher;

  @BeforeAll
  void startRollup() throws Exception {
    l1 =
        keep(
            ExecutionNode.start(
                ExecutionNodeConfig.builder()
                    .datadir(dir.resolve("l1"))
                    .http(Optional.of(RpcServerConfig.httpDefaults().withPort(0)))
                    .ws(Optional.empty())
                    .authRpc(
                        Optional.of(RpcServerConfig.engineApi(JwtSecret.generate()).withPort(0)))
                    .dev(
                        Optional.of(
                            new ExecutionNodeConfig.DevSettings(
                                1,
                                2,
                                4,
                                Optional.of(
                                    new ExecutionNodeConfig.BeaconEndpoint("127.0.0.1", 0)))))
                    .build()));
    l1Rpc = keep(client(l1.httpUri().orElseThrow()));
    DevAccounts accounts = DevAccounts.defaults();
    DeployConfig deployConfig =
        DeployConfig.fromJson(
            io.merapi.rpc.RpcJson.mapper()
                .readTree(
                    "{\"l1ChainID\": 1337, \"l2BlockTime\": 1, \"sequencerWindowSize\": 20,"
                        + " \"channelTimeout\": 10}"));
    RollupDeployer.Output deployed =
        RollupDeployer.deploy(
            new RpcTransactor(l1Rpc, accounts.keys().get(0), Duration.ofSeconds(60)),
            l1Rpc,
            deployConfig);
    deployed.write(dir.resolve("rollup"));
    rollup = deployed.rollup();
    l2Genesis = deployed.l2Genesis();

    seqEngine = keep(startEngine("seq-engine"));
    verEngine = keep(startEngine("ver-engine"));
    seqL2 = keep(client(seqEngine.httpUri().orElseThrow()));
    verL2 = keep(client(verEngine.httpUri().orElseThrow()));

    sequencer = keep(RollupNodeService.start(nodeConfig(seqEngine, "seq", true)));
    verifier = keep(RollupNodeService.start(nodeConfig(verEngine, "ver", false)));
    seqNode = keep(client(sequencer.rpcUri()));
    verNode = keep(client(verifier.rpcUri()));
    batcher = new TestBatcher(rollup, l1Rpc, seqL2, accounts.keys().get(2));
  }

  @AfterAll
  void stop() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  @Test
  void theVerifierDerivesTheSequencersChainFromL1AndDepositsArrive() throws Exception {
    // The sequencer builds unsafe blocks on its own.
    awaitTrue(() -> number(seqL2, "latest") >= 8, "sequencer builds blocks");

    // A deposit on L1: ether to a fresh address on L2.
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000d0e05");
    Secp256k1.PrivateKey depositor = DevAccounts.defaults().keys().get(3);
    RpcTransactor transactor = new RpcTransactor(l1Rpc, depositor, Duration.ofSeconds(60));
    UInt256 amount = UInt256.valueOf(1_000_000_000_000_000L);
    transactor.send(
        "deposit",
        rollup.depositContractAddress(),
        OptimismPortal2.depositTransaction(recipient, amount, 100_000, false, Bytes.EMPTY),
        amount);
    awaitTrue(
        () -> balance(seqL2, recipient).equals(amount), "the deposit reaches the sequencer's L2");

    // Batches: everything the sequencer built so far.
    long target = number(seqL2, "latest");
    batcher.postUpTo(target);
    awaitTrue(
        () -> safeNumber(verNode) >= target, "the verifier's safe head reaches block " + target);
    for (long n = 1; n <= target; n++) {
      assertThat(hash(verL2, n)).as("block %d", n).isEqualTo(hash(seqL2, n));
    }
    assertThat(balance(verL2, recipient)).isEqualTo(amount);
    awaitTrue(() -> safeNumber(seqNode) >= target, "the sequencer's own safe head follows");

    // The dev L1 finalizes its blocks at once: L2 finality follows.
    awaitTrue(
        () -> status(verNode).at("/finalized_l2/number").asLong() >= target,
        "the verifier's finalized head follows the L1's");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private ExecutionNode startEngine(String name) {
    Path datadir = dir.resolve(name);
    return ExecutionNode.start(
        ExecutionNodeConfig.builder()
            .datadir(datadir)
            .genesis(l2Genesis)
            .http(Optional.of(RpcServerConfig.httpDefaults().withPort(0)))
            .ws(Optional.empty())
            .authRpc(Optional.of(RpcServerConfig.engineApi(JwtSecret.generate()).withPort(0)))
            .build());
  }

  private NodeConfig nodeConfig(ExecutionNode engine, String name, boolean sequencer)
      throws Exception {
    Path jwt = dir.resolve(name + ".jwt");
    Files.writeString(jwt, Hex.encode(engine.jwtSecret().orElseThrow().key()));
    return new NodeConfig(
        l1.httpUri().orElseThrow(),
        l1.beaconUri(),
        false,
        false,
        "standard",
        engine.authRpcUri().orElseThrow(),
        jwt,
        rollup,
        "127.0.0.1",
        0,
        true,
        new DriverConfig(sequencer, false, 0, 0, Duration.ofMillis(250)),
        Optional.of(dir.resolve(name + "-safedb")),
        Optional.empty());
  }

  private static RpcClient client(java.net.URI uri) {
    return HttpRpcClient.create(uri, RpcClientOptions.defaults());
  }

  private <T extends AutoCloseable> T keep(T resource) {
    started.add(resource);
    return resource;
  }

  private static long number(RpcClient rpc, String tag) {
    return Long.decode(rpc.call("eth_getBlockByNumber", tag, false).get("number").asText());
  }

  private static String hash(RpcClient rpc, long number) {
    return rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(number), false)
        .get("hash")
        .asText();
  }

  private static UInt256 balance(RpcClient rpc, Address address) {
    return UInt256.fromQuantity(rpc.call("eth_getBalance", address.toHex(), "latest").asText());
  }

  private static JsonNode status(RpcClient node) {
    return node.call("optimism_syncStatus");
  }

  private static long safeNumber(RpcClient node) {
    return status(node).at("/safe_l2/number").asLong();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // a service still starting: try again
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
