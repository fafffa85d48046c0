package io.merapi.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.contracts.universal.Multicall3;
import io.merapi.deployer.l1.L1Deployer;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.deployer.l2.L2GenesisBuilder;
import io.merapi.deployer.tx.DeploymentException;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.deployer.tx.SandboxTransactor;
import io.merapi.deployer.tx.Transactor;
import io.merapi.evm.EvmConfig;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.execution.genesis.GenesisJson;
import io.merapi.rpc.client.RpcClient;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A whole rollup deployment: the L1 contracts (on a running L1, or laid into an L1 genesis), the L2
 * genesis that starts from the L1 block where the SystemConfig was initialized, and op-node's
 * rollup config tying the two together — what op-deployer writes for a new chain.
 */
public final class RollupDeployer {
  private RollupDeployer() {}

  /** What a deployment produced. */
  public record Output(
      L1Deployment l1, Genesis l2Genesis, Hash l2GenesisHash, RollupConfig rollup) {
    /**
     * Writes {@code addresses.json}, {@code genesis.json} and {@code rollup.json} into {@code dir}.
     */
    public void write(Path dir) throws IOException {
      Files.createDirectories(dir);
      JsonFiles.write(dir.resolve("addresses.json"), l1.toJson());
      JsonFiles.write(dir.resolve("genesis.json"), GenesisJson.toJson(l2Genesis));
      JsonFiles.write(dir.resolve("rollup.json"), rollup.toJson());
    }

    /**
     * Reads what {@link #write} wrote into {@code dir}; the L2 genesis hash is the one the rollup
     * config names (the engine re-checks it against the genesis when it opens its chain).
     */
    public static Output read(Path dir) throws IOException {
      ObjectMapper json = new ObjectMapper();
      L1Deployment l1 =
          L1Deployment.fromJson(json.readTree(dir.resolve("addresses.json").toFile()));
      Genesis l2Genesis = Genesis.read(dir.resolve("genesis.json"));
      RollupConfig rollup = RollupConfig.read(dir.resolve("rollup.json"));
      return new Output(l1, l2Genesis, rollup.genesis().l2().hash(), rollup);
    }
  }

  /** The L1 block a rollup starts from: its number, hash and time. */
  public record L1Start(long number, Hash hash, long timestamp) {}

  /** Deploys on a running L1 through {@code transactor}; {@code l1} reads its blocks. */
  public static Output deploy(RpcTransactor transactor, RpcClient l1, DeployConfig config) {
    if (transactor.chainId() != config.l1ChainId()) {
      throw new DeploymentException(
          "the L1 has chain id "
              + transactor.chainId()
              + " but the deploy config says l1ChainID "
              + config.l1ChainId());
    }
    L1Deployment deployment = new L1Deployer(transactor, config).deploy();
    long startBlock =
        transactor.call(deployment.systemConfigProxy(), SystemConfig.startBlock()).toLongExact();
    JsonNode block =
        l1.call("eth_getBlockByNumber", UInt256.valueOf(startBlock).toQuantity(), false);
    if (block == null || block.isNull()) {
      throw new DeploymentException("the L1 has no block " + startBlock);
    }
    L1Start start =
        new L1Start(
            startBlock,
            Hash.fromHex(block.path("hash").asText()),
            UInt256.fromQuantity(block.path("timestamp").asText()).toLongExact());
    return complete(config, deployment, start, transactor);
  }

  /** An L1 genesis with the rollup's contracts in it, and the rollup those contracts anchor. */
  public record GenesisDeployment(Genesis l1Genesis, Output output) {}

  /**
   * Lays the L1 contracts into {@code l1Genesis}: the deployment runs, from {@code deployer}, in a
   * sandbox on the genesis state, and the resulting accounts become the genesis allocation. The
   * rollup then starts at the L1 genesis block.
   */
  public static GenesisDeployment intoL1Genesis(
      Genesis l1Genesis, Address deployer, DeployConfig config) {
    return intoL1Genesis(l1Genesis, deployer, config, UInt256.ZERO);
  }

