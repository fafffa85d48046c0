package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the StandardBridge (shared by both bridges; run on the L2StandardBridge
 * predeploy) with its exact reason. Refusals of calls that only a contract can make (a contract
 * calling an EOA-only function, the messenger calling a finalize function) are made through the
 * test forwarder, which bubbles up the bridge's revert data; for the finalize functions the
 * forwarder stands in for the messenger at its predeploy address and names the sender on L1.
 */
class StandardBridgeRevertsTest {
  private static final UInt256 PANIC_ARITHMETIC = UInt256.valueOf(0x11);

  private final Address l1Messenger = TestChain.address("L1CrossDomainMessenger proxy");
  private final Address l1Bridge = TestChain.address("L1StandardBridge proxy");
  private final Address l1Token = TestChain.address("L1 token");
  private final Address alice = TestChain.address("alice");
  private final Bytes extra = Bytes.EMPTY;
  private L2System l2;
  private TestChain chain;
  private Address l2Token;
  private Address forwarder;

  @BeforeEach
  void setUp() {
    l2 = new L2System(l1Messenger, l1Bridge);
    chain = l2.chain;
    l2Token = l2.createToken(l1Token, "L1 Token", "L1T");
    forwarder = chain.deploy(alice, TestContracts.forwarder());
    chain.setBalance(alice, ether(100));
  }

  /** {@code call} on the bridge made by the forwarder contract (with {@code value}). */
  private Outcome viaContract(Address contract, ContractCall<?> call, UInt256 value) {
    return chain.send(
        alice,
        Optional.of(contract),
        value,
        TestContracts.command(L2_STANDARD_BRIDGE, call.data()),
        TestChain.GAS);
  }

  /** Replaces the messenger predeploy by the forwarder, answering {@code l1Sender}. */
  private void messengerSpeaksFor(Address l1Sender) {
    chain.setCode(L2_CROSS_DOMAIN_MESSENGER, chain.code(forwarder));
    chain.setStorage(L2_CROSS_DOMAIN_MESSENGER, UInt256.ZERO, l1Sender.toWord());
  }

  private Outcome finalizeFromMessenger(ContractCall<?> call, UInt256 value) {
    return viaContract(L2_CROSS_DOMAIN_MESSENGER, call, value);
  }

  @Test
  void contractsCannotUseTheEoaEntryPoints() {
    String eoaOnly = "StandardBridge: function can only be called from an EOA";
    assertThat(reason(viaContract(forwarder, L2StandardBridge.bridgeETH(0, extra), UInt256.ONE)))
        .isEqualTo(eoaOnly);
    assertThat(
            reason(
                viaContract(
                    forwarder,
                    L2StandardBridge.bridgeERC20(l2Token, l1Token, UInt256.ONE, 0, extra),
                    UInt256.ZERO)))
        .isEqualTo(eoaOnly);
    assertThat(
            reason(
                viaContract(
                    forwarder,
                    L2StandardBridge.withdraw(LEGACY_ERC20_ETH, UInt256.ONE, 0, extra),
                    UInt256.ONE)))
        .isEqualTo(eoaOnly);
    // receive(): ETH sent without calldata.
    Outcome plain =
        chain.send(
            alice,
            Optional.of(forwarder),
            UInt256.ONE,
            TestContracts.command(L2_STANDARD_BRIDGE, Bytes.EMPTY),
            TestChain.GAS);
    assertThat(reason(plain)).isEqualTo(eoaOnly);
    // The *To variants are open to contracts.
    viaContract(forwarder, L2StandardBridge.bridgeETHTo(alice, 0, extra), UInt256.ONE)
        .requireSuccess();
  }

