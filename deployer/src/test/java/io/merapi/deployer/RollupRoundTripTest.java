package io.merapi.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.structs.OutputRootProof;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.deployer.l2.L2GenesisBuilder;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.state.op.Predeploys;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.transaction.DepositTransaction;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ETH through a deployed rollup and back, on the contracts exactly as {@code merapi deploy} sets
 * them up: deposited on L1 through the L1StandardBridge, the portal's log turned into the L2
 * deposit transaction and run on the L2 genesis state, withdrawn on L2 through the
 * L2StandardBridge, then proven on L1 against an output root of the L2 state (version 0, with an
 * eth_getProof-shaped proof of the message passer's storage) and finalized after the delays — with
 * the dispute game portal and with the L2OutputOracle portal.
 */
class RollupRoundTripTest {
  private static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));
  private static final UInt256 ONE_TENTH = UInt256.valueOf(BigInteger.TEN.pow(17));
  private static final Address USER = DevAccounts.defaults().addresses().get(5);
  private static final Address LEGACY_ERC20_ETH =
      Address.fromHex("0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000");

  /** The two layers of one deployment and the user's balances on them. */
  private record Rollup(
      L1Deployment l1Contracts, GenesisChain l1, GenesisChain l2, DeployConfig config) {}

  private static Rollup deploy(DeployConfig config) {
    RollupDeployer.GenesisDeployment d =
        RollupDeployer.intoL1Genesis(
            RollupDeployerTest.l1Base(), RollupDeployerTest.DEPLOYER, config);
    return new Rollup(
        d.output().l1(),
        new GenesisChain(d.l1Genesis(), 12),
        new GenesisChain(d.output().l2Genesis(), 2),
        config);
  }

  @Test
  void ethRoundTripThroughTheDisputeGamePortal() {
    Rollup r = deploy(DeployConfig.devnet());
    deposit(r, ETHER);
    WithdrawalTransaction withdrawal = withdraw(r, UInt256.valueOf(4).multiply(ONE_TENTH));
    OutputRootProof output = outputOf(r.l2());
    Hash root = outputRoot(output);

    // A fast game claims the output; it resolves a block after creation.
    Address factory = r.l1Contracts().disputeGameFactoryProxy().orElseThrow();
    Sandbox.Outcome created =
        r.l1().send(USER, factory, DisputeGameFactory.create(254, root, extraData(10)));
    Address game =
        DisputeGameFactory.Events.DisputeGameCreated.in(created.logs()).get(0).disputeProxy();
    UInt256 gameIndex = r.l1().call(factory, DisputeGameFactory.gameCount()).subtract(UInt256.ONE);
    r.l1().mine();
    r.l1().send(USER, game, FastDisputeGame.resolve());
    assertThat(r.l1().call(game, FastDisputeGame.status())).isEqualTo(2); // DEFENDER_WINS

    Address portal = r.l1Contracts().optimismPortalProxy();
    Hash withdrawalHash = withdrawalHash(withdrawal);
    r.l1()
        .send(
            USER,
            portal,
            OptimismPortal2.proveWithdrawalTransaction(
                withdrawal, gameIndex, output, storageProof(r.l2(), withdrawalHash)));
    assertThat(
            r.l1()
                .call(portal, OptimismPortal2.provenWithdrawals(withdrawalHash, USER))
                .disputeGameProxy())
        .isEqualTo(game);
    // Not before the proof has matured (12 s) and the game's resolution is final (6 s).
    assertThat(
            r.l1()
                .trySend(USER, portal, OptimismPortal2.finalizeWithdrawalTransaction(withdrawal))
                .isSuccess())
        .isFalse();
    r.l1().warp(13);

    UInt256 before = r.l1().balance(USER);
    Sandbox.Outcome finalized =
        r.l1().send(USER, portal, OptimismPortal2.finalizeWithdrawalTransaction(withdrawal));
    assertThat(OptimismPortal2.Events.WithdrawalFinalized.in(finalized.logs()))
        .containsExactly(new OptimismPortal2.Events.WithdrawalFinalized(withdrawalHash, true));
    assertThat(r.l1().balance(USER)).isEqualTo(before.add(UInt256.valueOf(4).multiply(ONE_TENTH)));
    assertThat(r.l1().call(portal, OptimismPortal2.finalizedWithdrawals(withdrawalHash))).isTrue();
  }

  @Test
  void ethRoundTripThroughTheOutputOraclePortal() throws Exception {
    Rollup r = deploy(RollupDeployerTest.withoutFaultProofs());
    deposit(r, ETHER);
    WithdrawalTransaction withdrawal = withdraw(r, ONE_TENTH);
    OutputRootProof output = outputOf(r.l2());

    // The proposer proposes the output for the next block the oracle expects.
    Address oracle = r.l1Contracts().l2OutputOracleProxy().orElseThrow();
    UInt256 l2Block = r.l1().call(oracle, L2OutputOracle.nextBlockNumber());
    r.l1()
        .send(
            r.config().l2OutputOracleProposer(),
            oracle,
            L2OutputOracle.proposeL2Output(outputRoot(output), l2Block, Hash.ZERO, UInt256.ZERO));
    UInt256 index = r.l1().call(oracle, L2OutputOracle.getL2OutputIndexAfter(l2Block));

    Address portal = r.l1Contracts().optimismPortalProxy();
    Hash withdrawalHash = withdrawalHash(withdrawal);
    r.l1()
        .send(
            USER,
            portal,
            OptimismPortal.proveWithdrawalTransaction(
                withdrawal, index, output, storageProof(r.l2(), withdrawalHash)));
    r.l1().warp(r.config().finalizationPeriodSeconds() + 1);

    UInt256 before = r.l1().balance(USER);
    Sandbox.Outcome finalized =
        r.l1().send(USER, portal, OptimismPortal.finalizeWithdrawalTransaction(withdrawal));
    assertThat(OptimismPortal.Events.WithdrawalFinalized.in(finalized.logs()))
        .containsExactly(new OptimismPortal.Events.WithdrawalFinalized(withdrawalHash, true));
    assertThat(r.l1().balance(USER)).isEqualTo(before.add(ONE_TENTH));
  }

  /** Deposits {@code amount} through the L1StandardBridge and runs the deposit on L2. */
  private static void deposit(Rollup r, UInt256 amount) {
    UInt256 l2Before = r.l2().balance(USER);
    Sandbox.Outcome sent =
        r.l1()
            .send(
                USER,
                r.l1Contracts().l1StandardBridgeProxy(),
                L1StandardBridge.depositETH(200_000, Bytes.EMPTY),
                amount);
    Hash l1Block = Sandbox.standInHash(r.l1().sandbox.number());
    List<DepositTransaction> deposits =
        UserDeposits.fromBlock(r.l1Contracts().optimismPortalProxy(), l1Block, sent.logs());
    assertThat(deposits).hasSize(1);
    // The L1 messenger is a contract: the deposit comes from its alias.
    assertThat(deposits.get(0).from())
        .isEqualTo(alias(r.l1Contracts().l1CrossDomainMessengerProxy()));
    assertThat(deposits.get(0).mint()).isEqualTo(amount);
    r.l2().deposit(deposits.get(0));
    assertThat(r.l2().balance(USER)).isEqualTo(l2Before.add(amount));
    r.l1().mine();
    r.l2().mine();
  }

  /** Withdraws {@code amount} through the L2StandardBridge; returns the message passer's record. */
  private static WithdrawalTransaction withdraw(Rollup r, UInt256 amount) {
    UInt256 before = r.l2().balance(USER);
    Sandbox.Outcome sent =
        r.l2()
            .send(
                USER,
                L2GenesisBuilder.L2_STANDARD_BRIDGE,
                L2StandardBridge.withdraw(LEGACY_ERC20_ETH, amount, 200_000, Bytes.EMPTY),
                amount);
    assertThat(r.l2().balance(USER)).isEqualTo(before.subtract(amount));
    MessagePassed passed = MessagePassed.in(sent.logs()).get(0);
    assertThat(passed.sender()).isEqualTo(L2GenesisBuilder.L2_CROSS_DOMAIN_MESSENGER);
    assertThat(passed.target()).isEqualTo(r.l1Contracts().l1CrossDomainMessengerProxy());
    assertThat(passed.value()).isEqualTo(amount);
    WithdrawalTransaction w =
        new WithdrawalTransaction(
            passed.nonce(),
            passed.sender(),
            passed.target(),
            passed.value(),
            passed.gasLimit(),
            passed.data());
    assertThat(withdrawalHash(w)).isEqualTo(passed.withdrawalHash());
    r.l2().mine();
    return w;
  }

  /** The version 0 output of the L2's current state (the block hash is a stand-in). */
  private static OutputRootProof outputOf(GenesisChain l2) {
    return new OutputRootProof(
        Hash.ZERO,
        l2.sandbox.stateRoot(),
        l2.sandbox.storageRoot(Predeploys.L2_TO_L1_MESSAGE_PASSER),
        Sandbox.standInHash(l2.sandbox.number()));
  }

  /** keccak256(abi.encode(version, stateRoot, messagePasserStorageRoot, latestBlockhash)). */
  private static Hash outputRoot(OutputRootProof p) {
    return Keccak256.digest(AbiCodec.encode((AbiType.Tuple) OutputRootProof.TYPE, p.toAbi()));
  }

  /** keccak256(abi.encode(nonce, sender, target, value, gasLimit, data)). */
  private static Hash withdrawalHash(WithdrawalTransaction w) {
    return Keccak256.digest(AbiCodec.encode((AbiType.Tuple) WithdrawalTransaction.TYPE, w.toAbi()));
  }

  /** The proof of sentMessages[withdrawalHash] (mapping at slot 0) in the message passer. */
  private static List<Bytes> storageProof(GenesisChain l2, Hash withdrawalHash) {
    byte[] key = new byte[64];
    System.arraycopy(withdrawalHash.array(), 0, key, 0, 32);
    return l2.sandbox.storageProof(Predeploys.L2_TO_L1_MESSAGE_PASSER, Keccak256.digest(key));
  }

  private static Bytes extraData(long l2BlockNumber) {
    return Bytes.wrap(UInt256.valueOf(l2BlockNumber).toBytes());
  }

  private static Address alias(Address l1) {
    BigInteger offset = new BigInteger("1111000000000000000000000000000000001111", 16);
    BigInteger aliased =
        new BigInteger(1, l1.array()).add(offset).mod(BigInteger.ONE.shiftLeft(160));
    return Address.copyOf(UInt256.valueOf(aliased).toBytes(), 12);
  }
}
