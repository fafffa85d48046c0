package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2CrossDomainMessenger.Events.FailedRelayedMessage;
import io.merapi.contracts.l2.L2CrossDomainMessenger.Events.RelayedMessage;
import io.merapi.contracts.l2.L2CrossDomainMessenger.Events.SentMessage;
import io.merapi.contracts.l2.L2CrossDomainMessenger.Events.SentMessageExtension1;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.l2.L2ToL1MessagePasser.Events.MessagePassed;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L2CrossDomainMessenger predeploy receiving messages (specs messengers.md): deliveries are
 * deposits from the aliased L1 messenger; failed messages are recorded and replayable by anyone; a
 * message runs successfully once; system targets and re-entry are refused.
 */
class L2CrossDomainMessengerTest {
  private static final UInt256 PANIC_ASSERT = UInt256.ONE;

  private final TestChain chain = TestChain.l2();
  private final Address l1Messenger = TestChain.address("L1CrossDomainMessenger proxy");
  private final Address aliasedL1Messenger = Messages.alias(l1Messenger);
  private final Address l1Sender = TestChain.address("sender on L1");
  private final Address stranger = TestChain.address("stranger");
  private final Address messenger = L2_CROSS_DOMAIN_MESSENGER;
  private Address implementation;
  private Address probe;

  @BeforeEach
  void setUp() {
    implementation =
        predeploy(
            chain,
            messenger,
            L2CrossDomainMessenger.deployment(),
            L2CrossDomainMessenger.initialize(l1Messenger));
    predeploy(chain, L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.deployment(), null);
    probe = chain.deploy(stranger, TestContracts.probe());
  }

  /** Message {@code nonce} from l1Sender to {@code target}, delivered by a deposit. */
  private Outcome deliver(long nonce, Address target, UInt256 value, long minGas, Bytes data) {
    return deliver(nonce, target, value, minGas, data, TestChain.GAS);
  }

  private Outcome deliver(
      long nonce, Address target, UInt256 value, long minGas, Bytes data, long depositGas) {
    Bytes calldata =
        Messages.encodeV1(Messages.versionedNonce(nonce, 1), l1Sender, target, value, minGas, data);
    return chain.deposit(depositTx(aliasedL1Messenger, messenger, value, depositGas, calldata));
  }

  private Hash hash(long nonce, Address target, UInt256 value, long minGas, Bytes data) {
    return Messages.hashV1(
        Messages.versionedNonce(nonce, 1), l1Sender, target, value, minGas, data);
  }

  private Outcome replay(
      Address from, long nonce, Address target, UInt256 value, long minGas, Bytes data) {
    return chain.send(
        from,
        messenger,
        L2CrossDomainMessenger.relayMessage(
            Messages.versionedNonce(nonce, 1),
            l1Sender,
            target,
            value,
            UInt256.valueOf(minGas),
            data));
  }

