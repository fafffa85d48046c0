package io.merapi.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l1.SuperchainConfig;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.contracts.universal.Multicall3;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.deployer.l2.L2GenesisBuilder;
import io.merapi.deployer.tx.DeploymentException;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole deployment laid into an L1 genesis (as the devnet starts) with the OP devnet template:
 * every proxy initialized and owned as configured, and the rollup config and L2 genesis tied to the
 * L1 genesis block, for both proof systems.
 */
class RollupDeployerTest {
  static final long L1_TIME = 1_700_000_000;
  static final Address DEPLOYER = DevAccounts.defaults().addresses().get(0);

  /** The dev L1 with the template's chain id, started at {@link #L1_TIME}. */
  static Genesis l1Base() {
    Genesis dev =
        DevGenesis.of(DevAccounts.defaults().addresses(), DevGenesis.BALANCE, 900, 30_000_000);
    return Genesis.of(dev.config(), L1_TIME, dev.gasLimit(), dev.alloc());
  }

  static DeployConfig withoutFaultProofs() throws Exception {
    return DeployConfig.fromJson(new ObjectMapper().readTree("{\"useFaultProofs\": false}"));
  }

  @Test
  void faultProofDeploymentIsInitializedAndOwnedAsConfigured() {
    DeployConfig config = DeployConfig.devnet();
    RollupDeployer.GenesisDeployment d = RollupDeployer.intoL1Genesis(l1Base(), DEPLOYER, config);
    L1Deployment l1 = d.output().l1();
    GenesisChain chain = new GenesisChain(d.l1Genesis(), 12);

    for (Address proxy :
        List.of(
            l1.superchainConfigProxy(),
            l1.systemConfigProxy(),
            l1.optimismPortalProxy(),
            l1.l1CrossDomainMessengerProxy(),
            l1.l1StandardBridgeProxy(),
            l1.optimismMintableERC20FactoryProxy(),
            l1.disputeGameFactoryProxy().orElseThrow())) {
      assertThat(chain.call(l1.proxyAdmin(), ProxyAdmin.getProxyAdmin(proxy)))
          .isEqualTo(l1.proxyAdmin());
    }
    assertThat(chain.call(l1.proxyAdmin(), ProxyAdmin.owner())).isEqualTo(config.proxyAdminOwner());
    assertThat(
            chain.call(
                l1.proxyAdmin(), ProxyAdmin.getProxyImplementation(l1.optimismPortalProxy())))
        .isEqualTo(l1.optimismPortal());

    Address portal = l1.optimismPortalProxy();
    assertThat(chain.call(portal, OptimismPortal2.version())).startsWith("3.");
    assertThat(chain.call(portal, OptimismPortal2.respectedGameType())).isEqualTo(254L);
    assertThat(chain.call(portal, OptimismPortal2.disputeGameFactory()))
        .isEqualTo(l1.disputeGameFactoryProxy().orElseThrow());
    assertThat(chain.call(portal, OptimismPortal2.systemConfig()))
        .isEqualTo(l1.systemConfigProxy());
    assertThat(chain.call(portal, OptimismPortal2.superchainConfig()))
        .isEqualTo(l1.superchainConfigProxy());
    assertThat(chain.call(portal, OptimismPortal2.proofMaturityDelaySeconds()))
        .isEqualTo(UInt256.valueOf(12));
    assertThat(chain.call(portal, OptimismPortal2.disputeGameFinalityDelaySeconds()))
        .isEqualTo(UInt256.valueOf(6));
    assertThat(chain.call(portal, OptimismPortal2.guardian()))
        .isEqualTo(config.superchainConfigGuardian());
    assertThat(chain.call(l1.superchainConfigProxy(), SuperchainConfig.paused())).isFalse();

    Address dgf = l1.disputeGameFactoryProxy().orElseThrow();
    assertThat(chain.call(dgf, DisputeGameFactory.owner())).isEqualTo(config.finalSystemOwner());
    assertThat(chain.call(dgf, DisputeGameFactory.gameImpls(254)))
        .isEqualTo(l1.fastDisputeGame().orElseThrow());
    assertThat(chain.call(dgf, DisputeGameFactory.gameImpls(1)))
        .isEqualTo(l1.permissionedDisputeGame().orElseThrow());

    Address systemConfig = l1.systemConfigProxy();
    assertThat(chain.call(systemConfig, SystemConfig.owner())).isEqualTo(config.finalSystemOwner());
    assertThat(chain.call(systemConfig, SystemConfig.batcherHash()))
        .isEqualTo(Hash.leftPad(config.batchSenderAddress().array()));
    assertThat(chain.call(systemConfig, SystemConfig.gasLimit())).isEqualTo(30_000_000L);
    assertThat(chain.call(systemConfig, SystemConfig.unsafeBlockSigner()))
        .isEqualTo(config.p2pSequencerAddress());
    assertThat(chain.call(systemConfig, SystemConfig.batchInbox()))
        .isEqualTo(config.batchInboxAddress());
    assertThat(chain.call(systemConfig, SystemConfig.optimismPortal())).isEqualTo(portal);
    assertThat(chain.call(systemConfig, SystemConfig.l1CrossDomainMessenger()))
        .isEqualTo(l1.l1CrossDomainMessengerProxy());
    assertThat(chain.call(systemConfig, SystemConfig.l1StandardBridge()))
        .isEqualTo(l1.l1StandardBridgeProxy());
    assertThat(chain.call(systemConfig, SystemConfig.disputeGameFactory())).isEqualTo(dgf);
    assertThat(chain.call(systemConfig, SystemConfig.optimismMintableERC20Factory()))
        .isEqualTo(l1.optimismMintableERC20FactoryProxy());
    assertThat(chain.call(systemConfig, SystemConfig.basefeeScalar())).isEqualTo(1368L);
    assertThat(chain.call(systemConfig, SystemConfig.blobbasefeeScalar())).isEqualTo(810949L);
    assertThat(chain.call(systemConfig, SystemConfig.startBlock())).isEqualTo(UInt256.ZERO);

    Address messenger = l1.l1CrossDomainMessengerProxy();
    assertThat(chain.call(messenger, L1CrossDomainMessenger.PORTAL())).isEqualTo(portal);
    assertThat(chain.call(messenger, L1CrossDomainMessenger.OTHER_MESSENGER()))
        .isEqualTo(Address.fromHex("0x4200000000000000000000000000000000000007"));
    Address bridge = l1.l1StandardBridgeProxy();
    assertThat(chain.call(bridge, L1StandardBridge.MESSENGER())).isEqualTo(messenger);
    assertThat(chain.call(bridge, L1StandardBridge.OTHER_BRIDGE()))
        .isEqualTo(Address.fromHex("0x4200000000000000000000000000000000000010"));
    assertThat(
            chain.call(
                l1.optimismMintableERC20FactoryProxy(), OptimismMintableERC20Factory.BRIDGE()))
        .isEqualTo(bridge);
    // Multicall3 at its canonical address on the L1 too (viem's multicall looks for it there).
    assertThat(chain.call(L2GenesisBuilder.MULTICALL3, Multicall3.getChainId()))
        .isEqualTo(UInt256.valueOf(900));
  }

