package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.state.op.Predeploys;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three fee vault predeploys behind their proxies. They share FeeVault's ABI, so the shared
 * functions are called through one binding ({@link BaseFeeVault}); each vault is deployed from its
 * own artifact.
 */
class FeeVaultTest {
  /** Types.WithdrawalNetwork. */
  private static final int L1 = 0;

  private static final int L2 = 1;

  private static final UInt256 MINIMUM = TestChain.ETHER.multiply(10);

  private final TestChain chain = TestChain.l2();
  private final Address recipient = TestChain.address("fee recipient");
  private final Address caller = TestChain.address("anyone");

  @FunctionalInterface
  interface Deployment {
    byte[] of(Address recipient, UInt256 minimum, int network);
  }

  record Vault(String name, Address address, Deployment deployment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vault> vaults() {
    return Stream.of(
        new Vault(
            "SequencerFeeVault", Predeploys.SEQUENCER_FEE_VAULT, SequencerFeeVault::deployment),
        new Vault("BaseFeeVault", Predeploys.BASE_FEE_VAULT, BaseFeeVault::deployment),
        new Vault("L1FeeVault", Predeploys.L1_FEE_VAULT, L1FeeVault::deployment));
  }

  private Address install(Vault vault, int network) {
    L2Genesis.proxied(chain, vault.address(), vault.deployment().of(recipient, MINIMUM, network));
    L2Genesis.proxied(chain, Predeploys.L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.deployment());
    return vault.address();
  }

  @ParameterizedTest
  @MethodSource("vaults")
  void gettersAnswerTheGenesisConfiguration(Vault vault) {
    Address v = install(vault, L1);
    assertThat(chain.call(v, BaseFeeVault.RECIPIENT())).isEqualTo(recipient);
    assertThat(chain.call(v, BaseFeeVault.recipient())).isEqualTo(recipient);
    assertThat(chain.call(v, BaseFeeVault.MIN_WITHDRAWAL_AMOUNT())).isEqualTo(MINIMUM);
    assertThat(chain.call(v, BaseFeeVault.minWithdrawalAmount())).isEqualTo(MINIMUM);
    assertThat(chain.call(v, BaseFeeVault.WITHDRAWAL_NETWORK())).isEqualTo(L1);
    assertThat(chain.call(v, BaseFeeVault.withdrawalNetwork())).isEqualTo(L1);
    assertThat(chain.call(v, BaseFeeVault.totalProcessed())).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(v, BaseFeeVault.version())).isEqualTo("1.5.0");
    if (vault.name().equals("SequencerFeeVault")) {
      assertThat(chain.call(v, SequencerFeeVault.l1FeeWallet())).isEqualTo(recipient);
    }
    // The configuration lives in the implementation's code: the proxy's storage holds none of it.
    assertThat(chain.storage(v).keySet())
        .containsExactlyInAnyOrder(L2Genesis.ADMIN_SLOT, L2Genesis.IMPLEMENTATION_SLOT);
  }

  @ParameterizedTest
  @MethodSource("vaults")
  void belowTheMinimumNothingIsWithdrawn(Vault vault) {
    Address v = install(vault, L2);
    chain.setBalance(v, MINIMUM.subtract(UInt256.ONE));
    Outcome refused = chain.send(caller, v, BaseFeeVault.withdraw());
    assertThat(AbiError.reason(refused.revertData()))
        .contains("FeeVault: withdrawal amount must be greater than minimum withdrawal amount");
    assertThat(chain.balance(v)).isEqualTo(MINIMUM.subtract(UInt256.ONE));
  }

