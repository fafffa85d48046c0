package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static io.merapi.contracts.bridge.L1CrossDomainMessengerTest.fromAddress;
import static io.merapi.contracts.bridge.L1CrossDomainMessengerTest.opaqueData;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.L1StandardBridge.Events.ERC20BridgeFinalized;
import io.merapi.contracts.l1.L1StandardBridge.Events.ERC20BridgeInitiated;
import io.merapi.contracts.l1.L1StandardBridge.Events.ERC20DepositInitiated;
import io.merapi.contracts.l1.L1StandardBridge.Events.ERC20WithdrawalFinalized;
import io.merapi.contracts.l1.L1StandardBridge.Events.ETHBridgeFinalized;
import io.merapi.contracts.l1.L1StandardBridge.Events.ETHBridgeInitiated;
import io.merapi.contracts.l1.L1StandardBridge.Events.ETHDepositInitiated;
import io.merapi.contracts.l1.L1StandardBridge.Events.ETHWithdrawalFinalized;
import io.merapi.contracts.l1.OptimismPortal.Events.TransactionDeposited;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.types.receipt.Log;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L1StandardBridge behind its proxy with the real L1 messenger and OptimismPortal: deposits
 * leave as the portal's TransactionDeposited carrying exactly the L2 messenger's relayMessage of
 * the L2 bridge's finalize call (specs bridges.md, deposits.md); the legacy deposit and withdrawal
 * functions and events of the Optimism SDK are there.
 */
class L1StandardBridgeTest {
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");
  private final Address l2Token = TestChain.address("L2 token");
  private final Bytes extra = Bytes.fromHex("0xbeef");
  private L1System l1;
  private TestChain chain;
  private Address l1Token;

  @BeforeEach
  void setUp() {
    l1 = new L1System();
    chain = l1.chain;
    chain.setBalance(alice, ether(100));
    l1Token = chain.deploy(alice, TestContracts.plainToken());
    TestContracts.setPlainBalance(chain, l1Token, alice, UInt256.valueOf(10_000));
  }

  /** The portal's TransactionDeposited of a bridge message sent with {@code nonce}. */
  private TransactionDeposited expectedDeposit(
      UInt256 nonce, UInt256 value, long minGas, Bytes finalizeCall) {
    Bytes relay =
        Messages.encodeV1(nonce, l1.bridge, L2_STANDARD_BRIDGE, value, minGas, finalizeCall);
    return new TransactionDeposited(
        Messages.alias(l1.messenger),
        L2_CROSS_DOMAIN_MESSENGER,
        UInt256.ZERO,
        opaqueData(value, value, Messages.baseGas(finalizeCall.length(), minGas), relay));
  }

  private UInt256 nonce() {
    return chain.call(l1.messenger, L1CrossDomainMessenger.messageNonce());
  }