  @Test
  void rollupConfigTiesTheL1GenesisToTheL2Genesis(@TempDir Path out) throws Exception {
    DeployConfig config = DeployConfig.devnet();
    RollupDeployer.GenesisDeployment d = RollupDeployer.intoL1Genesis(l1Base(), DEPLOYER, config);
    RollupConfig rollup = d.output().rollup();

    assertThat(rollup.genesis().l1().hash()).isEqualTo(GenesisBlock.of(d.l1Genesis()).hash());
    assertThat(rollup.genesis().l1().number()).isZero();
    assertThat(rollup.genesis().l2().hash())
        .isEqualTo(GenesisBlock.of(d.output().l2Genesis()).hash());
    assertThat(rollup.genesis().l2().hash()).isEqualTo(d.output().l2GenesisHash());
    assertThat(rollup.genesis().l2Time()).isEqualTo(L1_TIME);
    assertThat(d.output().l2Genesis().timestamp()).isEqualTo(L1_TIME);
    assertThat(rollup.depositContractAddress()).isEqualTo(d.output().l1().optimismPortalProxy());
    assertThat(rollup.l1SystemConfigAddress()).isEqualTo(d.output().l1().systemConfigProxy());
    assertThat(rollup.batchInboxAddress()).isEqualTo(config.batchInboxAddress());
    assertThat(rollup.l1ChainId()).isEqualTo(900);
    assertThat(rollup.l2ChainId()).isEqualTo(901);
    assertThat(rollup.blockTime()).isEqualTo(2);
    assertThat(rollup.seqWindowSize()).isEqualTo(200);
    assertThat(rollup.channelTimeout()).isEqualTo(120);
    assertThat(rollup.isActive(OpFork.HOLOCENE, L1_TIME)).isTrue();
    assertThat(rollup.isActive(OpFork.ISTHMUS, L1_TIME)).isFalse();
    RollupConfig.SystemConfig sc = rollup.genesis().systemConfig();
    assertThat(sc.batcherAddr()).isEqualTo(config.batchSenderAddress());
    assertThat(sc.gasLimit()).isEqualTo(30_000_000L);
    // The Ecotone scalar: version 1 in the top byte, the blob scalar then the base fee scalar.
    assertThat(sc.scalar())
        .isEqualTo(
            Hash.fromHex("0x010000000000000000000000000000000000000000000000000c5fc500000558"));
    assertThat(sc.overhead()).isEqualTo(Hash.ZERO);
    assertThat(sc.eip1559Params()).isPresent();
    // The L2 genesis runs under the rules the rollup config derives.
    assertThat(d.output().l2Genesis().config()).isEqualTo(rollup.chainConfig());

    d.output().write(out);
    assertThat(RollupConfig.read(out.resolve("rollup.json"))).isEqualTo(rollup);
    Genesis reread = Genesis.read(out.resolve("genesis.json"));
    assertThat(GenesisBlock.of(reread).hash()).isEqualTo(rollup.genesis().l2().hash());
    assertThat(
            new ObjectMapper()
                .readTree(out.resolve("addresses.json").toFile())
                .get("OptimismPortalProxy")
                .asText())
        .isEqualTo(d.output().l1().optimismPortalProxy().toChecksumHex());
    RollupDeployer.Output back = RollupDeployer.Output.read(out);
    assertThat(back.l1()).isEqualTo(d.output().l1());
    assertThat(back.rollup()).isEqualTo(rollup);
    assertThat(back.l2GenesisHash()).isEqualTo(d.output().l2GenesisHash());
  }