  @Test
  void isInitializedAsTheGenesisDoes() {
    assertThat(chain.call(messenger, L2CrossDomainMessenger.otherMessenger()))
        .isEqualTo(l1Messenger);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.OTHER_MESSENGER()))
        .isEqualTo(l1Messenger);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.l1CrossDomainMessenger()))
        .isEqualTo(l1Messenger);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.messageNonce()))
        .isEqualTo(Messages.versionedNonce(0, 1));
    assertThat(chain.call(messenger, L2CrossDomainMessenger.MESSAGE_VERSION())).isEqualTo(1);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.paused())).isFalse();
    assertThat(chain.call(messenger, L2CrossDomainMessenger.version())).isEqualTo("2.1.1");
    // The idle sender is set by initialize (slot 204), the initializer flag to 1 (slot 0, offset
    // 20).
    assertThat(asAddress(chain.storage(messenger, UInt256.valueOf(204))))
        .isEqualTo(DEFAULT_L2_SENDER);
    assertThat(chain.storage(messenger, UInt256.ZERO))
        .isEqualTo(UInt256.fromLimbs(0, 1L << 32, 0, 0));

    Outcome again = chain.send(stranger, messenger, L2CrossDomainMessenger.initialize(stranger));
    assertThat(reason(again)).isEqualTo("Initializable: contract is already initialized");
    Outcome implementationInit =
        chain.send(stranger, implementation, L2CrossDomainMessenger.initialize(stranger));
    assertThat(reason(implementationInit))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void xDomainMessageSenderIsOnlySetDuringARelay() {
    Outcome outside =
        chain.simulate(
            stranger,
            messenger,
            UInt256.ZERO,
            L2CrossDomainMessenger.xDomainMessageSender().data());
    assertThat(reason(outside)).isEqualTo("CrossDomainMessenger: xDomainMessageSender is not set");

    Outcome relayed = deliver(0, probe, UInt256.ZERO, 100_000, Bytes.EMPTY);
    relayed.requireSuccess();
    assertThat(chain.storage(probe, TestContracts.SENDER_OK)).isEqualTo(UInt256.ONE);
    assertThat(asAddress(chain.storage(probe, TestContracts.SENDER))).isEqualTo(l1Sender);
    // And reset afterwards.
    assertThat(asAddress(chain.storage(messenger, UInt256.valueOf(204))))
        .isEqualTo(DEFAULT_L2_SENDER);
  }

  @Test
  void aDeliveryFromTheAliasedL1MessengerRunsTheMessageOnce() {
    UInt256 value = ether(2);
    Bytes data = Bytes.fromHex("0x1234");
    Outcome relayed = deliver(7, probe, value, 100_000, data);
    relayed.requireSuccess();

    Hash hash = hash(7, probe, value, 100_000, data);
    assertThat(RelayedMessage.in(relayed.logs())).containsExactly(new RelayedMessage(hash));
    assertThat(relayed.logs()).allMatch(l -> l.address().equals(messenger));
    assertThat(chain.call(messenger, L2CrossDomainMessenger.successfulMessages(hash))).isTrue();
    assertThat(chain.call(messenger, L2CrossDomainMessenger.failedMessages(hash))).isFalse();
    assertThat(chain.balance(probe)).isEqualTo(value);
    assertThat(chain.storage(probe, TestContracts.VALUE)).isEqualTo(value);
    // successfulMessages is slot 203 of the OP Stack's layout, keyed by the version 1 hash.
    assertThat(chain.storage(messenger, mappingSlot(hash, 203))).isEqualTo(UInt256.ONE);

    // The same message again, whether delivered again or replayed, is refused.
    assertThat(reason(deliver(7, probe, value, 100_000, data)))
        .isEqualTo("CrossDomainMessenger: message has already been relayed");
    assertThat(reason(replay(stranger, 7, probe, value, 100_000, data)))
        .isEqualTo("CrossDomainMessenger: message cannot be replayed");
    assertThat(chain.storage(probe, TestContracts.CALLS)).isEqualTo(UInt256.ONE);
  }

  @Test
  void onlyTheAliasedL1MessengerDelivers() {
    // Anyone else (the L1 messenger's own address unaliased included) may only replay failed
    // messages, and without value.
    for (Address caller : new Address[] {stranger, l1Messenger, l1Sender}) {
      assertThat(reason(replay(caller, 0, probe, UInt256.ZERO, 0, Bytes.EMPTY)))
          .isEqualTo("CrossDomainMessenger: message cannot be replayed");
    }
    chain.setBalance(stranger, ether(1));
    Outcome withValue =
        chain.send(
            stranger,
            messenger,
            L2CrossDomainMessenger.relayMessage(
                Messages.versionedNonce(0, 1),
                l1Sender,
                probe,
                UInt256.ONE,
                UInt256.ZERO,
                Bytes.EMPTY),
            UInt256.ONE);
    assertThat(reason(withValue))
        .isEqualTo(
            "CrossDomainMessenger: value must be zero unless message is from a system address");
    assertThat(chain.storage(probe, TestContracts.CALLS)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void aFailedMessageIsRecordedAndAnyoneReplaysIt() {
    UInt256 value = ether(1);
    chain.setStorage(probe, TestContracts.FAIL, UInt256.ONE);
    Outcome failed = deliver(3, probe, value, 50_000, Bytes.EMPTY);
    // The deposit itself succeeds: the failure is recorded, the value stays in the messenger.
    failed.requireSuccess();
    Hash hash = hash(3, probe, value, 50_000, Bytes.EMPTY);
    assertThat(FailedRelayedMessage.in(failed.logs()))
        .containsExactly(new FailedRelayedMessage(hash));
    assertThat(chain.call(messenger, L2CrossDomainMessenger.failedMessages(hash))).isTrue();
    assertThat(chain.call(messenger, L2CrossDomainMessenger.successfulMessages(hash))).isFalse();
    assertThat(chain.storage(messenger, mappingSlot(hash, 206))).isEqualTo(UInt256.ONE);
    assertThat(chain.balance(messenger)).isEqualTo(value);

    // Still failing: the replay records the failure again.
    Outcome stillFailing = replay(stranger, 3, probe, value, 50_000, Bytes.EMPTY);
    stillFailing.requireSuccess();
    assertThat(FailedRelayedMessage.in(stillFailing.logs()))
        .containsExactly(new FailedRelayedMessage(hash));

    // The L1 messenger cannot deliver it a second time (the transport delivers a message once).
    assertThat(panicCode(deliver(3, probe, value, 50_000, Bytes.EMPTY))).isEqualTo(PANIC_ASSERT);

    chain.setStorage(probe, TestContracts.FAIL, UInt256.ZERO);
    Outcome replayed = replay(stranger, 3, probe, value, 50_000, Bytes.EMPTY);
    replayed.requireSuccess();
    assertThat(RelayedMessage.in(replayed.logs())).containsExactly(new RelayedMessage(hash));
    assertThat(chain.balance(probe)).isEqualTo(value);
    assertThat(chain.balance(messenger)).isEqualTo(UInt256.ZERO);
    assertThat(asAddress(chain.storage(probe, TestContracts.SENDER))).isEqualTo(l1Sender);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.successfulMessages(hash))).isTrue();
    // failedMessages keeps the record: it means "failed at least once".
    assertThat(chain.call(messenger, L2CrossDomainMessenger.failedMessages(hash))).isTrue();

    assertThat(reason(replay(stranger, 3, probe, value, 50_000, Bytes.EMPTY)))
        .isEqualTo("CrossDomainMessenger: message has already been relayed");
  }

  @Test
  void aDeliveryMustCarryExactlyTheMessageValue() {
    Bytes calldata =
        Messages.encodeV1(Messages.versionedNonce(0, 1), l1Sender, probe, ether(2), 0, Bytes.EMPTY);
    Outcome o =
        chain.deposit(depositTx(aliasedL1Messenger, messenger, ether(1), TestChain.GAS, calldata));
    assertThat(panicCode(o)).isEqualTo(PANIC_ASSERT);
  }

  @Test
  void tooLittleGasRecordsTheMessageAsFailed() {
    // The target must get 1,000,000 gas; a 400,000-gas deposit cannot give it that.
    Outcome starved = deliver(0, probe, UInt256.ZERO, 1_000_000, Bytes.EMPTY, 400_000);
    starved.requireSuccess();
    Hash hash = hash(0, probe, UInt256.ZERO, 1_000_000, Bytes.EMPTY);
    assertThat(FailedRelayedMessage.in(starved.logs()))
        .containsExactly(new FailedRelayedMessage(hash));
    assertThat(chain.storage(probe, TestContracts.CALLS)).isEqualTo(UInt256.ZERO);

    replay(stranger, 0, probe, UInt256.ZERO, 1_000_000, Bytes.EMPTY).requireSuccess();
    assertThat(chain.call(messenger, L2CrossDomainMessenger.successfulMessages(hash))).isTrue();
    assertThat(chain.storage(probe, TestContracts.CALLS)).isEqualTo(UInt256.ONE);
  }

  @Test
  void theGasOfBaseGasIsEnoughForTheTarget() {
    // A deposit given exactly baseGas(message, minGas) relays the message, whose target gets its
    // minimum gas (the relay would otherwise record a failure).
    Bytes data = Bytes.wrap(new byte[100]);
    long minGas = 300_000;
    long gas = chain.call(messenger, L2CrossDomainMessenger.baseGas(data, minGas));
    Outcome o = deliver(0, probe, UInt256.ZERO, minGas, data, gas);
    o.requireSuccess();
    assertThat(RelayedMessage.in(o.logs())).hasSize(1);
  }

  @Test
  void systemTargetsAreRefused() {
    for (Address target : new Address[] {messenger, L2_TO_L1_MESSAGE_PASSER}) {
      assertThat(reason(deliver(0, target, UInt256.ZERO, 0, Bytes.EMPTY)))
          .isEqualTo("CrossDomainMessenger: cannot send message to blocked system address");
    }
  }

  @Test
  void aRelayCannotBeReentered() {
    // Message 1 failed earlier, so anyone may replay it.
    chain.setStorage(probe, TestContracts.FAIL, UInt256.ONE);
    deliver(1, probe, UInt256.ZERO, 0, Bytes.EMPTY).requireSuccess();
    chain.setStorage(probe, TestContracts.FAIL, UInt256.ZERO);
    Hash first = hash(1, probe, UInt256.ZERO, 0, Bytes.EMPTY);

    // Message 2's target replays message 1 from inside the relay: the messenger records message 1
    // as failed again instead of running it.
    Bytes replayFirst =
        L2CrossDomainMessenger.relayMessage(
                Messages.versionedNonce(1, 1),
                l1Sender,
                probe,
                UInt256.ZERO,
                UInt256.ZERO,
                Bytes.EMPTY)
            .data();
    Bytes command = TestContracts.command(messenger, replayFirst);
    Outcome outer = deliver(2, probe, UInt256.ZERO, 200_000, command);
    outer.requireSuccess();
    Hash second = hash(2, probe, UInt256.ZERO, 200_000, command);
    assertThat(FailedRelayedMessage.in(outer.logs()))
        .containsExactly(new FailedRelayedMessage(first));
    assertThat(RelayedMessage.in(outer.logs())).containsExactly(new RelayedMessage(second));
    assertThat(chain.call(messenger, L2CrossDomainMessenger.successfulMessages(first))).isFalse();
    // The probe ran once (message 2) and its inner call returned normally.
    assertThat(chain.storage(probe, TestContracts.CALLS)).isEqualTo(UInt256.ONE);
    assertThat(chain.storage(probe, TestContracts.FORWARD_OK)).isEqualTo(UInt256.ONE);

    // Outside of a relay, message 1 replays normally.
    replay(stranger, 1, probe, UInt256.ZERO, 0, Bytes.EMPTY).requireSuccess();
    assertThat(chain.call(messenger, L2CrossDomainMessenger.successfulMessages(first))).isTrue();

    // A message whose target relays that same message: the inner relay is refused (it was never
    // failed) and the outer one succeeds once.
    Bytes self =
        L2CrossDomainMessenger.relayMessage(
                Messages.versionedNonce(3, 1),
                l1Sender,
                probe,
                UInt256.ZERO,
                UInt256.ZERO,
                Bytes.EMPTY)
            .data();
    Outcome selfReentry =
        deliver(4, probe, UInt256.ZERO, 200_000, TestContracts.command(messenger, self));
    selfReentry.requireSuccess();
    assertThat(chain.storage(probe, TestContracts.FORWARD_OK)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void onlyVersionsZeroAndOneAreRelayed() {
    Bytes calldata =
        Messages.encodeV1(
            Messages.versionedNonce(0, 2), l1Sender, probe, UInt256.ZERO, 0, Bytes.EMPTY);
    Outcome o =
        chain.deposit(
            depositTx(aliasedL1Messenger, messenger, UInt256.ZERO, TestChain.GAS, calldata));
    assertThat(reason(o))
        .isEqualTo("CrossDomainMessenger: only version 0 or 1 messages are supported at this time");
  }

  @Test
  void aLegacyMessageRunsOnceUnderEitherHash() {
    // A pre-Bedrock (version 0) message is relayed through the version 1 entry point and recorded
    // under its version 1 hash.
    UInt256 nonce = Messages.versionedNonce(42, 0);
    Bytes data = Bytes.fromHex("0xabcdef");
    Bytes calldata = Messages.encodeV1(nonce, l1Sender, probe, UInt256.ZERO, 0, data);
    Outcome o =
        chain.deposit(
            depositTx(aliasedL1Messenger, messenger, UInt256.ZERO, TestChain.GAS, calldata));
    o.requireSuccess();
    Hash v1 = Messages.hashV1(nonce, l1Sender, probe, UInt256.ZERO, 0, data);
    assertThat(RelayedMessage.in(o.logs())).containsExactly(new RelayedMessage(v1));

    // One already relayed by the legacy messenger (its legacy hash in successfulMessages) is not.
    UInt256 oldNonce = Messages.versionedNonce(43, 0);
    Hash legacy = Messages.hashV0(probe, l1Sender, data, oldNonce);
    chain.setStorage(messenger, mappingSlot(legacy, 203), UInt256.ONE);
    Bytes old = Messages.encodeV1(oldNonce, l1Sender, probe, UInt256.ZERO, 0, data);
    Outcome refused =
        chain.deposit(depositTx(aliasedL1Messenger, messenger, UInt256.ZERO, TestChain.GAS, old));
    assertThat(reason(refused))
        .isEqualTo("CrossDomainMessenger: legacy withdrawal already relayed");
  }

  @Test
  void aFailingRelayRevertsForTheEstimationAddress() {
    // eth_estimateGas from ESTIMATION_ADDRESS must see a failing relay fail, so that it searches
    // for the gas that makes it succeed.
    chain.setStorage(probe, TestContracts.FAIL, UInt256.ONE);
    deliver(5, probe, UInt256.ZERO, 0, Bytes.EMPTY).requireSuccess();
    Outcome estimated = replay(ESTIMATION_ADDRESS, 5, probe, UInt256.ZERO, 0, Bytes.EMPTY);
    assertThat(reason(estimated)).isEqualTo("CrossDomainMessenger: failed to relay message");

    chain.setStorage(probe, TestContracts.FAIL, UInt256.ZERO);
    replay(ESTIMATION_ADDRESS, 5, probe, UInt256.ZERO, 0, Bytes.EMPTY).requireSuccess();
  }

  @Test
  void theDeliveredCalldataIsTheSpecifiedEncoding() {
    // The binding's ABI encoding and the word-by-word encoding of the spec agree.
    UInt256 nonce = Messages.versionedNonce(9, 1);
    Bytes data = Bytes.fromHex("0x" + "ab".repeat(45));
    Bytes byBinding =
        L2CrossDomainMessenger.relayMessage(
                nonce, l1Sender, probe, ether(3), UInt256.valueOf(123_456), data)
            .data();
    assertThat(byBinding)
        .isEqualTo(Messages.encodeV1(nonce, l1Sender, probe, ether(3), 123_456, data));
    assertThat(Messages.RELAY_V1).isEqualTo(Bytes.fromHex("0xd764ad0b"));
    assertThat(Messages.RELAY_V0).isEqualTo(Bytes.fromHex("0xcbd4ece9"));
  }

  @Test
  void baseGasFollowsTheFormula() {
    assertThat(chain.call(messenger, L2CrossDomainMessenger.RELAY_CONSTANT_OVERHEAD()))
        .isEqualTo(200_000);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR()))
        .isEqualTo(64);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR()))
        .isEqualTo(63);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.MIN_GAS_CALLDATA_OVERHEAD()))
        .isEqualTo(16);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.RELAY_CALL_OVERHEAD()))
        .isEqualTo(40_000);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.RELAY_RESERVED_GAS()))
        .isEqualTo(40_000);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.RELAY_GAS_CHECK_BUFFER()))
        .isEqualTo(5_000);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.ENCODING_OVERHEAD())).isEqualTo(260);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.FLOOR_CALLDATA_OVERHEAD()))
        .isEqualTo(40);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.TX_BASE_GAS())).isEqualTo(21_000);

    int[] lengths = {0, 1, 31, 32, 100, 1_000, 20_000, 100_000};
    long[] minGases = {0, 1, 62, 63, 100_000, 1_000_000, 0xffffffffL};
    for (int length : lengths) {
      for (long minGas : minGases) {
        long ours =
            chain.call(
                messenger, L2CrossDomainMessenger.baseGas(Bytes.wrap(new byte[length]), minGas));
        assertThat(ours)
            .as("baseGas(%d bytes, %d)", length, minGas)
            .isEqualTo(Messages.baseGas(length, minGas));
        // Never less than OP's pre-EIP-7623 formula, nor than the floor price of the relayMessage
        // transaction's calldata.
        assertThat(ours).isGreaterThanOrEqualTo(Messages.baseGasBeforeFloor(length, minGas));
        assertThat(ours).isGreaterThanOrEqualTo(21_000 + 40L * (length + 260));
      }
    }
    // With little execution gas and a long message the floor decides: 21,000 + 40 * (len + 260).
    assertThat(
            chain.call(messenger, L2CrossDomainMessenger.baseGas(Bytes.wrap(new byte[100_000]), 0)))
        .isEqualTo(21_000 + 40L * 100_260);
    // Otherwise the execution gas: 21,000 + 285,000 + 64/63 of the minimum + 16 * (len + 260).
    assertThat(
            chain.call(messenger, L2CrossDomainMessenger.baseGas(Bytes.wrap(new byte[10]), 63_000)))
        .isEqualTo(21_000 + 285_000 + 64_000 + 16L * 270);
  }

  @Test
  void aMessageToL1LeavesThroughTheMessagePasser() {
    chain.setBalance(stranger, ether(1));
    Address l1Target = TestChain.address("L1 target");
    Bytes data = Bytes.fromHex("0xfeedface");
    UInt256 nonce = chain.call(messenger, L2CrossDomainMessenger.messageNonce());
    UInt256 passerNonce = chain.call(L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.messageNonce());
    Outcome o =
        chain.send(
            stranger,
            messenger,
            L2CrossDomainMessenger.sendMessage(l1Target, data, 90_000),
            ether(1));
    o.requireSuccess();

    WithdrawalTransaction expected =
        new WithdrawalTransaction(
            passerNonce,
            messenger,
            l1Messenger,
            ether(1),
            UInt256.valueOf(Messages.baseGas(data.length(), 90_000)),
            Messages.encodeV1(nonce, stranger, l1Target, ether(1), 90_000, data));
    assertThat(MessagePassed.in(o.logs()))
        .containsExactly(
            new MessagePassed(
                expected.nonce(),
                expected.sender(),
                expected.target(),
                expected.value(),
                expected.gasLimit(),
                expected.data(),
                CrossChain.withdrawalHash(expected)));
    assertThat(SentMessage.in(o.logs()))
        .containsExactly(new SentMessage(l1Target, stranger, data, nonce, UInt256.valueOf(90_000)));
    assertThat(SentMessageExtension1.in(o.logs()))
        .containsExactly(new SentMessageExtension1(stranger, ether(1)));
    assertThat(chain.balance(L2_TO_L1_MESSAGE_PASSER)).isEqualTo(ether(1));
    assertThat(chain.balance(messenger)).isEqualTo(UInt256.ZERO);
    // msgNonce (slot 205) counts the messages sent.
    assertThat(chain.storage(messenger, UInt256.valueOf(205))).isEqualTo(UInt256.ONE);
    assertThat(chain.call(messenger, L2CrossDomainMessenger.messageNonce()))
        .isEqualTo(nonce.add(UInt256.ONE));
  }

  static UInt256 panicCode(Outcome o) {
    assertThat(o.isSuccess()).as("expected a panic").isFalse();
    byte[] data = o.revertData();
    assertThat(Bytes.wrap(java.util.Arrays.copyOf(data, 4))).isEqualTo(Bytes.fromHex("0x4e487b71"));
    return UInt256.fromBytes(data, 4, 32);
  }
}
