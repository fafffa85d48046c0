package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2StandardBridge.Events.DepositFinalized;
import io.merapi.contracts.l2.L2StandardBridge.Events.ERC20BridgeFinalized;
import io.merapi.contracts.l2.L2StandardBridge.Events.ERC20BridgeInitiated;
import io.merapi.contracts.l2.L2StandardBridge.Events.ETHBridgeFinalized;
import io.merapi.contracts.l2.L2StandardBridge.Events.ETHBridgeInitiated;
import io.merapi.contracts.l2.L2StandardBridge.Events.WithdrawalInitiated;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.types.receipt.Log;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L2StandardBridge predeploy (specs bridges.md): deposits from L1 finalized through the
 * messenger, withdrawals leaving through the messenger and the L2ToL1MessagePasser with exactly the
 * message the L1 side expects, and L2-l2Native tokens escrowed.
 */
class L2StandardBridgeTest {
  private final Address l1Messenger = TestChain.address("L1CrossDomainMessenger proxy");
  private final Address l1Bridge = TestChain.address("L1StandardBridge proxy");
  private final Address l1Token = TestChain.address("L1 token");
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");
  private final Bytes extra = Bytes.fromHex("0xc0ffee");
  private L2System l2;
  private TestChain chain;
  private Address l2Token;
  private long messageNonce;

  @BeforeEach
  void setUp() {
    l2 = new L2System(l1Messenger, l1Bridge);
    chain = l2.chain;
    l2Token = l2.createToken(l1Token, "L1 Token", "L1T");
  }

  /** A message from the L1 bridge to the L2 bridge, delivered by the L1 messenger's deposit. */
  private Outcome fromL1Bridge(UInt256 value, Bytes message) {
    Bytes calldata =
        Messages.encodeV1(
            Messages.versionedNonce(messageNonce++, 1),
            l1Bridge,
            L2_STANDARD_BRIDGE,
            value,
            200_000,
            message);
    return chain.deposit(
        depositTx(
            Messages.alias(l1Messenger), L2_CROSS_DOMAIN_MESSENGER, value, 1_000_000, calldata));
  }

