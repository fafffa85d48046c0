package io.merapi.devnet.info;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.deployer.l2.L2GenesisBuilder;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.ChainSettings;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.state.op.Predeploys;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a user or a script needs to reach the devnet, written to {@code <datadir>/devnet.json}
 * in a fixed shape (the keys first, more after them): endpoints, chain ids, contract
 * addresses under the names viem's chain definitions use, the roles, the funded accounts with their
 * keys, and where the chain files are.
 *
 * @param chain the chain files the devnet runs
 * @param endpoints where it serves
 * @param proposalInterval how often the proposer creates a game (dispute games only)
 * @param dir the data directory (for the paths of its files)
 */
public record DevnetInfo(
    ChainFiles chain, Endpoints endpoints, Duration proposalInterval, DevnetDir dir) {
  public DevnetInfo {
    Objects.requireNonNull(chain);
    Objects.requireNonNull(endpoints);
    Objects.requireNonNull(proposalInterval);
    Objects.requireNonNull(dir);
  }

  /** The same devnet with the block explorer that serves it at {@code uri}. */
  public DevnetInfo withExplorer(URI uri) {
    return new DevnetInfo(chain, endpoints.withExplorer(uri), proposalInterval, dir);
  }

  /** The L1 contracts users call, proxies under their plain names, then the helpers. */
  public Map<String, Address> l1Contracts() {
    L1Deployment l1 = chain.rollup().l1();
    Map<String, Address> names = new LinkedHashMap<>();
    names.put("OptimismPortal", l1.optimismPortalProxy());
    l1.disputeGameFactoryProxy().ifPresent(a -> names.put("DisputeGameFactory", a));
    l1.l2OutputOracleProxy().ifPresent(a -> names.put("L2OutputOracle", a));
    names.put("SystemConfig", l1.systemConfigProxy());
    names.put("L1CrossDomainMessenger", l1.l1CrossDomainMessengerProxy());
    names.put("L1StandardBridge", l1.l1StandardBridgeProxy());
    names.put("OptimismMintableERC20Factory", l1.optimismMintableERC20FactoryProxy());
    names.put("SuperchainConfig", l1.superchainConfigProxy());
    names.put("ProxyAdmin", l1.proxyAdmin());
    l1.fastDisputeGame().ifPresent(a -> names.put("FastDisputeGame", a));
    names.put("Multicall3", L2GenesisBuilder.MULTICALL3);
    names.put("WETH", DevnetGenesis.L1_WETH);
    return names;
  }

  /** The L2 predeploys users call. */
  public static Map<String, Address> l2Contracts() {
    Map<String, Address> names = new LinkedHashMap<>();
    names.put("L2ToL1MessagePasser", Predeploys.L2_TO_L1_MESSAGE_PASSER);
    names.put("L2CrossDomainMessenger", L2GenesisBuilder.L2_CROSS_DOMAIN_MESSENGER);
    names.put("L2StandardBridge", L2GenesisBuilder.L2_STANDARD_BRIDGE);
    names.put("OptimismMintableERC20Factory", L2GenesisBuilder.OPTIMISM_MINTABLE_ERC20_FACTORY);
    names.put("GasPriceOracle", Predeploys.GAS_PRICE_ORACLE);
    names.put("L1Block", Predeploys.L1_BLOCK);
    names.put("WETH", Predeploys.WETH);
    names.put("SequencerFeeVault", Predeploys.SEQUENCER_FEE_VAULT);
    names.put("BaseFeeVault", Predeploys.BASE_FEE_VAULT);
    names.put("L1FeeVault", Predeploys.L1_FEE_VAULT);
    names.put("ProxyAdmin", L2GenesisBuilder.PROXY_ADMIN);
    names.put("Multicall3", L2GenesisBuilder.MULTICALL3);
    names.put("Create2Deployer", Predeploys.CREATE2_DEPLOYER);
    return names;
  }

  /** The accounts the devnet's own services send from, by role. */
  public static Map<String, Address> roles() {
    List<Address> accounts = DevAccounts.defaults().addresses();
    Map<String, Address> roles = new LinkedHashMap<>();
    roles.put("proposer", accounts.get(DevnetGenesis.PROPOSER_ACCOUNT));
    roles.put("batcher", accounts.get(DevnetGenesis.BATCHER_ACCOUNT));
    roles.put("challenger", accounts.get(DevnetGenesis.CHALLENGER_ACCOUNT));
    roles.put("deployer", DevnetGenesis.DEPLOYER);
    return roles;
  }

  /** {@code devnet.json}. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode json = f.objectNode();
    ChainSettings settings = chain.settings();

    ObjectNode l1 = json.putObject("l1");
    l1.put("chainId", chain.rollup().rollup().l1ChainId());
    l1.put("rpc", Endpoints.plain(endpoints.l1Rpc()));
    l1.put("beacon", Endpoints.plain(endpoints.l1Beacon()));
    l1.put("ws", Endpoints.plain(endpoints.l1Ws()));
    l1.put("blockTime", settings.l1BlockTime());
    l1.put("genesisHash", chain.l1GenesisHash().toHex());

    ObjectNode l2 = json.putObject("l2");
    l2.put("chainId", chain.rollup().rollup().l2ChainId());
    l2.put("rpc", Endpoints.plain(endpoints.l2Rpc()));
    l2.put("ws", Endpoints.plain(endpoints.l2Ws()));
    l2.put("node", Endpoints.plain(endpoints.node()));
    putOptional(l2, "verifierRpc", endpoints.verifierRpc());
    putOptional(l2, "verifierNode", endpoints.verifierNode());
    l2.put("engine", Endpoints.plain(endpoints.l2Engine()));
    l2.put("jwtSecret", dir.jwtSecret().toString());
    l2.put("blockTime", settings.l2BlockTime());
    l2.put("genesisHash", chain.l2GenesisHash().toHex());
    l2.put("batcher", Endpoints.plain(endpoints.batcher()));
    l2.put("proposer", Endpoints.plain(endpoints.proposer()));

    if (!endpoints.metrics().isEmpty()) {
      ObjectNode metrics = json.putObject("metrics");
      endpoints.metrics().forEach((role, uri) -> metrics.put(role, uri.toString()));
    }

    // null when no explorer serves this devnet (merapi devnet --explorer=false, or a library user).
    putOptional(json, "explorer", endpoints.explorer());

    ObjectNode l1Contracts = json.putObject("l1Contracts");
    l1Contracts().forEach((name, address) -> l1Contracts.put(name, address.toChecksumHex()));
    ObjectNode l2Contracts = json.putObject("l2Contracts");
    l2Contracts().forEach((name, address) -> l2Contracts.put(name, address.toChecksumHex()));

    ObjectNode proofs = json.putObject("proofs");
    proofs.put("type", settings.proofs().flag());
    switch (settings.proofs()) {
      case ChainSettings.DisputeGames games -> {
        proofs.put("gameType", io.merapi.deployer.DeployConfig.FAST_GAME_TYPE);
        proofs.put("proposalInterval", proposalInterval.toSeconds());
        proofs.put("proofMaturityDelaySeconds", games.proofMaturityDelaySeconds());
        proofs.put("disputeGameFinalityDelaySeconds", games.disputeGameFinalityDelaySeconds());
      }
      case ChainSettings.OutputOracle oracle -> {
        proofs.put("submissionInterval", oracle.submissionInterval());
        proofs.put("finalizationPeriodSeconds", oracle.finalizationPeriodSeconds());
      }
    }

    ObjectNode roles = json.putObject("roles");
    roles().forEach((name, address) -> roles.put(name, address.toChecksumHex()));

    DevAccounts dev = DevAccounts.defaults();
    ArrayNode accounts = json.putArray("accounts");
    for (Secp256k1.PrivateKey key : dev.keys()) {
      ObjectNode account = accounts.addObject();
      account.put("address", key.address().toChecksumHex());
      account.put("privateKey", Hex.encode(key.toBytes()));
    }
    json.put("mnemonic", dev.mnemonic());
    json.put("derivationPath", DevAccounts.PATH_PREFIX + "{index}");

    ObjectNode files = json.putObject("files");
    files.put("l1Genesis", dir.l1GenesisFile().toString());
    files.put("l2Genesis", dir.rollupDir().resolve("genesis.json").toString());
    files.put("rollupConfig", dir.rollupDir().resolve("rollup.json").toString());
    files.put("addresses", dir.rollupDir().resolve("addresses.json").toString());
    return json;
  }

  private static void putOptional(ObjectNode json, String key, java.util.Optional<URI> uri) {
    if (uri.isPresent()) {
      json.put(key, Endpoints.plain(uri.get()));
    } else {
      json.putNull(key);
    }
  }
}