  @Test
  void onlyTheOtherBridgeThroughTheMessengerFinalizes() {
    String otherOnly = "StandardBridge: function can only be called from the other bridge";
    // From anyone but the messenger.
    assertThat(
            reason(
                viaContract(
                    forwarder,
                    L2StandardBridge.finalizeBridgeETH(alice, alice, UInt256.ONE, extra),
                    UInt256.ONE)))
        .isEqualTo(otherOnly);
    assertThat(
            reason(
                chain.send(
                    alice,
                    L2_STANDARD_BRIDGE,
                    L2StandardBridge.finalizeBridgeERC20(
                        l2Token, l1Token, alice, alice, UInt256.ONE, extra))))
        .isEqualTo(otherOnly);
    // From the messenger, but relaying someone other than the L1 bridge.
    messengerSpeaksFor(alice);
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeETH(alice, alice, UInt256.ONE, extra),
                    UInt256.ONE)))
        .isEqualTo(otherOnly);
  }

  @Test
  void ethFinalizationRefusals() {
    messengerSpeaksFor(l1Bridge);
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeETH(alice, alice, ether(2), extra), ether(1))))
        .isEqualTo("StandardBridge: amount sent does not match amount required");
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeETH(
                        alice, L2_STANDARD_BRIDGE, UInt256.ONE, extra),
                    UInt256.ONE)))
        .isEqualTo("StandardBridge: cannot send to self");
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeETH(
                        alice, L2_CROSS_DOMAIN_MESSENGER, UInt256.ONE, extra),
                    UInt256.ONE)))
        .isEqualTo("StandardBridge: cannot send to messenger");
    Address refusing = chain.deploy(alice, TestContracts.probe());
    chain.setStorage(refusing, TestContracts.FAIL, UInt256.ONE);
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeETH(alice, refusing, UInt256.ONE, extra),
                    UInt256.ONE)))
        .isEqualTo("StandardBridge: ETH transfer failed");
    // And the accepted case through the same path.
    finalizeFromMessenger(
            L2StandardBridge.finalizeBridgeETH(alice, alice, UInt256.ONE, extra), UInt256.ONE)
        .requireSuccess();
  }

  @Test
  void erc20FinalizationRefusals() {
    messengerSpeaksFor(l1Bridge);
    Address wrongRemote = TestChain.address("another L1 token");
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeERC20(
                        l2Token, wrongRemote, alice, alice, UInt256.ONE, extra),
                    UInt256.ZERO)))
        .isEqualTo("StandardBridge: wrong remote token for Optimism Mintable ERC20 local token");
    // A native token releases at most what its pair escrowed: checked arithmetic panics.
    Address plain = chain.deploy(alice, TestContracts.plainToken());
    Outcome overdrawn =
        finalizeFromMessenger(
            L2StandardBridge.finalizeBridgeERC20(plain, l1Token, alice, alice, UInt256.ONE, extra),
            UInt256.ZERO);
    assertThat(L2CrossDomainMessengerTest.panicCode(overdrawn)).isEqualTo(PANIC_ARITHMETIC);
    // An account without code is no token.
    Address nothing = TestChain.address("no code");
    assertThat(
            reason(
                finalizeFromMessenger(
                    L2StandardBridge.finalizeBridgeERC20(
                        nothing, l1Token, alice, alice, UInt256.ZERO, extra),
                    UInt256.ZERO)))
        .isEqualTo("Address: call to non-contract");
  }

  @Test
  void ethInitiationRefusals() {
    Outcome shortValue =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.withdraw(LEGACY_ERC20_ETH, ether(2), 0, extra),
            ether(1));
    assertThat(reason(shortValue))
        .isEqualTo("StandardBridge: bridging ETH must include sufficient ETH value");
    Outcome toShortValue =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.withdrawTo(LEGACY_ERC20_ETH, alice, ether(2), 0, extra),
            ether(3));
    assertThat(reason(toShortValue))
        .isEqualTo("StandardBridge: bridging ETH must include sufficient ETH value");
  }

  @Test
  void erc20InitiationRefusals() {
    Outcome withValue =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.withdraw(l2Token, UInt256.ZERO, 0, extra),
            UInt256.ONE);
    assertThat(reason(withValue)).isEqualTo("StandardBridge: cannot send value");
    Outcome wrongPair =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(
                l2Token, TestChain.address("another L1 token"), UInt256.ZERO, 0, extra));
    assertThat(reason(wrongPair))
        .isEqualTo("StandardBridge: wrong remote token for Optimism Mintable ERC20 local token");
    Outcome moreThanHeld =
        chain.send(
            alice, L2_STANDARD_BRIDGE, L2StandardBridge.withdraw(l2Token, UInt256.ONE, 0, extra));
    assertThat(reason(moreThanHeld)).isEqualTo("ERC20: burn amount exceeds balance");

    Outcome notAContract =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(
                TestChain.address("no code"), l1Token, UInt256.ONE, 0, extra));
    assertThat(reason(notAContract)).isEqualTo("Address: call to non-contract");

    Address plain = chain.deploy(alice, TestContracts.plainToken());
    Outcome unfunded =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(plain, l1Token, UInt256.ONE, 0, extra));
    assertThat(reason(unfunded)).isEqualTo("SafeERC20: low-level call failed");
    TestContracts.setPlainBalance(chain, plain, alice, UInt256.valueOf(10));
    chain.setStorage(plain, TestContracts.RETURN_FALSE, UInt256.ONE);
    Outcome returnsFalse =
        chain.send(
            alice,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.bridgeERC20(plain, l1Token, UInt256.ONE, 0, extra));
    assertThat(reason(returnsFalse)).isEqualTo("SafeERC20: ERC20 operation did not succeed");

    // withdraw() only knows mintable tokens: a plain token has no l1Token() to ask.
    Outcome notMintable =
        chain.send(
            alice, L2_STANDARD_BRIDGE, L2StandardBridge.withdraw(plain, UInt256.ONE, 0, extra));
    assertThat(notMintable.isSuccess()).isFalse();
    assertThat(notMintable.revertData()).isEmpty();
  }
}
