package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.state.op.Predeploys;
import io.merapi.types.receipt.Log;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The L2ToL1MessagePasser predeploy (specs withdrawals.md "The L2ToL1MessagePasser Contract"),
 * behind its proxy at 0x4200...0016, checked against withdrawal hashes, storage slots and event
 * decodings computed here independently of the contract.
 */
class L2ToL1MessagePasserTest {
  private static final Address PASSER = Predeploys.L2_TO_L1_MESSAGE_PASSER;

  /** Nonce 0 of version 1: 1 << 240. */
  private static final UInt256 VERSION_1 = UInt256.fromLimbs(1L << 48, 0, 0, 0);

  private final TestChain chain = TestChain.l2();
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");

  @BeforeEach
  void genesis() {
    L2Genesis.proxied(chain, PASSER, L2ToL1MessagePasser.deployment());
    chain.setBalance(alice, TestChain.ETHER.multiply(10));
  }

  /**
   * withdrawals.md "Withdrawal hash": keccak256(abi.encode(nonce, sender, target, value, gasLimit,
   * data)).
   */
  static Hash withdrawalHash(
      UInt256 nonce, Address sender, Address target, UInt256 value, UInt256 gasLimit, Bytes data) {
    AbiType.Tuple tuple =
        (AbiType.Tuple) AbiType.parse("(uint256,address,address,uint256,uint256,bytes)");
    return Keccak256.digest(
        AbiCodec.encode(tuple, List.of(nonce, sender, target, value, gasLimit, data)));
  }

  /**
   * The storage slot of sentMessages[hash]: keccak256(hash . uint256(0)), as viem's
   * getWithdrawalHashStorageSlot.
   */
  static UInt256 sentMessagesSlot(Hash withdrawalHash) {
    byte[] key = new byte[64];
    System.arraycopy(withdrawalHash.array(), 0, key, 0, 32);
    return UInt256.fromHash(Keccak256.digest(key));
  }

  /**
   * A MessagePassed log decoded as viem's getWithdrawals does with l2ToL1MessagePasserAbi: topic 0
   * the event signature hash, topics 1-3 nonce, sender and target, and the rest ABI-encoded data.
   */
  record Withdrawal(
      UInt256 nonce,
      Address sender,
      Address target,
      UInt256 value,
      UInt256 gasLimit,
      Bytes data,
      Hash withdrawalHash) {
    static final Hash TOPIC =
        Keccak256.digest(
            "MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)"
                .getBytes(StandardCharsets.UTF_8));

    static Optional<Withdrawal> decode(Log log) {
      if (log.topics().size() != 4 || !log.topics().get(0).equals(TOPIC)) {
        return Optional.empty();
      }
      List<Object> v =
          AbiCodec.decode(
              (AbiType.Tuple) AbiType.parse("(uint256,uint256,bytes,bytes32)"), log.data().array());
      return Optional.of(
          new Withdrawal(
              UInt256.fromHash(log.topics().get(1)),
              Address.fromWord(log.topics().get(2)),
              Address.fromWord(log.topics().get(3)),
              (UInt256) v.get(0),
              (UInt256) v.get(1),
              (Bytes) v.get(2),
              (Hash) v.get(3)));
    }
  }

  @Test
  void versionAndMessageVersion() {
    assertThat(chain.call(PASSER, L2ToL1MessagePasser.version())).isEqualTo("1.1.0");
    assertThat(chain.call(PASSER, L2ToL1MessagePasser.MESSAGE_VERSION())).isEqualTo(1);
    // The first nonce is 0 with version 1 in the top two bytes.
    assertThat(chain.call(PASSER, L2ToL1MessagePasser.messageNonce())).isEqualTo(VERSION_1);
  }

