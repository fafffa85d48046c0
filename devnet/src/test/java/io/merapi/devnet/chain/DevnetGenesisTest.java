package io.merapi.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.WETH;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevnetGenesisTest {
  private static final long T0 = 1_700_000_000L;

  @Test
  void theL1OfChain900HoldsTheContractsAndFundsTheAccounts() {
    ChainFiles files = DevnetGenesis.build(ChainSettings.defaults(), T0);
    assertThat(files.l1Genesis().config().chainId()).isEqualTo(900);
    assertThat(files.l1Genesis().timestamp()).isEqualTo(T0);
    L1Deployment l1 = files.rollup().l1();
    assertThat(l1.usesFaultProofs()).isTrue();
    assertThat(l1.fastDisputeGame()).isPresent();
    for (Address contract :
        List.of(
            l1.optimismPortalProxy(),
            l1.disputeGameFactoryProxy().orElseThrow(),
            l1.l1StandardBridgeProxy(),
            l1.l1CrossDomainMessengerProxy(),
            l1.systemConfigProxy())) {
      GenesisAccount account = files.l1Genesis().alloc().get(contract);
      assertThat(account).as(contract.toChecksumHex()).isNotNull();
      assertThat(account.code().isEmpty()).as(contract.toChecksumHex()).isFalse();
    }
    for (Address user : DevAccounts.defaults().addresses()) {
      assertThat(files.l1Genesis().alloc().get(user).balance()).isEqualTo(DevGenesis.BALANCE);
      // Account #0's first transaction still gets nonce 0 (the addresses Hardhat users expect).
      assertThat(files.l1Genesis().alloc().get(user).nonce()).isZero();
    }
    assertThat(DevnetGenesis.DEPLOYER).isNotIn(DevAccounts.defaults().addresses());
    assertThat(files.l1Genesis().alloc().get(DevnetGenesis.L1_WETH).code())
        .isEqualTo(WETH.ARTIFACT.deployedBytecode());
  }

  @Test
  void thePortalHoldsTheEthTheL2GenesisCredits() {
    ChainFiles files = DevnetGenesis.build(ChainSettings.defaults(), T0);
    UInt256 l2Eth =
        files.rollup().l2Genesis().alloc().values().stream()
            .map(GenesisAccount::balance)
            .reduce(UInt256.ZERO, UInt256::add);
    assertThat(l2Eth.isZero()).isFalse();
    assertThat(files.l1Genesis().alloc().get(files.rollup().l1().optimismPortalProxy()).balance())
        .isEqualTo(l2Eth);
  }

  @Test
  void theL2OfChain901StartsTogetherWithEveryForkActive() {
    ChainFiles files = DevnetGenesis.build(ChainSettings.defaults(), T0);
    RollupConfig rollup = files.rollup().rollup();
    assertThat(rollup.l2ChainId()).isEqualTo(901);
    assertThat(rollup.blockTime()).isEqualTo(2);
    assertThat(rollup.genesis().l2Time()).isEqualTo(T0);
    assertThat(rollup.genesis().l1().number()).isZero();
    assertThat(rollup.genesis().l1().hash()).isEqualTo(GenesisBlock.of(files.l1Genesis()).hash());
    assertThat(GenesisBlock.of(files.rollup().l2Genesis()).hash())
        .isEqualTo(rollup.genesis().l2().hash());
    assertThat(rollup.isActive(OpFork.HOLOCENE, T0)).isTrue();
  }

  @Test
  void theSameTimeGivesTheSameChains() {
    ChainFiles a = DevnetGenesis.build(ChainSettings.defaults(), T0);
    ChainFiles b = DevnetGenesis.build(ChainSettings.defaults(), T0);
    assertThat(a.l1GenesisHash()).isEqualTo(b.l1GenesisHash());
    assertThat(a.l2GenesisHash()).isEqualTo(b.l2GenesisHash());
  }

  @Test
  void outputOracleChainsUseTheL2OutputOracleFromTheGenesisTime() {
    ChainSettings settings = new ChainSettings(6, 2, new ChainSettings.OutputOracle(10, 2));
    ChainFiles files = DevnetGenesis.build(settings, T0);
    assertThat(files.rollup().l1().usesFaultProofs()).isFalse();
    assertThat(files.rollup().l1().l2OutputOracleProxy()).isPresent();
    DeployConfig config = DevnetGenesis.deployConfig(settings, T0);
    assertThat(config.l2OutputOracleStartingTimestamp()).isEqualTo(T0);
    assertThat(config.l2OutputOracleSubmissionInterval()).isEqualTo(10);
  }

  @Test
  void theRolesAreTheTemplatesAccounts() {
    DeployConfig config = DevnetGenesis.deployConfig(ChainSettings.defaults(), T0);
    List<Address> accounts = DevAccounts.defaults().addresses();
    assertThat(config.batchSenderAddress()).isEqualTo(accounts.get(DevnetGenesis.BATCHER_ACCOUNT));
    assertThat(config.l2OutputOracleProposer())
        .isEqualTo(accounts.get(DevnetGenesis.PROPOSER_ACCOUNT));
    assertThat(config.l2OutputOracleChallenger())
        .isEqualTo(accounts.get(DevnetGenesis.CHALLENGER_ACCOUNT));
    assertThat(config.respectedGameType()).isEqualTo(DeployConfig.FAST_GAME_TYPE);
  }
}
