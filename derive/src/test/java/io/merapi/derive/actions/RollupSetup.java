package io.merapi.derive.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.RollupConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rollup as the action tests start it (op-e2e's {@code SetupData}): the OP devnet deploy config
 * with a test's changes, its L1 contracts laid into an L1 genesis of the dev accounts (chain 900,
 * Cancun from block 0), and the L2 genesis and rollup config the deployment writes. The roles' keys
 * are the "test test ... junk" accounts the devnet template names.
 */
record RollupSetup(
    DeployConfig deployConfig,
    Genesis l1Genesis,
    Genesis l2Genesis,
    RollupConfig rollup,
    L1Deployment l1Contracts) {

  /** The L1 genesis time (and so the L2 genesis time). */
  static final long L1_GENESIS_TIME = 1_700_000_000;

  static final List<Secp256k1.PrivateKey> DEV_KEYS = DevAccounts.defaults().keys();

  /** The devnet template's batchSenderAddress, 0x3C44...93BC. */
  static final Secp256k1.PrivateKey BATCHER_KEY = DEV_KEYS.get(2);

  /** The account that deploys the L1 contracts. */
  static final Address DEPLOYER = DEV_KEYS.get(0).address();

  /** Users on both layers (funded on L1 by the genesis and on L2 by fundDevAccounts). */
  static final Secp256k1.PrivateKey ALICE = DEV_KEYS.get(6);

  static final Secp256k1.PrivateKey BOB = DEV_KEYS.get(7);

  /**
   * The L1 depositor. Not Alice: a deposit bumps its sender's L2 nonce, which would invalidate the
   * L2 transactions Alice already signed.
   */
  static final Secp256k1.PrivateKey CAROL = DEV_KEYS.get(8);

  private static final ObjectMapper JSON = new ObjectMapper();

  // A deployment depends only on its config; tests with equal configs share one.
  private static final Map<String, RollupSetup> CACHE = new ConcurrentHashMap<>();

  /**
   * The rollup of the devnet template changed by {@code overrides} (deploy-config fields, e.g.
   * {@code "l2GenesisEcotoneTimeOffset": 24}; a JSON null disables a fork).
   */
  static RollupSetup of(Map<String, Object> overrides) {
    ObjectNode json = JSON.createObjectNode();
    new TreeMap<>(overrides)
        .forEach(
            (k, v) -> {
              if (v == null) {
                json.putNull(k);
              } else {
                json.set(k, JSON.valueToTree(v));
              }
            });
    return CACHE.computeIfAbsent(json.toString(), key -> deploy(json));
  }

  private static RollupSetup deploy(ObjectNode json) {
    DeployConfig config = DeployConfig.fromJson(json);
    if (!config.batchSenderAddress().equals(BATCHER_KEY.address())) {
      throw new IllegalArgumentException("the batcher key is not the config's batchSenderAddress");
    }
    Genesis dev =
        DevGenesis.of(
            DevAccounts.defaults().addresses(),
            DevGenesis.BALANCE,
            config.l1ChainId(),
            DevGenesis.GAS_LIMIT);
    Genesis l1Base = Genesis.of(dev.config(), L1_GENESIS_TIME, dev.gasLimit(), dev.alloc());
    RollupDeployer.GenesisDeployment d = RollupDeployer.intoL1Genesis(l1Base, DEPLOYER, config);
    return new RollupSetup(
        config, d.l1Genesis(), d.output().l2Genesis(), d.output().rollup(), d.output().l1());
  }
}
