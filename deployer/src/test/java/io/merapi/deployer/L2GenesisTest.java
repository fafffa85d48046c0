package io.merapi.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.BaseFeeVault;
import io.merapi.contracts.l2.GasPriceOracle;
import io.merapi.contracts.l2.L1Block;
import io.merapi.contracts.l2.L1FeeVault;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.l2.SequencerFeeVault;
import io.merapi.contracts.l2.WETH;
import io.merapi.contracts.universal.Multicall3;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.deployer.l2.L2GenesisBuilder;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.state.op.Create2Deployer;
import io.merapi.state.op.Predeploys;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.block.Header;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The L2 genesis of the OP devnet template, read back as a node would run it. */
class L2GenesisTest {
  private static DeployConfig config;
  private static L1Deployment l1;
  private static Genesis genesis;
  private static GenesisChain chain;

  @BeforeAll
  static void deploy() {
    config = DeployConfig.devnet();
    RollupDeployer.GenesisDeployment d =
        RollupDeployer.intoL1Genesis(
            RollupDeployerTest.l1Base(), RollupDeployerTest.DEPLOYER, config);
    l1 = d.output().l1();
    genesis = d.output().l2Genesis();
    chain = new GenesisChain(genesis, 2);
  }

  @Test
  void everyNamespaceAddressButWethAndTheGovernanceTokenIsAProxyOfTheProxyAdmin() {
    int proxies = 0;
    for (int i = 0; i < 2048; i++) {
      Address address = L2GenesisBuilder.predeploy(i);
      Optional<GenesisAccount> account = Optional.ofNullable(genesis.alloc().get(address));
      if (address.equals(Predeploys.WETH)) {
        // WETH has no immutables: its code is the artifact's runtime code as it is.
        assertThat(account.orElseThrow().code()).isEqualTo(WETH.ARTIFACT.deployedBytecode());
        continue;
      }
      if (address.equals(L2GenesisBuilder.GOVERNANCE_TOKEN)) {
        assertThat(account).isEmpty();
        continue;
      }
      GenesisAccount proxy = account.orElseThrow();
      assertThat(proxy.code())
          .isEqualTo(io.merapi.contracts.universal.Proxy.ARTIFACT.deployedBytecode());
      assertThat(proxy.storage())
          .containsEntry(
              Hash.fromHex("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"),
              L2GenesisBuilder.PROXY_ADMIN.toWord());
      proxies++;
    }
    assertThat(proxies).isEqualTo(2046);
  }

  @Test
  void predeploysPointAtTheirCodeNamespaceImplementations() {
    for (Address predeploy :
        new Address[] {
          Predeploys.L2_TO_L1_MESSAGE_PASSER,
          Predeploys.L1_BLOCK,
          Predeploys.GAS_PRICE_ORACLE,
          L2GenesisBuilder.L2_CROSS_DOMAIN_MESSENGER,
          L2GenesisBuilder.L2_STANDARD_BRIDGE,
          L2GenesisBuilder.OPTIMISM_MINTABLE_ERC20_FACTORY,
          Predeploys.SEQUENCER_FEE_VAULT,
          Predeploys.BASE_FEE_VAULT,
          Predeploys.L1_FEE_VAULT,
          L2GenesisBuilder.PROXY_ADMIN
        }) {
      Address implementation = L2GenesisBuilder.codeNamespace(predeploy);
      assertThat(
              chain.call(
                  L2GenesisBuilder.PROXY_ADMIN, ProxyAdmin.getProxyImplementation(predeploy)))
          .as("implementation of %s", predeploy)
          .isEqualTo(implementation);
      assertThat(genesis.alloc().get(implementation).code().isEmpty()).isFalse();
    }
    assertThat(chain.call(L2GenesisBuilder.PROXY_ADMIN, ProxyAdmin.owner()))
        .isEqualTo(config.proxyAdminOwner());
    // A predeploy Merapi does not implement yet (the L2ERC721Bridge) is a proxy without one.
    assertThat(
            chain.call(
                L2GenesisBuilder.PROXY_ADMIN,
                ProxyAdmin.getProxyImplementation(L2GenesisBuilder.predeploy(0x14))))
        .isEqualTo(Address.ZERO);
  }