  private void mintByDeposit(Address to, UInt256 amount) {
    fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(l2Token, l1Token, alice, to, amount, extra).data())
        .requireSuccess();
  }

  private static List<Log> from(Outcome o, Address emitter) {
    return o.logs().stream().filter(l -> l.address().equals(emitter)).toList();
  }

  @Test
  void isInitializedAsTheGenesisDoes() {
    Address b = L2_STANDARD_BRIDGE;
    assertThat(chain.call(b, L2StandardBridge.messenger())).isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(chain.call(b, L2StandardBridge.MESSENGER())).isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(chain.call(b, L2StandardBridge.otherBridge())).isEqualTo(l1Bridge);
    assertThat(chain.call(b, L2StandardBridge.OTHER_BRIDGE())).isEqualTo(l1Bridge);
    assertThat(chain.call(b, L2StandardBridge.l1TokenBridge())).isEqualTo(l1Bridge);
    assertThat(chain.call(b, L2StandardBridge.paused())).isFalse();
    assertThat(chain.call(b, L2StandardBridge.version())).isEqualTo("1.11.1");
    // messenger in slot 3, otherBridge in slot 4; the initializer flag in slot 0.
    assertThat(asAddress(chain.storage(b, UInt256.valueOf(3))))
        .isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(asAddress(chain.storage(b, UInt256.valueOf(4)))).isEqualTo(l1Bridge);
    assertThat(chain.storage(b, UInt256.ZERO)).isEqualTo(UInt256.ONE);
    assertThat(reason(chain.send(alice, b, L2StandardBridge.initialize(alice))))
        .isEqualTo("Initializable: contract is already initialized");
    assertThat(
            reason(chain.send(alice, l2.bridgeImplementation, L2StandardBridge.initialize(alice))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void anEthDepositIsPaidOutWithLegacyAndCurrentEvents() {
    UInt256 amount = ether(3);
    Outcome o =
        fromL1Bridge(amount, L2StandardBridge.finalizeBridgeETH(alice, bob, amount, extra).data());
    o.requireSuccess();
    assertThat(chain.balance(bob)).isEqualTo(amount);
    List<Log> logs = from(o, L2_STANDARD_BRIDGE);
    assertThat(logs).hasSize(2);
    assertThat(DepositFinalized.from(logs.get(0)))
        .contains(new DepositFinalized(Address.ZERO, LEGACY_ERC20_ETH, alice, bob, amount, extra));
    assertThat(ETHBridgeFinalized.from(logs.get(1)))
        .contains(new ETHBridgeFinalized(alice, bob, amount, extra));
  }

  @Test
  void anErc20DepositMintsTheL2Token() {
    UInt256 amount = UInt256.valueOf(5_000);
    Outcome o =
        fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(l2Token, l1Token, alice, bob, amount, extra)
                .data());
    o.requireSuccess();
    assertThat(chain.call(l2Token, OptimismMintableERC20.balanceOf(bob))).isEqualTo(amount);
    assertThat(OptimismMintableERC20.Events.Mint.in(from(o, l2Token)))
        .containsExactly(new OptimismMintableERC20.Events.Mint(bob, amount));
    List<Log> logs = from(o, L2_STANDARD_BRIDGE);
    assertThat(DepositFinalized.from(logs.get(0)))
        .contains(new DepositFinalized(l1Token, l2Token, alice, bob, amount, extra));
    assertThat(ERC20BridgeFinalized.from(logs.get(1)))
        .contains(new ERC20BridgeFinalized(l2Token, l1Token, alice, bob, amount, extra));
    // Minted tokens are not escrow: deposits stays empty.
    assertThat(chain.call(L2_STANDARD_BRIDGE, L2StandardBridge.deposits(l2Token, l1Token)))
        .isEqualTo(UInt256.ZERO);
  }

  @Test
  void onlyTheL1BridgeFinalizes() {
    // A message from anyone but the L1 bridge reaches the bridge and fails there (the messenger
    // records it as failed): nothing is paid out.
    UInt256 amount = ether(1);
    Bytes calldata =
        Messages.encodeV1(
            Messages.versionedNonce(0, 1),
            alice,
            L2_STANDARD_BRIDGE,
            amount,
            200_000,
            L2StandardBridge.finalizeBridgeETH(alice, alice, amount, extra).data());
    Outcome o =
        chain.deposit(
            depositTx(
                Messages.alias(l1Messenger),
                L2_CROSS_DOMAIN_MESSENGER,
                amount,
                1_000_000,
                calldata));
    o.requireSuccess();
    assertThat(L2CrossDomainMessenger.Events.FailedRelayedMessage.in(o.logs())).hasSize(1);
    assertThat(chain.balance(alice)).isEqualTo(UInt256.ZERO);
    assertThat(chain.balance(L2_CROSS_DOMAIN_MESSENGER)).isEqualTo(amount);

    // Called directly, it says why.
    assertThat(
            reason(
                chain.send(
                    alice,
                    L2_STANDARD_BRIDGE,
                    L2StandardBridge.finalizeBridgeETH(alice, alice, UInt256.ZERO, extra))))
        .isEqualTo("StandardBridge: function can only be called from the other bridge");
  }

  @Test
  void anEthWithdrawalPassesExactlyTheL1BridgesMessage() {
    UInt256 amount = ether(2);
    chain.setBalance(alice, amount);
    long minGas = 123_000;
    UInt256 passerNonce = chain.call(L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.messageNonce());
    UInt256 messengerNonce =
        chain.call(L2_CROSS_DOMAIN_MESSENGER, L2CrossDomainMessenger.messageNonce());
    Outcome o =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.withdraw(LEGACY_ERC20_ETH, amount, minGas, extra),
            amount);
    o.requireSuccess();

    Bytes message = L2StandardBridge.finalizeBridgeETH(alice, alice, amount, extra).data();
    Bytes relay =
        Messages.encodeV1(messengerNonce, L2_STANDARD_BRIDGE, l1Bridge, amount, minGas, message);
    WithdrawalTransaction expected =
        new WithdrawalTransaction(
            passerNonce,
            L2_CROSS_DOMAIN_MESSENGER,
            l1Messenger,
            amount,
            UInt256.valueOf(Messages.baseGas(message.length(), minGas)),
            relay);
    Hash withdrawalHash = CrossChain.withdrawalHash(expected);
    assertThat(MessagePassed.in(from(o, L2_TO_L1_MESSAGE_PASSER)))
        .containsExactly(
            new MessagePassed(
                expected.nonce(),
                expected.sender(),
                expected.target(),
                expected.value(),
                expected.gasLimit(),
                expected.data(),
                withdrawalHash));
    assertThat(
            chain.call(L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.sentMessages(withdrawalHash)))
        .isTrue();
    assertThat(chain.balance(L2_TO_L1_MESSAGE_PASSER)).isEqualTo(amount);
    assertThat(chain.balance(alice)).isEqualTo(UInt256.ZERO);

    List<Log> bridgeLogs = from(o, L2_STANDARD_BRIDGE);
    assertThat(WithdrawalInitiated.from(bridgeLogs.get(0)))
        .contains(
            new WithdrawalInitiated(Address.ZERO, LEGACY_ERC20_ETH, alice, alice, amount, extra));
    assertThat(ETHBridgeInitiated.from(bridgeLogs.get(1)))
        .contains(new ETHBridgeInitiated(alice, alice, amount, extra));
    List<Log> messengerLogs = from(o, L2_CROSS_DOMAIN_MESSENGER);
    assertThat(L2CrossDomainMessenger.Events.SentMessage.from(messengerLogs.get(0)))
        .contains(
            new L2CrossDomainMessenger.Events.SentMessage(
                l1Bridge, L2_STANDARD_BRIDGE, message, messengerNonce, UInt256.valueOf(minGas)));
    assertThat(L2CrossDomainMessenger.Events.SentMessageExtension1.from(messengerLogs.get(1)))
        .contains(
            new L2CrossDomainMessenger.Events.SentMessageExtension1(L2_STANDARD_BRIDGE, amount));
    assertThat(chain.call(L2_CROSS_DOMAIN_MESSENGER, L2CrossDomainMessenger.messageNonce()))
        .isEqualTo(messengerNonce.add(UInt256.ONE));
  }

  @Test
  void anErc20WithdrawalBurnsAndNamesTheL1Token() {
    mintByDeposit(alice, UInt256.valueOf(900));
    UInt256 messengerNonce =
        chain.call(L2_CROSS_DOMAIN_MESSENGER, L2CrossDomainMessenger.messageNonce());
    Outcome o =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.withdrawTo(l2Token, bob, UInt256.valueOf(400), 0, extra));
    o.requireSuccess();
    assertThat(chain.call(l2Token, OptimismMintableERC20.balanceOf(alice)))
        .isEqualTo(UInt256.valueOf(500));
    assertThat(chain.call(l2Token, OptimismMintableERC20.totalSupply()))
        .isEqualTo(UInt256.valueOf(500));

    // On L1 the token pair is seen from the other side: (l1Token, l2Token).
    Bytes message =
        L2StandardBridge.finalizeBridgeERC20(
                l1Token, l2Token, alice, bob, UInt256.valueOf(400), extra)
            .data();
    MessagePassed passed = MessagePassed.in(o.logs()).get(0);
    assertThat(passed.data())
        .isEqualTo(
            Messages.encodeV1(
                messengerNonce, L2_STANDARD_BRIDGE, l1Bridge, UInt256.ZERO, 0, message));
    assertThat(passed.value()).isEqualTo(UInt256.ZERO);
    assertThat(passed.gasLimit()).isEqualTo(UInt256.valueOf(Messages.baseGas(message.length(), 0)));
    List<Log> bridgeLogs = from(o, L2_STANDARD_BRIDGE);
    assertThat(WithdrawalInitiated.from(bridgeLogs.get(0)))
        .contains(
            new WithdrawalInitiated(l1Token, l2Token, alice, bob, UInt256.valueOf(400), extra));
    assertThat(ERC20BridgeInitiated.from(bridgeLogs.get(1)))
        .contains(
            new ERC20BridgeInitiated(l2Token, l1Token, alice, bob, UInt256.valueOf(400), extra));

    // withdraw (to oneself) and bridgeERC20 take the same path.
    chain
        .send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.withdraw(l2Token, UInt256.valueOf(100), 0, extra))
        .requireSuccess();
    chain
        .send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(l2Token, l1Token, UInt256.valueOf(100), 0, extra))
        .requireSuccess();
    assertThat(chain.call(l2Token, OptimismMintableERC20.balanceOf(alice)))
        .isEqualTo(UInt256.valueOf(300));
  }

  @Test
  void ethSentToTheBridgeIsWithdrawnToTheSender() {
    chain.setBalance(alice, ether(1));
    Outcome o = chain.transfer(alice, L2_STANDARD_BRIDGE, ether(1));
    o.requireSuccess();
    MessagePassed passed = MessagePassed.in(o.logs()).get(0);
    Bytes message = L2StandardBridge.finalizeBridgeETH(alice, alice, ether(1), Bytes.EMPTY).data();
    // RECEIVE_DEFAULT_GAS_LIMIT: 200,000.
    assertThat(passed.gasLimit())
        .isEqualTo(UInt256.valueOf(Messages.baseGas(message.length(), 200_000)));
    assertThat(ETHBridgeInitiated.in(o.logs()))
        .containsExactly(new ETHBridgeInitiated(alice, alice, ether(1), Bytes.EMPTY));
  }

  @Test
  void bridgeEthAndBridgeEthToSendToTheOtherBridge() {
    chain.setBalance(alice, ether(2));
    Outcome self =
        chain.send(alice, L2_STANDARD_BRIDGE, L2StandardBridge.bridgeETH(50_000, extra), ether(1));
    assertThat(ETHBridgeInitiated.in(self.requireSuccess().logs()))
        .containsExactly(new ETHBridgeInitiated(alice, alice, ether(1), extra));
    Outcome to =
        chain.send(
            alice, L2_STANDARD_BRIDGE, L2StandardBridge.bridgeETHTo(bob, 50_000, extra), ether(1));
    assertThat(ETHBridgeInitiated.in(to.requireSuccess().logs()))
        .containsExactly(new ETHBridgeInitiated(alice, bob, ether(1), extra));
    assertThat(MessagePassed.in(to.logs()).get(0).target()).isEqualTo(l1Messenger);
    assertThat(chain.balance(L2_TO_L1_MESSAGE_PASSER)).isEqualTo(ether(2));
  }

  @Test
  void l2NativeTokensAreEscrowedAndReleasedPerTokenPair() {
    Address l2Native = chain.deploy(alice, TestContracts.plainToken());
    Address remote = TestChain.address("L1 representation");
    TestContracts.setPlainBalance(chain, l2Native, alice, UInt256.valueOf(1_000));
    Outcome sent =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20To(l2Native, remote, bob, UInt256.valueOf(600), 0, extra));
    sent.requireSuccess();
    assertThat(TestContracts.plainBalance(chain, l2Native, L2_STANDARD_BRIDGE))
        .isEqualTo(UInt256.valueOf(600));
    assertThat(chain.call(L2_STANDARD_BRIDGE, L2StandardBridge.deposits(l2Native, remote)))
        .isEqualTo(UInt256.valueOf(600));
    // deposits is slot 2: deposits[local][remote].
    assertThat(chain.storage(L2_STANDARD_BRIDGE, nestedSlot(l2Native, remote, 2)))
        .isEqualTo(UInt256.valueOf(600));
    assertThat(ERC20BridgeInitiated.in(sent.logs()))
        .containsExactly(
            new ERC20BridgeInitiated(l2Native, remote, alice, bob, UInt256.valueOf(600), extra));

    // Coming back from L1, the pair releases what it escrowed, no more.
    Outcome back =
        fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(
                    l2Native, remote, bob, bob, UInt256.valueOf(250), extra)
                .data());
    back.requireSuccess();
    assertThat(TestContracts.plainBalance(chain, l2Native, bob)).isEqualTo(UInt256.valueOf(250));
    assertThat(chain.call(L2_STANDARD_BRIDGE, L2StandardBridge.deposits(l2Native, remote)))
        .isEqualTo(UInt256.valueOf(350));
    assertThat(ERC20BridgeFinalized.in(back.logs()))
        .containsExactly(
            new ERC20BridgeFinalized(l2Native, remote, bob, bob, UInt256.valueOf(250), extra));

    Outcome tooMuch =
        fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(
                    l2Native, remote, bob, bob, UInt256.valueOf(351), extra)
                .data());
    assertThat(
            L2CrossDomainMessenger.Events.FailedRelayedMessage.in(tooMuch.requireSuccess().logs()))
        .hasSize(1);
    // Another pair of the same local token has nothing to release.
    Outcome otherPair =
        fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(l2Native, l1Token, bob, bob, UInt256.ONE, extra)
                .data());
    assertThat(
            L2CrossDomainMessenger.Events.FailedRelayedMessage.in(
                otherPair.requireSuccess().logs()))
        .hasSize(1);
    assertThat(TestContracts.plainBalance(chain, l2Native, L2_STANDARD_BRIDGE))
        .isEqualTo(UInt256.valueOf(350));
  }

  @Test
  void aTokenWithOnlyTheCurrentInterfaceIsPairedByItsRemoteToken() {
    // ERC-165 says IOptimismMintableERC20 only: the bridge checks the pair with remoteToken().
    Address modern = chain.deploy(alice, TestContracts.modernMintableToken());
    chain.setStorage(modern, TestContracts.REMOTE_TOKEN, l1Token.toWord());
    fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(
                    modern, l1Token, alice, bob, UInt256.valueOf(100), extra)
                .data())
        .requireSuccess();
    assertThat(TestContracts.plainBalance(chain, modern, bob)).isEqualTo(UInt256.valueOf(100));
    Outcome wrongPair =
        fromL1Bridge(
            UInt256.ZERO,
            L2StandardBridge.finalizeBridgeERC20(modern, alice, alice, bob, UInt256.ONE, extra)
                .data());
    assertThat(
            L2CrossDomainMessenger.Events.FailedRelayedMessage.in(
                wrongPair.requireSuccess().logs()))
        .hasSize(1);

    Outcome out =
        chain.send(
            bob,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(modern, l1Token, UInt256.valueOf(40), 0, extra));
    out.requireSuccess();
    assertThat(TestContracts.plainBalance(chain, modern, bob)).isEqualTo(UInt256.valueOf(60));
    assertThat(chain.call(L2_STANDARD_BRIDGE, L2StandardBridge.deposits(modern, l1Token)))
        .isEqualTo(UInt256.ZERO);
    assertThat(MessagePassed.in(out.logs())).hasSize(1);
    assertThat(
            reason(
                chain.send(
                    bob,
                    L2_STANDARD_BRIDGE,
                    L2StandardBridge.bridgeERC20(modern, alice, UInt256.ONE, 0, extra))))
        .isEqualTo("StandardBridge: wrong remote token for Optimism Mintable ERC20 local token");
  }
}