  @Test
  void aChainBornBeforeEcotoneGetsTheBedrockFeeParameters() throws Exception {
    DeployConfig config =
        DeployConfig.fromJson(
            new ObjectMapper()
                .readTree(
                    """
                    {"l2GenesisDeltaTimeOffset": "0x18", "l2GenesisEcotoneTimeOffset": "0x30",
                     "l2GenesisFjordTimeOffset": null, "l2GenesisGraniteTimeOffset": null,
                     "l2GenesisHoloceneTimeOffset": null}
                    """));
    RollupConfig rollup =
        RollupDeployer.intoL1Genesis(l1Base(), DEPLOYER, config).output().rollup();
    // The Bedrock formula reads them as numbers: overhead 2100, scalar 1,000,000 (op-chain-ops).
    assertThat(rollup.genesis().systemConfig().overhead())
        .isEqualTo(UInt256.valueOf(2100).toHash());
    assertThat(rollup.genesis().systemConfig().scalar())
        .isEqualTo(UInt256.valueOf(1_000_000).toHash());
    assertThat(rollup.genesis().systemConfig().eip1559Params()).isEmpty();
  }

  @Test
  void oracleDeploymentUsesTheL2OutputOracle() throws Exception {
    DeployConfig config = withoutFaultProofs();
    RollupDeployer.GenesisDeployment d = RollupDeployer.intoL1Genesis(l1Base(), DEPLOYER, config);
    L1Deployment l1 = d.output().l1();
    assertThat(l1.disputeGameFactoryProxy()).isEmpty();
    GenesisChain chain = new GenesisChain(d.l1Genesis(), 12);
    Address portal = l1.optimismPortalProxy();
    Address oracle = l1.l2OutputOracleProxy().orElseThrow();
    assertThat(chain.call(portal, OptimismPortal.version())).startsWith("2.");
    assertThat(chain.call(portal, OptimismPortal.l2Oracle())).isEqualTo(oracle);
    assertThat(chain.call(oracle, L2OutputOracle.SUBMISSION_INTERVAL()))
        .isEqualTo(UInt256.valueOf(10));
    assertThat(chain.call(oracle, L2OutputOracle.L2_BLOCK_TIME())).isEqualTo(UInt256.valueOf(2));
    assertThat(chain.call(oracle, L2OutputOracle.PROPOSER()))
        .isEqualTo(config.l2OutputOracleProposer());
    assertThat(chain.call(oracle, L2OutputOracle.CHALLENGER()))
        .isEqualTo(config.l2OutputOracleChallenger());
    assertThat(chain.call(oracle, L2OutputOracle.FINALIZATION_PERIOD_SECONDS()))
        .isEqualTo(UInt256.valueOf(2));
    assertThat(d.output().l1().toJson().has("L2OutputOracleProxy")).isTrue();
    assertThat(L1Deployment.fromJson(d.output().l1().toJson())).isEqualTo(d.output().l1());
  }

  @Test
  void aDeploymentForAnotherL1IsRefused() {
    Genesis other = DevGenesis.of(DevAccounts.defaults());
    assertThatThrownBy(() -> RollupDeployer.intoL1Genesis(other, DEPLOYER, DeployConfig.devnet()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("chain id 1337");
  }
}