  @ParameterizedTest
  @MethodSource("vaults")
  void onL2TheWholeBalanceIsTransferredToTheRecipient(Vault vault) {
    Address v = install(vault, L2);
    // Fees credited by the engine (a balance without a call), and ETH sent to receive().
    chain.setBalance(v, MINIMUM);
    chain.setBalance(caller, TestChain.ETHER);
    chain.transfer(caller, v, UInt256.valueOf(5)).requireSuccess();
    UInt256 value = MINIMUM.add(UInt256.valueOf(5));

    Outcome o = chain.send(caller, v, BaseFeeVault.withdraw()).requireSuccess();
    assertThat(chain.balance(v)).isEqualTo(UInt256.ZERO);
    assertThat(chain.balance(recipient)).isEqualTo(value);
    assertThat(chain.call(v, BaseFeeVault.totalProcessed())).isEqualTo(value);
    assertThat(chain.storage(v, UInt256.ZERO)).isEqualTo(value); // totalProcessed, slot 0
    assertThat(BaseFeeVault.Events.Withdrawal.in(o.logs()))
        .containsExactly(new BaseFeeVault.Events.Withdrawal(value, recipient, caller));
    assertThat(BaseFeeVault.Events.Withdrawal2.in(o.logs()))
        .containsExactly(new BaseFeeVault.Events.Withdrawal2(value, recipient, caller, L2));
    // The legacy event comes first, as OP emits them.
    assertThat(BaseFeeVault.Events.Withdrawal.from(o.logs().get(0))).isPresent();

    // Exactly the minimum is enough, and totalProcessed adds up.
    chain.setBalance(v, MINIMUM);
    chain.send(caller, v, BaseFeeVault.withdraw()).requireSuccess();
    assertThat(chain.call(v, BaseFeeVault.totalProcessed())).isEqualTo(value.add(MINIMUM));
    System.out.println(vault.name() + " withdraw() on L2 gas: " + o.gasUsed());
  }

  @ParameterizedTest
  @MethodSource("vaults")
  void onL2ARecipientThatRefusesEthFailsTheWithdrawal(Vault vault) {
    Address v = install(vault, L2);
    chain.setCode(recipient, Bytes.fromHex("0x5f5ffd").array()); // PUSH0 PUSH0 REVERT
    chain.setBalance(v, MINIMUM);
    Outcome refused = chain.send(caller, v, BaseFeeVault.withdraw());
    assertThat(AbiError.reason(refused.revertData()))
        .contains("FeeVault: failed to send ETH to L2 fee recipient");
    assertThat(chain.balance(v)).isEqualTo(MINIMUM);
    assertThat(chain.call(v, BaseFeeVault.totalProcessed())).isEqualTo(UInt256.ZERO);
  }

  /**
   * To L1 the vault withdraws through the L2ToL1MessagePasser directly, as OP's FeeVault does since
   * 1.5.0: a withdrawal from the vault to the recipient with 400,000 L1 gas and no data, which the
   * portal finalizes by sending the value to the recipient.
   */
  @ParameterizedTest
  @MethodSource("vaults")
  void onL1TheBalanceLeavesAsAWithdrawalToTheRecipient(Vault vault) {
    Address v = install(vault, L1);
    Address passer = Predeploys.L2_TO_L1_MESSAGE_PASSER;
    chain.setBalance(v, MINIMUM.multiply(3));

    Outcome o = chain.send(caller, v, BaseFeeVault.withdraw()).requireSuccess();
    UInt256 value = MINIMUM.multiply(3);
    UInt256 nonce = UInt256.fromLimbs(1L << 48, 0, 0, 0);
    Hash hash =
        L2ToL1MessagePasserTest.withdrawalHash(
            nonce, v, recipient, value, UInt256.valueOf(400_000), Bytes.EMPTY);
    assertThat(
            o.logs().stream()
                .flatMap(l -> L2ToL1MessagePasserTest.Withdrawal.decode(l).stream())
                .toList())
        .containsExactly(
            new L2ToL1MessagePasserTest.Withdrawal(
                nonce, v, recipient, value, UInt256.valueOf(400_000), Bytes.EMPTY, hash));
    assertThat(chain.storage(passer, L2ToL1MessagePasserTest.sentMessagesSlot(hash)))
        .isEqualTo(UInt256.ONE);
    assertThat(chain.balance(v)).isEqualTo(UInt256.ZERO);
    assertThat(chain.balance(passer)).isEqualTo(value);
    assertThat(BaseFeeVault.Events.Withdrawal2.in(o.logs()))
        .containsExactly(new BaseFeeVault.Events.Withdrawal2(value, recipient, caller, L1));
    assertThat(chain.call(v, BaseFeeVault.totalProcessed())).isEqualTo(value);
    // Logs in order: the vault's two events, then the passer's.
    assertThat(o.logs().stream().map(l -> l.address()).toList()).isEqualTo(List.of(v, v, passer));
    System.out.println(vault.name() + " withdraw() to L1 gas: " + o.gasUsed());
  }
}
