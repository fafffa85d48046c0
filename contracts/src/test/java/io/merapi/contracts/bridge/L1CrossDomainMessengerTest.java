package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1CrossDomainMessenger.Events.FailedRelayedMessage;
import io.merapi.contracts.l1.L1CrossDomainMessenger.Events.RelayedMessage;
import io.merapi.contracts.l1.L1CrossDomainMessenger.Events.SentMessage;
import io.merapi.contracts.l1.L1CrossDomainMessenger.Events.SentMessageExtension1;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal.Events.TransactionDeposited;
import io.merapi.contracts.l1.OptimismPortal.Events.WithdrawalFinalized;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L1CrossDomainMessenger behind its proxy with the OptimismPortal of contracts-portal: messages
 * leave as the portal's deposits to the L2 messenger, and arrive as withdrawals that the portal
 * executes while its l2Sender() is the L2 messenger (specs messengers.md, withdrawals.md).
 */
class L1CrossDomainMessengerTest {
  private L1System l1;
  private L2System l2;
  private final Address alice = TestChain.address("alice");
  private final Address stranger = TestChain.address("stranger");

  @BeforeEach
  void setUp() {
    l1 = new L1System();
    l2 = new L2System(l1.messenger, l1.bridge);
    l1.chain.setBalance(alice, ether(100));
    l2.chain.setBalance(alice, ether(100));
    // The ETH that L2 accounts hold was deposited through the portal, which holds it.
    l1.chain.setBalance(l1.portal, ether(100));
  }

