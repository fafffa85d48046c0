package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.OptimismPortal.Events.WithdrawalFinalized;
import io.merapi.contracts.l2.L2CrossDomainMessenger.Events.RelayedMessage;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ETH and ERC-20 tokens across two chains and back, every step as the protocol takes it: the L1
 * transaction's TransactionDeposited log becomes the L2 deposit transaction, and the L2 withdrawal
 * is proven on L1 against an output root of the L2 state and finalized by the portal.
 */
class RoundTripTest {
  private static final Map<String, Long> GAS = new TreeMap<>();

  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");
  private final Address relayer = TestChain.address("relayer");
  private L1System l1;
  private L2System l2;

  @BeforeEach
  void setUp() {
    l1 = new L1System();
    l2 = new L2System(l1.messenger, l1.bridge);
    l1.chain.setBalance(alice, ether(10));
  }

  @AfterAll
  static void printGas() {
    GAS.forEach((step, gas) -> System.out.printf("gas %-45s %,d%n", step, gas));
  }

  private Outcome measured(String step, Outcome o) {
    GAS.put(step, o.requireSuccess().gasUsed());
    return o;
  }

  /** Runs the deposits of an L1 transaction on L2; each must relay its message successfully. */
  private void relayToL2(Outcome l1Outcome, String step) {
    List<Outcome> deposits = CrossChain.relayDeposits(l1.chain, l1Outcome, l1.portal, l2.chain);
    assertThat(deposits).hasSize(1);
    Outcome d = measured(step, deposits.get(0));
    assertThat(RelayedMessage.in(d.logs())).hasSize(1);
  }

  /** Proves and finalizes on L1 the withdrawal of an L2 transaction. */
  private Outcome finalizeOnL1(Outcome l2Outcome, String step) {
    MessagePassed passed = MessagePassed.in(l2Outcome.logs()).get(0);
    Outcome f = CrossChain.proveAndFinalize(l1, l2.chain, CrossChain.withdrawal(passed), relayer);
    measured(step, f);
    assertThat(WithdrawalFinalized.in(f.logs()))
        .containsExactly(new WithdrawalFinalized(passed.withdrawalHash(), true));
    return f;
  }

