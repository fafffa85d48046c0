package io.merapi.devnet.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.WETH;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.RollupDeployer;
import io.merapi.deployer.l2.L2GenesisBuilder;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the devnet's chains from its settings, as the OP Stack's devnet does: the dev L1 (chain
 * 900) funding the ten "test test … junk" accounts with the rollup's contracts laid into its
 * genesis (no deployment transactions to wait for, and the rollup starts at L1 block 0), and the L2
 * genesis (chain 901) with every predeploy and every supported fork active. Pure: the same settings
 * and {@code t0} give the same files.
 */
public final class DevnetGenesis {
  public static final long L1_CHAIN_ID = 900;
  public static final long L2_CHAIN_ID = 901;

  /**
   * Deploys the L1 contracts inside the genesis sandbox. Not account #0: its L1 nonce would then
   * start at the number of deployment transactions, moving the addresses a user's first contracts
   * get from the ones Hardhat and Anvil give them.
   */
  public static final Address DEPLOYER = L2GenesisBuilder.label("merapi devnet deployer");

  /**
   * Wrapped ether on L1, in the genesis: the ERC-20 users and tests bridge to L2 (where its twin
   * comes from the OptimismMintableERC20Factory) without deploying a token first.
   */
  public static final Address L1_WETH = L2GenesisBuilder.label("merapi devnet L1 WETH");

  /**
   * The dev accounts the OP devnet template gives roles to: the proposer, the batcher and the
   * challenger (whose key resolves the fast games). Users should not send from them.
   */
  public static final int PROPOSER_ACCOUNT = 1;

  public static final int BATCHER_ACCOUNT = 2;
  public static final int CHALLENGER_ACCOUNT = 4;

  private DevnetGenesis() {}

  /**
   * The chains for {@code settings}, with both genesis blocks at {@code t0} (seconds; the devnet
   * stamps them a moment before it starts, so the L2 has no wall clock to catch up with).
   */
  public static ChainFiles build(ChainSettings settings, long t0) {
    DeployConfig config = deployConfig(settings, t0);
    Genesis dev =
        DevGenesis.of(
            DevAccounts.defaults().addresses(),
            DevGenesis.BALANCE,
            L1_CHAIN_ID,
            DevGenesis.GAS_LIMIT);
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>(dev.alloc());
    // WETH has no constructor and no immutables: its runtime code is the whole contract.
    alloc.put(
        L1_WETH, new GenesisAccount(UInt256.ZERO, 1, WETH.ARTIFACT.deployedBytecode(), Map.of()));
    Genesis base = Genesis.of(dev.config(), t0, dev.gasLimit(), alloc);
    RollupDeployer.GenesisDeployment deployed =
        RollupDeployer.intoL1Genesis(base, DEPLOYER, config, l2GenesisEth());
    return new ChainFiles(settings, deployed.l1Genesis(), deployed.output());
  }

  /**
   * The ETH the L2 genesis credits to the funded accounts, which the portal holds on L1 so that
   * withdrawing it pays out, as if it had been deposited.
   */
  static UInt256 l2GenesisEth() {
    return DevGenesis.BALANCE.multiply(UInt256.valueOf(DevAccounts.defaults().addresses().size()));
  }

  /** The OP devnet template with the devnet's chain ids, block time and proof settings. */
  static DeployConfig deployConfig(ChainSettings settings, long t0) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("l1ChainID", L1_CHAIN_ID);
    json.put("l2ChainID", L2_CHAIN_ID);
    json.put("l2BlockTime", settings.l2BlockTime());
    // The oracle's first output is due at its starting time plus an interval: the L2 genesis time,
    // not the template's 0 (OP's deploy script also defaults it to the L1 start block's time).
    json.put("l2OutputOracleStartingTimestamp", t0);
    switch (settings.proofs()) {
      case ChainSettings.DisputeGames games -> {
        json.put("useFaultProofs", true);
        json.put("respectedGameType", DeployConfig.FAST_GAME_TYPE);
        json.put("proofMaturityDelaySeconds", games.proofMaturityDelaySeconds());
        json.put("disputeGameFinalityDelaySeconds", games.disputeGameFinalityDelaySeconds());
      }
      case ChainSettings.OutputOracle oracle -> {
        json.put("useFaultProofs", false);
        json.put("l2OutputOracleSubmissionInterval", oracle.submissionInterval());
        json.put("finalizationPeriodSeconds", oracle.finalizationPeriodSeconds());
      }
    }
    return DeployConfig.fromJson(json);
  }
}