  @Test
  void initiateWithdrawalRecordsTheHashAtTheSlotTheProofAddresses() {
    Bytes data = Bytes.fromHex("0xdeadbeef00112233");
    UInt256 value = UInt256.valueOf(1_234_567);
    UInt256 gasLimit = UInt256.valueOf(250_000);
    Outcome o =
        chain
            .send(alice, PASSER, L2ToL1MessagePasser.initiateWithdrawal(bob, gasLimit, data), value)
            .requireSuccess();

    Hash expected = withdrawalHash(VERSION_1, alice, bob, value, gasLimit, data);
    assertThat(chain.call(PASSER, L2ToL1MessagePasser.sentMessages(expected))).isTrue();
    // The portal's proof addresses this slot of the proxy's storage (the output root commits to
    // it).
    assertThat(chain.storage(PASSER, sentMessagesSlot(expected))).isEqualTo(UInt256.ONE);
    assertThat(chain.storageProof(PASSER, sentMessagesSlot(expected).toHash())).isNotEmpty();
    // msgNonce, slot 1, counts withdrawals; the version is added only when read.
    assertThat(chain.storage(PASSER, UInt256.ONE)).isEqualTo(UInt256.ONE);
    assertThat(chain.call(PASSER, L2ToL1MessagePasser.messageNonce()))
        .isEqualTo(VERSION_1.add(UInt256.ONE));
    // The value stays here until burnt.
    assertThat(chain.balance(PASSER)).isEqualTo(value);

    Withdrawal w = Withdrawal.decode(o.logs().get(0)).orElseThrow();
    assertThat(o.logs()).hasSize(1);
    assertThat(o.logs().get(0).address()).isEqualTo(PASSER);
    assertThat(w).isEqualTo(new Withdrawal(VERSION_1, alice, bob, value, gasLimit, data, expected));
    // The binding reads the same event.
    assertThat(L2ToL1MessagePasser.Events.MessagePassed.in(o.logs()))
        .containsExactly(
            new L2ToL1MessagePasser.Events.MessagePassed(
                VERSION_1, alice, bob, value, gasLimit, data, expected));
    System.out.println("initiateWithdrawal (8 bytes of data, value) gas: " + o.gasUsed());
  }

  @Test
  void consecutiveWithdrawalsGetConsecutiveNoncesAndDistinctHashes() {
    for (int i = 0; i < 3; i++) {
      Outcome o =
          chain
              .send(
                  alice,
                  PASSER,
                  L2ToL1MessagePasser.initiateWithdrawal(bob, UInt256.valueOf(21_000), Bytes.EMPTY))
              .requireSuccess();
      UInt256 nonce = VERSION_1.add(UInt256.valueOf(i));
      Hash expected =
          withdrawalHash(nonce, alice, bob, UInt256.ZERO, UInt256.valueOf(21_000), Bytes.EMPTY);
      Withdrawal w = Withdrawal.decode(o.logs().get(0)).orElseThrow();
      assertThat(w.nonce()).isEqualTo(nonce);
      assertThat(w.withdrawalHash()).isEqualTo(expected);
      assertThat(chain.storage(PASSER, sentMessagesSlot(expected))).isEqualTo(UInt256.ONE);
    }
    assertThat(chain.storage(PASSER, UInt256.ONE)).isEqualTo(UInt256.valueOf(3));
  }

  @Test
  void sendingEthWithdrawsItToTheSenderWithTheDefaultGasLimit() {
    UInt256 value = TestChain.ETHER;
    Outcome o = chain.transfer(alice, PASSER, value).requireSuccess();
    Withdrawal w = Withdrawal.decode(o.logs().get(0)).orElseThrow();
    Hash expected =
        withdrawalHash(VERSION_1, alice, alice, value, UInt256.valueOf(100_000), Bytes.EMPTY);
    assertThat(w)
        .isEqualTo(
            new Withdrawal(
                VERSION_1, alice, alice, value, UInt256.valueOf(100_000), Bytes.EMPTY, expected));
    assertThat(chain.call(PASSER, L2ToL1MessagePasser.sentMessages(expected))).isTrue();
    System.out.println("receive() withdrawal gas: " + o.gasUsed());
  }

  @Test
  void aContractSenderIsRecordedAsItself() {
    // The sender in the hash is msg.sender: the account that called the passer, not the origin.
    Address forwarder = TestChain.address("forwarder");
    chain.setCode(forwarder, forwarderCode(PASSER));
    Outcome o =
        chain
            .send(
                alice,
                forwarder,
                L2ToL1MessagePasser.initiateWithdrawal(bob, UInt256.valueOf(7), Bytes.EMPTY),
                UInt256.valueOf(5))
            .requireSuccess();
    Withdrawal w = Withdrawal.decode(o.logs().get(0)).orElseThrow();
    assertThat(w.sender()).isEqualTo(forwarder);
    assertThat(w.withdrawalHash())
        .isEqualTo(
            withdrawalHash(
                VERSION_1, forwarder, bob, UInt256.valueOf(5), UInt256.valueOf(7), Bytes.EMPTY));
  }