  /**
   * ...with {@code portalBalance} wei in the OptimismPortal: the L1 backing of ETH that the L2
   * genesis credits (a devnet's funded accounts), which withdrawals pay out from. Without it a
   * withdrawal of genesis ETH is proven and finalized but its payout fails, as on any chain whose
   * L2 ETH never came through the portal.
   */
  public static GenesisDeployment intoL1Genesis(
      Genesis l1Genesis, Address deployer, DeployConfig config, UInt256 portalBalance) {
    if (l1Genesis.config().chainId() != config.l1ChainId()) {
      throw new DeploymentException(
          "the L1 genesis has chain id "
              + l1Genesis.config().chainId()
              + " but the deploy config says l1ChainID "
              + config.l1ChainId());
    }
    Sandbox sandbox =
        new Sandbox(
            EvmConfig.l1(
                l1Genesis.config().forkAt(l1Genesis.number(), l1Genesis.timestamp()),
                config.l1ChainId()),
            l1Genesis.number(),
            l1Genesis.timestamp());
    l1Genesis.alloc().forEach(sandbox::put);
    if (sandbox.account(deployer).isEmpty()) {
      sandbox.put(deployer, new GenesisAccount(UInt256.ZERO, 0, Bytes.EMPTY, Map.of()));
    }
    Transactor transactor = new SandboxTransactor(sandbox, deployer);
    L1Deployment deployment = new L1Deployer(transactor, config).deploy();
    if (!portalBalance.isZero()) {
      Address portal = deployment.optimismPortalProxy();
      GenesisAccount account = sandbox.account(portal).orElseThrow();
      sandbox.put(
          portal,
          new GenesisAccount(
              account.balance().add(portalBalance),
              account.nonce(),
              account.code(),
              account.storage()));
    }
    // viem's multicall looks for Multicall3 at its canonical address on every chain.
    if (sandbox.account(L2GenesisBuilder.MULTICALL3).isEmpty()) {
      sandbox.deployAt(L2GenesisBuilder.MULTICALL3, deployer, Bytes.wrap(Multicall3.deployment()));
    }
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>(sandbox.accounts());
    Genesis withContracts =
        new Genesis(
            l1Genesis.config(),
            l1Genesis.nonce(),
            l1Genesis.timestamp(),
            l1Genesis.extraData(),
            l1Genesis.gasLimit(),
            l1Genesis.difficulty(),
            l1Genesis.mixHash(),
            l1Genesis.coinbase(),
            alloc,
            l1Genesis.number(),
            l1Genesis.gasUsed(),
            l1Genesis.parentHash(),
            l1Genesis.baseFeePerGas(),
            l1Genesis.excessBlobGas(),
            l1Genesis.blobGasUsed(),
            Optional.empty());
    GenesisBlock block = GenesisBlock.of(withContracts);
    L1Start start = new L1Start(block.header().number(), block.hash(), block.header().timestamp());
    return new GenesisDeployment(withContracts, complete(config, deployment, start, transactor));
  }

  private static Output complete(
      DeployConfig config, L1Deployment deployment, L1Start start, Transactor transactor) {
    Address systemConfig = deployment.systemConfigProxy();
    // The L2 genesis's fee parameters. With Ecotone at genesis they are the SystemConfig's own
    // (its initializer stores the Ecotone-packed scalar). A chain born before Ecotone prices L1
    // data with the Bedrock formula, which reads overhead and scalar as plain numbers: those come
    // from the deploy config, as op-chain-ops writes them; Ecotone's upgrade switches the formula.
    boolean ecotoneAtGenesis = isActiveAtGenesis(config, OpFork.ECOTONE);
    Hash overhead =
        ecotoneAtGenesis
            ? transactor.call(systemConfig, SystemConfig.overhead()).toHash()
            : UInt256.valueOf(config.gasPriceOracleOverhead()).toHash();
    Hash scalar =
        ecotoneAtGenesis
            ? transactor.call(systemConfig, SystemConfig.scalar()).toHash()
            : UInt256.valueOf(config.gasPriceOracleScalar()).toHash();
    RollupConfig.SystemConfig genesisSystemConfig =
        new RollupConfig.SystemConfig(
            config.batchSenderAddress(),
            overhead,
            scalar,
            transactor.call(systemConfig, SystemConfig.gasLimit()),
            isActiveAtGenesis(config, OpFork.HOLOCENE)
                ? Optional.of(Bytes.wrap(new byte[8]))
                : Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
    // First with a placeholder L2 hash: the L2 rules come from the rollup config, and the genesis
    // block's hash from the genesis those rules build.
    RollupConfig draft = rollupConfig(config, deployment, start, Hash.ZERO, genesisSystemConfig);
    Genesis l2Genesis =
        L2GenesisBuilder.build(config, deployment, draft.chainConfig(), start.timestamp());
    Hash l2Hash = GenesisBlock.of(l2Genesis).hash();
    RollupConfig rollup = rollupConfig(config, deployment, start, l2Hash, genesisSystemConfig);
    return new Output(deployment, l2Genesis, l2Hash, rollup);
  }

  private static boolean isActiveAtGenesis(DeployConfig config, OpFork fork) {
    Long offset = config.l2ForkOffsets().get(fork);
    return offset != null && offset == 0;
  }

  static RollupConfig rollupConfig(
      DeployConfig config,
      L1Deployment deployment,
      L1Start start,
      Hash l2GenesisHash,
      RollupConfig.SystemConfig systemConfig) {
    Map<OpFork, Long> forkTimes = new EnumMap<>(OpFork.class);
    config
        .l2ForkOffsets()
        .forEach((fork, offset) -> forkTimes.put(fork, start.timestamp() + offset));
    return new RollupConfig(
        new RollupConfig.RollupGenesis(
            new RollupConfig.BlockId(start.hash(), start.number()),
            new RollupConfig.BlockId(l2GenesisHash, 0),
            start.timestamp(),
            systemConfig),
        config.l2BlockTime(),
        config.maxSequencerDrift(),
        config.sequencerWindowSize(),
        config.channelTimeout(),
        config.l1ChainId(),
        config.l2ChainId(),
        forkTimes,
        OptionalLong.empty(),
        Map.of(),
        config.batchInboxAddress(),
        deployment.optimismPortalProxy(),
        deployment.systemConfigProxy(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(
            new OptimismConfig(
                config.eip1559Elasticity(),
                config.eip1559Denominator(),
                OptionalLong.of(config.eip1559DenominatorCanyon()))));
  }
}