  @Test
  void predeploysAreInitializedForThisChainsL1Contracts() {
    assertThat(
            chain.call(
                L2GenesisBuilder.L2_CROSS_DOMAIN_MESSENGER,
                L2CrossDomainMessenger.OTHER_MESSENGER()))
        .isEqualTo(l1.l1CrossDomainMessengerProxy());
    assertThat(chain.call(L2GenesisBuilder.L2_STANDARD_BRIDGE, L2StandardBridge.OTHER_BRIDGE()))
        .isEqualTo(l1.l1StandardBridgeProxy());
    assertThat(chain.call(L2GenesisBuilder.L2_STANDARD_BRIDGE, L2StandardBridge.MESSENGER()))
        .isEqualTo(L2GenesisBuilder.L2_CROSS_DOMAIN_MESSENGER);
    assertThat(
            chain.call(
                L2GenesisBuilder.OPTIMISM_MINTABLE_ERC20_FACTORY,
                OptimismMintableERC20Factory.BRIDGE()))
        .isEqualTo(L2GenesisBuilder.L2_STANDARD_BRIDGE);
    assertThat(chain.call(Predeploys.GAS_PRICE_ORACLE, GasPriceOracle.isEcotone())).isTrue();
    assertThat(chain.call(Predeploys.GAS_PRICE_ORACLE, GasPriceOracle.isFjord())).isTrue();
    assertThat(chain.call(Predeploys.L1_BLOCK, L1Block.DEPOSITOR_ACCOUNT()))
        .isEqualTo(Predeploys.L1_ATTRIBUTES_DEPOSITOR);
    assertThat(chain.call(Predeploys.L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.messageNonce()))
        .isEqualTo(UInt256.fromLimbs(1L << 48, 0, 0, 0)); // version 1 in the top two bytes

    assertThat(chain.call(Predeploys.SEQUENCER_FEE_VAULT, SequencerFeeVault.RECIPIENT()))
        .isEqualTo(config.sequencerFeeVault().recipient());
    assertThat(chain.call(Predeploys.BASE_FEE_VAULT, BaseFeeVault.MIN_WITHDRAWAL_AMOUNT()))
        .isEqualTo(config.baseFeeVault().minimumWithdrawalAmount());
    assertThat(chain.call(Predeploys.L1_FEE_VAULT, L1FeeVault.WITHDRAWAL_NETWORK())).isZero();

    assertThat(chain.call(Predeploys.WETH, WETH.name())).isEqualTo("Wrapped Ether");
    assertThat(chain.call(L2GenesisBuilder.MULTICALL3, Multicall3.getChainId()))
        .isEqualTo(UInt256.valueOf(901));
    assertThat(Keccak256.digest(genesis.alloc().get(Predeploys.CREATE2_DEPLOYER).code().array()))
        .isEqualTo(Create2Deployer.CODE_HASH);
    assertThat(genesis.alloc().get(DevGenesis.BEACON_ROOTS_ADDRESS).code())
        .isEqualTo(DevGenesis.BEACON_ROOTS_CODE);
    for (Address account : DevAccounts.defaults().addresses()) {
      assertThat(chain.balance(account)).isEqualTo(DevGenesis.BALANCE);
    }
  }

  @Test
  void implementationsCannotBeInitializedDirectly() {
    Address implementation =
        L2GenesisBuilder.codeNamespace(L2GenesisBuilder.L2_CROSS_DOMAIN_MESSENGER);
    Sandbox.Outcome o =
        chain.trySend(
            TestAccounts.STRANGER,
            implementation,
            L2CrossDomainMessenger.initialize(TestAccounts.STRANGER));
    assertThat(o.isSuccess()).isFalse();
    assertThat(AbiError.reason(o.output().array()))
        .contains("Initializable: contract is already initialized");
  }

  @Test
  void theGenesisBlockIsAnOpGenesisBlock() {
    Header header = GenesisBlock.of(genesis).header();
    assertThat(header.number()).isZero();
    assertThat(header.gasLimit()).isEqualTo(30_000_000);
    assertThat(header.baseFeePerGas()).contains(UInt256.ONE);
    assertThat(header.coinbase()).isEqualTo(Predeploys.SEQUENCER_FEE_VAULT);
    assertThat(header.blobGasUsed()).hasValue(0);
    assertThat(header.excessBlobGas()).hasValue(0);
    // Holocene at genesis: version 0, the Canyon denominator (250) and the elasticity (6).
    assertThat(header.extraData()).isEqualTo(Bytes.fromHex("0x00000000fa00000006"));
    // Builder accounts are not left behind.
    assertThat(genesis.alloc().keySet()).doesNotContain(Predeploys.L1_ATTRIBUTES_DEPOSITOR);
  }

  /** Accounts with no role in the deployment. */
  static final class TestAccounts {
    static final Address STRANGER = Address.fromHex("0x00000000000000000000000000000000000bad01");

    private TestAccounts() {}
  }
}