  @Test
  void ethGoesToL2AndBack() {
    Outcome deposit =
        measured(
            "L1 depositETH",
            l1.chain.send(
                alice, l1.bridge, L1StandardBridge.depositETH(200_000, Bytes.EMPTY), ether(5)));
    assertThat(l1.chain.balance(alice)).isEqualTo(ether(5));
    assertThat(l1.chain.balance(l1.portal)).isEqualTo(ether(5));

    relayToL2(deposit, "L2 deposit finalizeBridgeETH");
    assertThat(l2.chain.balance(alice)).isEqualTo(ether(5));
    assertThat(l2.chain.balance(L2_CROSS_DOMAIN_MESSENGER)).isEqualTo(UInt256.ZERO);

    Outcome withdrawal =
        measured(
            "L2 withdraw ETH",
            l2.chain.send(
                alice,
                L2_STANDARD_BRIDGE,
                L2StandardBridge.withdrawTo(LEGACY_ERC20_ETH, bob, ether(2), 0, Bytes.EMPTY),
                ether(2)));
    assertThat(l2.chain.balance(alice)).isEqualTo(ether(3));
    assertThat(l2.chain.balance(L2_TO_L1_MESSAGE_PASSER)).isEqualTo(ether(2));

    finalizeOnL1(withdrawal, "L1 prove+finalize ETH withdrawal (finalize tx)");
    assertThat(l1.chain.balance(bob)).isEqualTo(ether(2));
    assertThat(l1.chain.balance(l1.portal)).isEqualTo(ether(3));
    assertThat(l1.chain.balance(l1.messenger)).isEqualTo(UInt256.ZERO);
    assertThat(l1.chain.balance(l1.bridge)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void anL1TokenGoesToL2AndBack() {
    Address l1Token = l1.chain.deploy(alice, TestContracts.plainToken());
    TestContracts.setPlainBalance(l1.chain, l1Token, alice, UInt256.valueOf(1_000));
    Address l2Token = l2.createToken(l1Token, "Token", "TKN");

    Outcome deposit =
        measured(
            "L1 depositERC20",
            l1.chain.send(
                alice,
                l1.bridge,
                L1StandardBridge.depositERC20(
                    l1Token, l2Token, UInt256.valueOf(800), 200_000, Bytes.EMPTY)));
    assertThat(l1.chain.call(l1.bridge, L1StandardBridge.deposits(l1Token, l2Token)))
        .isEqualTo(UInt256.valueOf(800));
    relayToL2(deposit, "L2 deposit finalizeBridgeERC20 (mint)");
    assertThat(l2.chain.call(l2Token, OptimismMintableERC20.balanceOf(alice)))
        .isEqualTo(UInt256.valueOf(800));

    Outcome withdrawal =
        measured(
            "L2 withdraw ERC20 (burn)",
            l2.chain.send(
                alice,
                L2_STANDARD_BRIDGE,
                L2StandardBridge.withdrawTo(l2Token, bob, UInt256.valueOf(300), 0, Bytes.EMPTY)));
    assertThat(l2.chain.call(l2Token, OptimismMintableERC20.totalSupply()))
        .isEqualTo(UInt256.valueOf(500));

    finalizeOnL1(withdrawal, "L1 prove+finalize ERC20 withdrawal (finalize tx)");
    assertThat(TestContracts.plainBalance(l1.chain, l1Token, bob)).isEqualTo(UInt256.valueOf(300));
    assertThat(TestContracts.plainBalance(l1.chain, l1Token, l1.bridge))
        .isEqualTo(UInt256.valueOf(500));
    assertThat(l1.chain.call(l1.bridge, L1StandardBridge.deposits(l1Token, l2Token)))
        .isEqualTo(UInt256.valueOf(500));
  }

  @Test
  void anL2TokenGoesToL1AndBack() {
    // An L2-native token, represented on L1 by an OptimismMintableERC20 of the L1 factory.
    l2.chain.setBalance(alice, ether(1));
    Address l2Native = l2.chain.deploy(alice, TestContracts.plainToken());
    TestContracts.setPlainBalance(l2.chain, l2Native, alice, UInt256.valueOf(1_000));
    Outcome created =
        l1.chain.send(
            alice,
            l1.factory,
            OptimismMintableERC20Factory.createOptimismMintableERC20(l2Native, "L2 Token", "L2T"));
    Address onL1 =
        OptimismMintableERC20Factory.createOptimismMintableERC20(l2Native, "", "")
            .decode(created.requireSuccess().output().array());
    assertThat(l1.chain.call(onL1, OptimismMintableERC20.bridge())).isEqualTo(l1.bridge);

    Outcome out =
        l2.chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(l2Native, onL1, UInt256.valueOf(600), 0, Bytes.EMPTY));
    out.requireSuccess();
    assertThat(TestContracts.plainBalance(l2.chain, l2Native, L2_STANDARD_BRIDGE))
        .isEqualTo(UInt256.valueOf(600));
    finalizeOnL1(out, "L1 prove+finalize mint of an L2 token (finalize tx)");
    assertThat(l1.chain.call(onL1, OptimismMintableERC20.balanceOf(alice)))
        .isEqualTo(UInt256.valueOf(600));

    Outcome back =
        l1.chain.send(
            alice,
            l1.bridge,
            L1StandardBridge.bridgeERC20(
                onL1, l2Native, UInt256.valueOf(250), 200_000, Bytes.EMPTY));
    back.requireSuccess();
    assertThat(l1.chain.call(onL1, OptimismMintableERC20.totalSupply()))
        .isEqualTo(UInt256.valueOf(350));
    relayToL2(back, "L2 deposit release of an L2 token");
    assertThat(TestContracts.plainBalance(l2.chain, l2Native, alice))
        .isEqualTo(UInt256.valueOf(650));
    assertThat(l2.chain.call(L2_STANDARD_BRIDGE, L2StandardBridge.deposits(l2Native, onL1)))
        .isEqualTo(UInt256.valueOf(350));
  }
}