  @Test
  void isInitializedAsTheDeploymentDoes() {
    Address b = l1.bridge;
    assertThat(chain.call(b, L1StandardBridge.messenger())).isEqualTo(l1.messenger);
    assertThat(chain.call(b, L1StandardBridge.MESSENGER())).isEqualTo(l1.messenger);
    assertThat(chain.call(b, L1StandardBridge.otherBridge())).isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.call(b, L1StandardBridge.OTHER_BRIDGE())).isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.call(b, L1StandardBridge.l2TokenBridge())).isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.call(b, L1StandardBridge.superchainConfig())).isEqualTo(l1.superchainConfig);
    assertThat(chain.call(b, L1StandardBridge.systemConfig())).isEqualTo(l1.systemConfig);
    assertThat(chain.call(b, L1StandardBridge.paused())).isFalse();
    assertThat(chain.call(b, L1StandardBridge.version())).isEqualTo("2.2.1");
    assertThat(asAddress(chain.storage(b, UInt256.valueOf(3)))).isEqualTo(l1.messenger);
    assertThat(asAddress(chain.storage(b, UInt256.valueOf(4)))).isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(asAddress(chain.storage(b, UInt256.valueOf(50)))).isEqualTo(l1.superchainConfig);
    assertThat(asAddress(chain.storage(b, UInt256.valueOf(51)))).isEqualTo(l1.systemConfig);
    assertThat(reason(chain.send(alice, b, L1StandardBridge.initialize(alice, alice, alice))))
        .isEqualTo("Initializable: contract is already initialized");
    assertThat(
            reason(
                chain.send(
                    alice, l1.implementation(b), L1StandardBridge.initialize(alice, alice, alice))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void depositEthCarriesTheL2BridgesFinalizeCallThroughThePortal() {
    UInt256 amount = ether(4);
    UInt256 nonce = nonce();
    Outcome o = chain.send(alice, l1.bridge, L1StandardBridge.depositETH(150_000, extra), amount);
    o.requireSuccess();
    Bytes finalize = L1StandardBridge.finalizeBridgeETH(alice, alice, amount, extra).data();
    assertThat(TransactionDeposited.in(fromAddress(o, l1.portal)))
        .containsExactly(expectedDeposit(nonce, amount, 150_000, finalize));
    List<Log> bridgeLogs = fromAddress(o, l1.bridge);
    assertThat(bridgeLogs).hasSize(2);
    assertThat(ETHDepositInitiated.from(bridgeLogs.get(0)))
        .contains(new ETHDepositInitiated(alice, alice, amount, extra));
    assertThat(ETHBridgeInitiated.from(bridgeLogs.get(1)))
        .contains(new ETHBridgeInitiated(alice, alice, amount, extra));
    // The ETH rests in the portal, not in the bridge or the messenger.
    assertThat(chain.balance(l1.portal)).isEqualTo(amount);
    assertThat(chain.balance(l1.bridge)).isEqualTo(UInt256.ZERO);
    assertThat(chain.balance(l1.messenger)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void theOtherEthEntryPointsSendTheSameMessage() {
    UInt256 nonce = nonce();
    Outcome to =
        chain.send(alice, l1.bridge, L1StandardBridge.depositETHTo(bob, 0, extra), ether(1));
    assertThat(TransactionDeposited.in(fromAddress(to.requireSuccess(), l1.portal)))
        .containsExactly(
            expectedDeposit(
                nonce,
                ether(1),
                0,
                L1StandardBridge.finalizeBridgeETH(alice, bob, ether(1), extra).data()));
    Outcome bridgeEth =
        chain.send(alice, l1.bridge, L1StandardBridge.bridgeETH(0, extra), ether(1));
    assertThat(ETHDepositInitiated.in(bridgeEth.requireSuccess().logs()))
        .containsExactly(new ETHDepositInitiated(alice, alice, ether(1), extra));
    Outcome bridgeEthTo =
        chain.send(alice, l1.bridge, L1StandardBridge.bridgeETHTo(bob, 0, extra), ether(1));
    assertThat(ETHBridgeInitiated.in(bridgeEthTo.requireSuccess().logs()))
        .containsExactly(new ETHBridgeInitiated(alice, bob, ether(1), extra));
    // ETH sent to the bridge is deposited to the sender with RECEIVE_DEFAULT_GAS_LIMIT.
    UInt256 receiveNonce = nonce();
    Outcome received = chain.transfer(alice, l1.bridge, ether(1));
    assertThat(TransactionDeposited.in(fromAddress(received.requireSuccess(), l1.portal)))
        .containsExactly(
            expectedDeposit(
                receiveNonce,
                ether(1),
                200_000,
                L1StandardBridge.finalizeBridgeETH(alice, alice, ether(1), Bytes.EMPTY).data()));
    assertThat(chain.balance(l1.portal)).isEqualTo(ether(4));
  }

  @Test
  void depositErc20EscrowsTheTokenAndCarriesTheFinalizeCall() {
    UInt256 nonce = nonce();
    UInt256 amount = UInt256.valueOf(2_500);
    Outcome o =
        chain.send(
            alice,
            l1.bridge,
            L1StandardBridge.depositERC20(l1Token, l2Token, amount, 90_000, extra));
    o.requireSuccess();
    // On L2 the pair is seen from the other side: (l2Token, l1Token).
    Bytes finalize =
        L1StandardBridge.finalizeBridgeERC20(l2Token, l1Token, alice, alice, amount, extra).data();
    assertThat(TransactionDeposited.in(fromAddress(o, l1.portal)))
        .containsExactly(expectedDeposit(nonce, UInt256.ZERO, 90_000, finalize));
    List<Log> bridgeLogs = fromAddress(o, l1.bridge);
    assertThat(ERC20DepositInitiated.from(bridgeLogs.get(0)))
        .contains(new ERC20DepositInitiated(l1Token, l2Token, alice, alice, amount, extra));
    assertThat(ERC20BridgeInitiated.from(bridgeLogs.get(1)))
        .contains(new ERC20BridgeInitiated(l1Token, l2Token, alice, alice, amount, extra));
    assertThat(TestContracts.plainBalance(chain, l1Token, l1.bridge)).isEqualTo(amount);
    assertThat(chain.call(l1.bridge, L1StandardBridge.deposits(l1Token, l2Token)))
        .isEqualTo(amount);
    assertThat(chain.storage(l1.bridge, nestedSlot(l1Token, l2Token, 2))).isEqualTo(amount);

    Outcome to =
        chain.send(
            alice,
            l1.bridge,
            L1StandardBridge.depositERC20To(l1Token, l2Token, bob, amount, 0, extra));
    assertThat(ERC20DepositInitiated.in(to.requireSuccess().logs()))
        .containsExactly(new ERC20DepositInitiated(l1Token, l2Token, alice, bob, amount, extra));
    assertThat(chain.call(l1.bridge, L1StandardBridge.deposits(l1Token, l2Token)))
        .isEqualTo(UInt256.valueOf(5_000));
  }

  @Test
  void contractsCannotUseTheEoaDepositFunctions() {
    Address forwarder = chain.deploy(alice, TestContracts.forwarder());
    String eoaOnly = "StandardBridge: function can only be called from an EOA";
    assertThat(
            reason(
                throughContract(
                    forwarder, L1StandardBridge.depositETH(0, extra).data(), UInt256.ONE)))
        .isEqualTo(eoaOnly);
    assertThat(
            reason(
                throughContract(
                    forwarder,
                    L1StandardBridge.depositERC20(l1Token, l2Token, UInt256.ONE, 0, extra).data(),
                    UInt256.ZERO)))
        .isEqualTo(eoaOnly);
    assertThat(reason(throughContract(forwarder, Bytes.EMPTY, UInt256.ONE))).isEqualTo(eoaOnly);
    throughContract(forwarder, L1StandardBridge.depositETHTo(alice, 0, extra).data(), UInt256.ONE)
        .requireSuccess();
  }

  private Outcome throughContract(Address forwarder, Bytes call, UInt256 value) {
    return chain.send(
        alice,
        Optional.of(forwarder),
        value,
        TestContracts.command(l1.bridge, call),
        TestChain.GAS);
  }

  /**
   * A second L1StandardBridge whose messenger is the test forwarder speaking for the L2 bridge, so
   * that the finalize functions (reached in production only through a proven withdrawal, see
   * RoundTripTest) can be called directly and their refusals seen.
   */
  private Address bridgeWithForwarderMessenger(Address forwarder) {
    chain.setStorage(forwarder, UInt256.ZERO, L2_STANDARD_BRIDGE.toWord());
    Address proxy = chain.deploy(l1.owner, Proxy.deployment(l1.proxyAdmin));
    chain
        .send(
            l1.owner,
            l1.proxyAdmin,
            ProxyAdmin.upgradeAndCall(
                proxy,
                l1.implementation(l1.bridge),
                L1StandardBridge.initialize(forwarder, l1.superchainConfig, l1.systemConfig)
                    .data()))
        .requireSuccess();
    return proxy;
  }

  private Outcome finalizeThrough(
      Address forwarder, Address bridge, ContractCall<?> call, UInt256 value) {
    return chain.send(
        alice,
        Optional.of(forwarder),
        value,
        TestContracts.command(bridge, call.data()),
        TestChain.GAS);
  }

  @Test
  void theLegacyFinalizeFunctionsEmitBothEventsAndStopWhilePaused() {
    Address forwarder = chain.deploy(alice, TestContracts.forwarder());
    Address bridge = bridgeWithForwarderMessenger(forwarder);
    // Escrow some L1 tokens in this bridge first.
    chain
        .send(
            alice,
            bridge,
            L1StandardBridge.depositERC20(l1Token, l2Token, UInt256.valueOf(700), 0, extra))
        .requireSuccess();

    Outcome eth =
        finalizeThrough(
            forwarder,
            bridge,
            L1StandardBridge.finalizeETHWithdrawal(bob, alice, ether(1), extra),
            ether(1));
    List<Log> ethLogs = fromAddress(eth.requireSuccess(), bridge);
    assertThat(ETHWithdrawalFinalized.from(ethLogs.get(0)))
        .contains(new ETHWithdrawalFinalized(bob, alice, ether(1), extra));
    assertThat(ETHBridgeFinalized.from(ethLogs.get(1)))
        .contains(new ETHBridgeFinalized(bob, alice, ether(1), extra));

    Outcome erc20 =
        finalizeThrough(
            forwarder,
            bridge,
            L1StandardBridge.finalizeERC20Withdrawal(
                l1Token, l2Token, bob, bob, UInt256.valueOf(300), extra),
            UInt256.ZERO);
    List<Log> erc20Logs = fromAddress(erc20.requireSuccess(), bridge);
    assertThat(ERC20WithdrawalFinalized.from(erc20Logs.get(0)))
        .contains(
            new ERC20WithdrawalFinalized(l1Token, l2Token, bob, bob, UInt256.valueOf(300), extra));
    assertThat(ERC20BridgeFinalized.from(erc20Logs.get(1)))
        .contains(
            new ERC20BridgeFinalized(l1Token, l2Token, bob, bob, UInt256.valueOf(300), extra));
    assertThat(TestContracts.plainBalance(chain, l1Token, bob)).isEqualTo(UInt256.valueOf(300));
    assertThat(chain.call(bridge, L1StandardBridge.deposits(l1Token, l2Token)))
        .isEqualTo(UInt256.valueOf(400));

    l1.pause();
    assertThat(chain.call(bridge, L1StandardBridge.paused())).isTrue();
    assertThat(
            reason(
                finalizeThrough(
                    forwarder,
                    bridge,
                    L1StandardBridge.finalizeBridgeETH(bob, alice, ether(1), extra),
                    ether(1))))
        .isEqualTo("StandardBridge: paused");
    assertThat(
            reason(
                finalizeThrough(
                    forwarder,
                    bridge,
                    L1StandardBridge.finalizeBridgeERC20(
                        l1Token, l2Token, bob, bob, UInt256.ONE, extra),
                    UInt256.ZERO)))
        .isEqualTo("StandardBridge: paused");
    // Deposits go on while paused: the pause guards what leaves L1's custody.
    chain.send(alice, l1.bridge, L1StandardBridge.depositETH(0, extra), ether(1)).requireSuccess();
  }
}
