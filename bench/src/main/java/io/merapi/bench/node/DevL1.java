package io.merapi.bench.node;

import io.merapi.base.bytes.Address;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.dev.DevMiner;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.config.Genesis;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's L1: {@code merapi execution --dev} in-process, on a genesis that already holds
 * the rollup's L1 contracts ({@link RollupDeployer#intoL1Genesis}, as derive's action tests set up
 * their L1), with its beacon API on a free port.
 *
 * <p>Blocks come only when {@link #mine} is called: the dev producer's timer is stopped at once and
 * its {@link DevMiner#mine} is called directly. The genesis is stamped in the future, so the
 * producer's slot clock is always behind the chain and each block is one slot (12 s) after its
 * parent: an L1 of a few thousand 12-second blocks is built in seconds, as the L2 chain needs for
 * its epochs, and the same flags give the same L1 timestamps on every run.
 */
final class DevL1 implements AutoCloseable {
  static final long SLOT_SECONDS = 12;

  private final ExecutionNode node;
  private final DevMiner miner;
  private final RollupDeployer.Output rollup;

  private DevL1(ExecutionNode node, RollupDeployer.Output rollup) {
    this.node = node;
    this.miner = node.dev().orElseThrow().miner();
    this.rollup = rollup;
  }

  /**
   * Deploys {@code config}'s contracts into an L1 genesis stamped {@code genesisTime} with the dev
   * accounts funded, and starts the dev node on it in {@code datadir}.
   */
  static DevL1 start(Path datadir, DeployConfig config, long genesisTime) {
    List<Address> dev = DevAccounts.defaults().addresses();
    Genesis devGenesis =
        DevGenesis.of(dev, DevGenesis.BALANCE, config.l1ChainId(), DevGenesis.GAS_LIMIT);
    Genesis base =
        Genesis.of(devGenesis.config(), genesisTime, devGenesis.gasLimit(), devGenesis.alloc());
    RollupDeployer.GenesisDeployment deployment =
        RollupDeployer.intoL1Genesis(base, dev.get(0), config);
    ExecutionNode node =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .datadir(datadir)
                .genesis(deployment.l1Genesis())
                .http(Optional.of(RpcServerConfig.httpDefaults().withPort(0)))
                .ws(Optional.empty())
                .authRpc(Optional.of(RpcServerConfig.engineApi(JwtSecret.generate()).withPort(0)))
                .dev(
                    Optional.of(
                        new ExecutionNodeConfig.DevSettings(
                            SLOT_SECONDS,
                            2,
                            4,
                            Optional.of(new ExecutionNodeConfig.BeaconEndpoint("127.0.0.1", 0)))))
                .build());
    DevL1 l1 = new DevL1(node, deployment.output());
    // Blocks on demand only: stop the producer's timer before its first tick (one period away).
    l1.miner.close();
    return l1;
  }

  RollupDeployer.Output rollup() {
    return rollup;
  }

  URI httpUri() {
    return node.httpUri().orElseThrow();
  }

  Optional<URI> beaconUri() {
    return node.beaconUri();
  }

  /** Seals one block with what the pool holds; its timestamp is the parent's plus one slot. */
  long mine() {
    return miner.mine().number();
  }

  long headNumber() {
    return node.chain().head().number();
  }

  long headTime() {
    return node.chain().head().header().timestamp();
  }

  boolean poolEmpty() {
    var pool = node.dev().orElseThrow().pool();
    return pool.ordered(pool.pendingBaseFee()).isEmpty();
  }

  @Override
  public void close() {
    node.close();
  }
}
