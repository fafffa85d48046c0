package io.merapi.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OpNodeDeposits.Deposit;
import io.merapi.contracts.libraries.TestSolidity;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.types.receipt.Log;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deposit side both portals share (specs deposits.md "Deposit Contract"): the exact
 * TransactionDeposited log op-node derives deposits from, compared with an independent encoding,
 * decoded back as op-node does and run on L2; address aliasing; and every deposit rule.
 */
class DepositTest {
  enum Portal {
    OPTIMISM_PORTAL,
    OPTIMISM_PORTAL_2;

    Address of(L1Fixture f) {
      return this == OPTIMISM_PORTAL ? f.portal : f.portal2;
    }
  }

  private static final UInt256 ETHER = TestChain.ETHER;

  private final L1Fixture f = new L1Fixture();
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");

  private Log onlyLog(Outcome o) {
    o.requireSuccess();
    assertThat(o.logs()).hasSize(1);
    return o.logs().getFirst();
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void aDepositEmitsExactlyTheSpecLogAndRunsOnL2(Portal kind) {
    Address portal = kind.of(f);
    UInt256 mint = ETHER;
    UInt256 value = ETHER.divide(UInt256.valueOf(4));
    Bytes data = Bytes.fromHex("0xdeadbeef00ff");
    Outcome o =
        f.send(
            alice,
            portal,
            OptimismPortal2.depositTransaction(bob, value, 100_000, false, data),
            mint);

    Deposit expected = new Deposit(alice, bob, mint, value, 100_000, false, data);
    Log log = onlyLog(o);
    assertThat(log).isEqualTo(OpNodeDeposits.expectedLog(portal, expected));
    assertThat(OptimismPortal2.Events.TransactionDeposited.from(log))
        .contains(
            new OptimismPortal2.Events.TransactionDeposited(
                alice, bob, UInt256.ZERO, Bytes.wrap(OpNodeDeposits.opaqueData(expected))));
    assertThat(OpNodeDeposits.unmarshal(log)).isEqualTo(expected);
    assertThat(f.chain.balance(portal)).isEqualTo(mint);
    assertThat(f.call(portal, OptimismPortal2.balance())).isEqualTo(mint);

    // Derived as op-node derives it and run on L2: the mint arrives, the value moves.
    Outcome l2 =
        f.l2.deposit(OpNodeDeposits.toTransaction(OpNodeDeposits.unmarshal(log), Hash.ZERO, 0));
    assertThat(l2.isSuccess()).isTrue();
    assertThat(f.l2.balance(alice)).isEqualTo(mint.subtract(value));
    assertThat(f.l2.balance(bob)).isEqualTo(value);
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void aContractDepositsFromItsAlias(Portal kind) {
    Address portal = kind.of(f);
    Address depositor =
        f.chain.deploy(f.deployer, TestSolidity.contract("DepositingContract").deployment());
    Outcome o =
        f.send(
            alice,
            depositor,
            TestSolidity.call(
                "deposit(address,address,uint256,uint64,bool,bytes)",
                portal,
                bob,
                UInt256.ZERO,
                50_000L,
                false,
                Bytes.EMPTY),
            UInt256.valueOf(7));
    Deposit d = OpNodeDeposits.unmarshal(onlyLog(o));
    assertThat(d.from()).isEqualTo(OpNodeDeposits.alias(depositor)).isNotEqualTo(depositor);
    assertThat(d.mint()).isEqualTo(UInt256.valueOf(7));
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void theAliasWrapsAroundModulo2To160(Portal kind) {
    Address portal = kind.of(f);
    Address high = Address.fromHex("0xffffffffffffffffffffffffffffffffffffffff");
    byte[] code =
        f.chain.code(
            f.chain.deploy(f.deployer, TestSolidity.contract("DepositingContract").deployment()));
    f.chain.setCode(high, code);
    Outcome o =
        f.send(
            alice,
            high,
            TestSolidity.call(
                "deposit(address,address,uint256,uint64,bool,bytes)",
                portal,
                bob,
                UInt256.ZERO,
                50_000L,
                false,
                Bytes.EMPTY));
    assertThat(OpNodeDeposits.unmarshal(onlyLog(o)).from())
        .isEqualTo(Address.fromHex("0x1111000000000000000000000000000000001110"));
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void sendingEthToThePortalDepositsItToTheSender(Portal kind) {
    Address portal = kind.of(f);
    f.chain.setBalance(alice, ETHER);
    Outcome o = f.chain.transfer(alice, portal, ETHER);
    assertThat(OpNodeDeposits.unmarshal(onlyLog(o)))
        .isEqualTo(new Deposit(alice, alice, ETHER, ETHER, 100_000, false, Bytes.EMPTY));

    // From a contract: to the contract's own address, from its alias.
    Address depositor =
        f.chain.deploy(f.deployer, TestSolidity.contract("DepositingContract").deployment());
    Outcome viaContract =
        f.send(alice, depositor, TestSolidity.call("send(address)", portal), UInt256.valueOf(5));
    assertThat(OpNodeDeposits.unmarshal(onlyLog(viaContract)))
        .isEqualTo(
            new Deposit(
                OpNodeDeposits.alias(depositor),
                depositor,
                UInt256.valueOf(5),
                UInt256.valueOf(5),
                100_000,
                false,
                Bytes.EMPTY));
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void aCreationHasNoTarget(Portal kind) {
    Address portal = kind.of(f);
    Bytes initCode = Bytes.fromHex("0x600a600c600039600a6000f3602a60005260206000f3");
    Outcome o =
        f.send(
            alice,
            portal,
            OptimismPortal2.depositTransaction(
                Address.ZERO, UInt256.ZERO, 200_000, true, initCode));
    Deposit d = OpNodeDeposits.unmarshal(onlyLog(o));
    assertThat(d.isCreation()).isTrue();
    assertThat(d.to()).isEqualTo(Address.ZERO);
    assertThat(OpNodeDeposits.opaqueData(d)[72]).isEqualTo((byte) 1);
    assertThat(OpNodeDeposits.toTransaction(d, Hash.ZERO, 0).to()).isEqualTo(Optional.empty());

    Outcome refused =
        f.send(
            alice,
            portal,
            OptimismPortal2.depositTransaction(bob, UInt256.ZERO, 200_000, true, initCode));
    assertThat(OptimismPortal2.Errors.BadTarget.from(refused.revertData())).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void theGasLimitMustPayForTheData(Portal kind) {
    Address portal = kind.of(f);
    for (int length : new int[] {0, 1, 100, 1000}) {
      long minimum = length * 16L + 21_000;
      assertThat(f.call(portal, OptimismPortal2.minimumGasLimit(length))).isEqualTo(minimum);
      Bytes data = Bytes.wrap(new byte[length]);
      Outcome tooSmall =
          f.send(
              alice,
              portal,
              OptimismPortal2.depositTransaction(bob, UInt256.ZERO, minimum - 1, false, data));
      assertThat(OptimismPortal2.Errors.SmallGasLimit.from(tooSmall.revertData())).isPresent();
      Outcome enough =
          f.send(
              alice,
              portal,
              OptimismPortal2.depositTransaction(bob, UInt256.ZERO, minimum, false, data));
      assertThat(OpNodeDeposits.unmarshal(onlyLog(enough)).gasLimit()).isEqualTo(minimum);
    }
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void theDataIsAtMost120000Bytes(Portal kind) {
    Address portal = kind.of(f);
    long gas = 120_001L * 16 + 21_000;
    Outcome largest =
        f.send(
            alice,
            portal,
            OptimismPortal2.depositTransaction(
                bob, UInt256.ZERO, gas, false, Bytes.wrap(new byte[120_000])));
    assertThat(OpNodeDeposits.unmarshal(onlyLog(largest)).data().length()).isEqualTo(120_000);
    f.chain.mine();
    Outcome tooLarge =
        f.send(
            alice,
            portal,
            OptimismPortal2.depositTransaction(
                bob, UInt256.ZERO, gas, false, Bytes.wrap(new byte[120_001])));
    assertThat(OptimismPortal2.Errors.LargeCalldata.from(tooLarge.revertData())).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void donatedEthIsNotDeposited(Portal kind) {
    Address portal = kind.of(f);
    Outcome o = f.send(alice, portal, OptimismPortal2.donateETH(), UInt256.valueOf(1234));
    o.requireSuccess();
    assertThat(o.logs()).isEmpty();
    assertThat(f.chain.balance(portal)).isEqualTo(UInt256.valueOf(1234));
  }

  @ParameterizedTest
  @EnumSource(Portal.class)
  void depositsAreNotPaused(Portal kind) {
    // The pause stops withdrawals only (specs superchain-config.md): deposits keep flowing.
    Address portal = kind.of(f);
    f.send(f.guardian, f.superchainConfig, SuperchainConfig.pause("test")).requireSuccess();
    assertThat(f.call(portal, OptimismPortal2.paused())).isTrue();
    Outcome o =
        f.send(
            alice,
            portal,
            OptimismPortal2.depositTransaction(bob, UInt256.ZERO, 50_000, false, Bytes.EMPTY));
    assertThat(OpNodeDeposits.unmarshal(onlyLog(o)).to()).isEqualTo(bob);
  }
}