  @Test
  void isInitializedAsTheDeploymentDoes() {
    TestChain c = l1.chain;
    Address m = l1.messenger;
    assertThat(c.call(m, L1CrossDomainMessenger.portal())).isEqualTo(l1.portal);
    assertThat(c.call(m, L1CrossDomainMessenger.PORTAL())).isEqualTo(l1.portal);
    assertThat(c.call(m, L1CrossDomainMessenger.superchainConfig())).isEqualTo(l1.superchainConfig);
    assertThat(c.call(m, L1CrossDomainMessenger.systemConfig())).isEqualTo(l1.systemConfig);
    assertThat(c.call(m, L1CrossDomainMessenger.otherMessenger()))
        .isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(c.call(m, L1CrossDomainMessenger.OTHER_MESSENGER()))
        .isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(c.call(m, L1CrossDomainMessenger.messageNonce()))
        .isEqualTo(Messages.versionedNonce(0, 1));
    assertThat(c.call(m, L1CrossDomainMessenger.paused())).isFalse();
    assertThat(c.call(m, L1CrossDomainMessenger.version())).isEqualTo("2.4.1");
    // superchainConfig, portal, systemConfig in slots 251 to 253 as in the OP Stack's layout.
    assertThat(asAddress(c.storage(m, UInt256.valueOf(251)))).isEqualTo(l1.superchainConfig);
    assertThat(asAddress(c.storage(m, UInt256.valueOf(252)))).isEqualTo(l1.portal);
    assertThat(asAddress(c.storage(m, UInt256.valueOf(253)))).isEqualTo(l1.systemConfig);
    assertThat(asAddress(c.storage(m, UInt256.valueOf(207)))).isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(asAddress(c.storage(m, UInt256.valueOf(204)))).isEqualTo(DEFAULT_L2_SENDER);

    assertThat(
            reason(
                c.send(
                    stranger, m, L1CrossDomainMessenger.initialize(stranger, stranger, stranger))))
        .isEqualTo("Initializable: contract is already initialized");
    assertThat(
            reason(
                c.send(
                    stranger,
                    l1.implementation(m),
                    L1CrossDomainMessenger.initialize(stranger, stranger, stranger))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void aMessageLeavesAsAPortalDepositToTheL2Messenger() {
    Address target = TestChain.address("L2 target");
    Bytes message = Bytes.fromHex("0x0102030405");
    long minGas = 77_000;
    UInt256 value = ether(3);
    UInt256 nonce = l1.chain.call(l1.messenger, L1CrossDomainMessenger.messageNonce());
    Outcome o =
        l1.chain.send(
            alice,
            l1.messenger,
            L1CrossDomainMessenger.sendMessage(target, message, minGas),
            value);
    o.requireSuccess();

    Bytes relay = Messages.encodeV1(nonce, alice, target, value, minGas, message);
    long gasLimit = Messages.baseGas(message.length(), minGas);
    List<TransactionDeposited> deposits = TransactionDeposited.in(fromAddress(o, l1.portal));
    assertThat(deposits)
        .containsExactly(
            new TransactionDeposited(
                Messages.alias(l1.messenger),
                L2_CROSS_DOMAIN_MESSENGER,
                UInt256.ZERO,
                opaqueData(value, value, gasLimit, relay)));
    List<Log> messengerLogs = fromAddress(o, l1.messenger);
    assertThat(SentMessage.from(messengerLogs.get(0)))
        .contains(new SentMessage(target, alice, message, nonce, UInt256.valueOf(minGas)));
    assertThat(SentMessageExtension1.from(messengerLogs.get(1)))
        .contains(new SentMessageExtension1(alice, value));
    assertThat(l1.chain.balance(l1.portal)).isEqualTo(ether(100).add(value));
    assertThat(l1.chain.balance(l1.messenger)).isEqualTo(UInt256.ZERO);
    assertThat(l1.chain.call(l1.messenger, L1CrossDomainMessenger.messageNonce()))
        .isEqualTo(nonce.add(UInt256.ONE));
    // baseGas also covers the portal's own minimum for the deposit's calldata.
    long portalMinimum = l1.chain.call(l1.portal, OptimismPortal.minimumGasLimit(relay.length()));
    assertThat(gasLimit).isGreaterThanOrEqualTo(portalMinimum);

    // The L2 deposit derived from the log is that call of the L2 messenger.
    DepositTransaction deposit =
        UserDeposits.fromLog(fromAddress(o, l1.portal).get(0), Hash.ZERO, 0);
    assertThat(deposit.from()).isEqualTo(Messages.alias(l1.messenger));
    assertThat(deposit.to()).contains(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(deposit.mint()).isEqualTo(value);
    assertThat(deposit.value()).isEqualTo(value);
    assertThat(deposit.gasLimit()).isEqualTo(gasLimit);
    assertThat(deposit.data()).isEqualTo(relay);
  }

  @Test
  void aWithdrawalFromTheL2MessengerIsRelayedWithItsSender() {
    Address probe = l1.chain.deploy(stranger, TestContracts.probe());
    UInt256 value = ether(2);
    Outcome sent =
        l2.chain.send(
            alice,
            L2_CROSS_DOMAIN_MESSENGER,
            L2CrossDomainMessenger.sendMessage(probe, Bytes.EMPTY, 60_000),
            value);
    MessagePassed passed = MessagePassed.in(sent.requireSuccess().logs()).get(0);
    assertThat(passed.sender()).isEqualTo(L2_CROSS_DOMAIN_MESSENGER);
    assertThat(passed.target()).isEqualTo(l1.messenger);

    Outcome finalized =
        CrossChain.proveAndFinalize(l1, l2.chain, CrossChain.withdrawal(passed), stranger);
    assertThat(WithdrawalFinalized.in(finalized.requireSuccess().logs()))
        .containsExactly(new WithdrawalFinalized(passed.withdrawalHash(), true));
    UInt256 nonce = Messages.versionedNonce(0, 1);
    Hash hash = Messages.hashV1(nonce, alice, probe, value, 60_000, Bytes.EMPTY);
    assertThat(RelayedMessage.in(fromAddress(finalized, l1.messenger)))
        .containsExactly(new RelayedMessage(hash));
    assertThat(asAddress(l1.chain.storage(probe, TestContracts.SENDER))).isEqualTo(alice);
    assertThat(l1.chain.balance(probe)).isEqualTo(value);
    assertThat(l1.chain.call(l1.messenger, L1CrossDomainMessenger.successfulMessages(hash)))
        .isTrue();
  }

  @Test
  void aFailedWithdrawalMessageIsReplayedOnL1ByAnyone() {
    Address probe = l1.chain.deploy(stranger, TestContracts.probe());
    l1.chain.setStorage(probe, TestContracts.FAIL, UInt256.ONE);
    UInt256 value = ether(1);
    MessagePassed passed =
        MessagePassed.in(
                l2.chain
                    .send(
                        alice,
                        L2_CROSS_DOMAIN_MESSENGER,
                        L2CrossDomainMessenger.sendMessage(probe, Bytes.EMPTY, 0),
                        value)
                    .requireSuccess()
                    .logs())
            .get(0);
    Outcome finalized =
        CrossChain.proveAndFinalize(l1, l2.chain, CrossChain.withdrawal(passed), stranger);
    finalized.requireSuccess();
    Hash hash = Messages.hashV1(Messages.versionedNonce(0, 1), alice, probe, value, 0, Bytes.EMPTY);
    // The portal's call succeeded: the messenger recorded the failure and holds the value.
    assertThat(WithdrawalFinalized.in(finalized.logs()))
        .containsExactly(new WithdrawalFinalized(passed.withdrawalHash(), true));
    assertThat(FailedRelayedMessage.in(finalized.logs()))
        .containsExactly(new FailedRelayedMessage(hash));
    assertThat(l1.chain.balance(l1.messenger)).isEqualTo(value);

    l1.chain.setStorage(probe, TestContracts.FAIL, UInt256.ZERO);
    l1.chain
        .send(
            stranger,
            l1.messenger,
            L1CrossDomainMessenger.relayMessage(
                Messages.versionedNonce(0, 1), alice, probe, value, UInt256.ZERO, Bytes.EMPTY))
        .requireSuccess();
    assertThat(l1.chain.balance(probe)).isEqualTo(value);
    assertThat(l1.chain.call(l1.messenger, L1CrossDomainMessenger.successfulMessages(hash)))
        .isTrue();
  }

  @Test
  void onlyTheL2MessengerSpeaksThroughThePortal() {
    // An L2 account withdraws straight to the L1 messenger with a forged relayMessage: the portal
    // executes it with l2Sender() = that account, so the messenger refuses the relay.
    Address probe = l1.chain.deploy(stranger, TestContracts.probe());
    Bytes forged =
        Messages.encodeV1(
            Messages.versionedNonce(0, 1), alice, probe, UInt256.ZERO, 0, Bytes.EMPTY);
    MessagePassed passed =
        MessagePassed.in(
                l2.chain
                    .send(
                        alice,
                        L2_TO_L1_MESSAGE_PASSER,
                        L2ToL1MessagePasser.initiateWithdrawal(
                            l1.messenger, UInt256.valueOf(500_000), forged))
                    .requireSuccess()
                    .logs())
            .get(0);
    Outcome finalized =
        CrossChain.proveAndFinalize(l1, l2.chain, CrossChain.withdrawal(passed), stranger);
    assertThat(WithdrawalFinalized.in(finalized.requireSuccess().logs()))
        .containsExactly(new WithdrawalFinalized(passed.withdrawalHash(), false));
    assertThat(l1.chain.storage(probe, TestContracts.CALLS)).isEqualTo(UInt256.ZERO);
    Hash hash =
        Messages.hashV1(Messages.versionedNonce(0, 1), alice, probe, UInt256.ZERO, 0, Bytes.EMPTY);
    assertThat(l1.chain.call(l1.messenger, L1CrossDomainMessenger.failedMessages(hash))).isFalse();

    // Called directly, outside of any withdrawal, the relay is a replay of nothing.
    assertThat(
            reason(
                l1.chain.send(
                    stranger,
                    l1.messenger,
                    L1CrossDomainMessenger.relayMessage(
                        Messages.versionedNonce(0, 1),
                        alice,
                        probe,
                        UInt256.ZERO,
                        UInt256.ZERO,
                        Bytes.EMPTY))))
        .isEqualTo("CrossDomainMessenger: message cannot be replayed");
  }

  @Test
  void messagesToThePortalOrTheMessengerAreRefused() {
    for (Address target : new Address[] {l1.portal, l1.messenger}) {
      MessagePassed passed =
          MessagePassed.in(
                  l2.chain
                      .send(
                          alice,
                          L2_CROSS_DOMAIN_MESSENGER,
                          L2CrossDomainMessenger.sendMessage(target, Bytes.EMPTY, 0))
                      .requireSuccess()
                      .logs())
              .get(0);
      Outcome finalized =
          CrossChain.proveAndFinalize(l1, l2.chain, CrossChain.withdrawal(passed), stranger);
      // The relay reverted (it is not recorded as failed, so it can never run).
      assertThat(WithdrawalFinalized.in(finalized.requireSuccess().logs()))
          .containsExactly(new WithdrawalFinalized(passed.withdrawalHash(), false));
      assertThat(FailedRelayedMessage.in(finalized.logs())).isEmpty();
    }
  }

  @Test
  void relaysStopWhileTheSuperchainIsPaused() {
    l1.pause();
    assertThat(l1.chain.call(l1.messenger, L1CrossDomainMessenger.paused())).isTrue();
    Outcome o =
        l1.chain.send(
            stranger,
            l1.messenger,
            L1CrossDomainMessenger.relayMessage(
                Messages.versionedNonce(0, 1),
                alice,
                alice,
                UInt256.ZERO,
                UInt256.ZERO,
                Bytes.EMPTY));
    assertThat(reason(o)).isEqualTo("CrossDomainMessenger: paused");
  }

  static List<Log> fromAddress(Outcome o, Address emitter) {
    return o.logs().stream().filter(l -> l.address().equals(emitter)).toList();
  }

  /** The portal's opaqueData: mint ++ value ++ uint64 gasLimit ++ bool isCreation ++ data. */
  static Bytes opaqueData(UInt256 mint, UInt256 value, long gasLimit, Bytes data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(mint.toBytes());
    out.writeBytes(value.toBytes());
    for (int i = 7; i >= 0; i--) {
      out.write((int) (gasLimit >>> (8 * i)));
    }
    out.write(0);
    out.writeBytes(data.array());
    return Bytes.wrap(out.toByteArray());
  }
}