  @Test
  void burnDestroysTheBalance() {
    chain.transfer(alice, PASSER, TestChain.ETHER).requireSuccess();
    chain
        .send(
            alice,
            PASSER,
            L2ToL1MessagePasser.initiateWithdrawal(bob, UInt256.ZERO, Bytes.EMPTY),
            UInt256.valueOf(3))
        .requireSuccess();
    UInt256 held = TestChain.ETHER.add(UInt256.valueOf(3));
    assertThat(chain.balance(PASSER)).isEqualTo(held);

    Outcome o = chain.send(bob, PASSER, L2ToL1MessagePasser.burn()).requireSuccess();
    assertThat(L2ToL1MessagePasser.Events.WithdrawerBalanceBurnt.in(o.logs()))
        .containsExactly(new L2ToL1MessagePasser.Events.WithdrawerBalanceBurnt(held));
    assertThat(chain.balance(PASSER)).isEqualTo(UInt256.ZERO);
    // The Burner self-destructed in its creating transaction (EIP-6780): the ETH is nowhere.
    Address burner = createdAddress(PASSER, chain.nonce(PASSER) - 1);
    assertThat(chain.balance(burner)).isEqualTo(UInt256.ZERO);
    assertThat(chain.code(burner)).isEmpty();
    // The records of the withdrawals stay.
    assertThat(chain.storage(PASSER, UInt256.ONE)).isEqualTo(UInt256.valueOf(2));
    System.out.println("burn() gas: " + o.gasUsed());
  }

  @Test
  void burnWithNothingHeldStillSucceeds() {
    Outcome o = chain.send(bob, PASSER, L2ToL1MessagePasser.burn()).requireSuccess();
    assertThat(L2ToL1MessagePasser.Events.WithdrawerBalanceBurnt.in(o.logs()))
        .containsExactly(new L2ToL1MessagePasser.Events.WithdrawerBalanceBurnt(UInt256.ZERO));
  }

  /**
   * Runtime code that calls {@code target} with its own calldata and value and reverts on failure.
   */
  static byte[] forwarderCode(Address target) {
    Bytes head = Bytes.fromHex("0x365f5f37"); // CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY
    // PUSH0 PUSH0 CALLDATASIZE PUSH0 CALLVALUE PUSH20 target GAS CALL
    byte[] call = new byte[1 + 1 + 1 + 1 + 1 + 21 + 2];
    int i = 0;
    call[i++] = 0x5f;
    call[i++] = 0x5f;
    call[i++] = 0x36;
    call[i++] = 0x5f;
    call[i++] = 0x34;
    call[i++] = 0x73;
    System.arraycopy(target.array(), 0, call, i, 20);
    i += 20;
    call[i++] = 0x5a;
    call[i] = (byte) 0xf1;
    // PUSH1 tail JUMPI PUSH0 PUSH0 REVERT JUMPDEST STOP
    int tail = head.length() + call.length + 6;
    byte[] end = {0x60, (byte) tail, 0x57, 0x5f, 0x5f, (byte) 0xfd, 0x5b, 0x00};
    byte[] code = new byte[head.length() + call.length + end.length];
    System.arraycopy(head.array(), 0, code, 0, head.length());
    System.arraycopy(call, 0, code, head.length(), call.length);
    System.arraycopy(end, 0, code, head.length() + call.length, end.length);
    return code;
  }

  /** The address CREATE gives: keccak256(rlp([sender, nonce]))[12:], for small nonces. */
  static Address createdAddress(Address sender, long nonce) {
    byte[] rlp = new byte[23];
    rlp[0] = (byte) 0xd6;
    rlp[1] = (byte) 0x94;
    System.arraycopy(sender.array(), 0, rlp, 2, 20);
    rlp[22] = nonce == 0 ? (byte) 0x80 : (byte) nonce;
    return Address.copyOf(Keccak256.hash(rlp), 12);
  }
}
