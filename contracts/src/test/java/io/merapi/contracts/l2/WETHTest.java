package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.state.op.Predeploys;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WETH at 0x4200...0006 (not proxied), with WETH9's ABI, events and behaviour. */
class WETHTest {
  private static final Address WETH_ADDRESS = Predeploys.WETH;

  private final TestChain chain = TestChain.l2();
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");
  private final Address carol = TestChain.address("carol");

  @BeforeEach
  void genesis() {
    L2Genesis.unproxied(chain, WETH_ADDRESS, WETH.deployment());
    chain.setBalance(alice, TestChain.ETHER.multiply(100));
  }

  private static UInt256 wei(long n) {
    return UInt256.valueOf(n);
  }

  /** keccak256(key . slot), a mapping entry's slot. */
  private static UInt256 mappingSlot(Address key, UInt256 slot) {
    byte[] b = new byte[64];
    System.arraycopy(key.toWord().array(), 0, b, 0, 32);
    System.arraycopy(slot.toBytes(), 0, b, 32, 32);
    return UInt256.fromHash(Keccak256.digest(b));
  }

  @Test
  void metadata() {
    assertThat(chain.call(WETH_ADDRESS, WETH.name())).isEqualTo("Wrapped Ether");
    assertThat(chain.call(WETH_ADDRESS, WETH.symbol())).isEqualTo("WETH");
    assertThat(chain.call(WETH_ADDRESS, WETH.decimals())).isEqualTo(18);
    assertThat(chain.call(WETH_ADDRESS, WETH.version())).isEqualTo("1.1.0");
    assertThat(chain.call(WETH_ADDRESS, WETH.totalSupply())).isEqualTo(UInt256.ZERO);
  }

  @Test
  void depositWrapsByCallByPlainTransferAndByUnknownCalldata() {
    Outcome a = chain.send(alice, WETH_ADDRESS, WETH.deposit(), wei(100)).requireSuccess();
    assertThat(WETH.Events.Deposit.in(a.logs()))
        .containsExactly(new WETH.Events.Deposit(alice, wei(100)));
    Outcome b = chain.transfer(alice, WETH_ADDRESS, wei(20)).requireSuccess();
    assertThat(WETH.Events.Deposit.in(b.logs()))
        .containsExactly(new WETH.Events.Deposit(alice, wei(20)));
    Outcome c =
        chain
            .send(
                alice,
                Optional.of(WETH_ADDRESS),
                wei(3),
                Bytes.fromHex("0xdeadbeef"),
                TestChain.GAS)
            .requireSuccess();
    assertThat(WETH.Events.Deposit.in(c.logs()))
        .containsExactly(new WETH.Events.Deposit(alice, wei(3)));

    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(alice))).isEqualTo(wei(123));
    assertThat(chain.call(WETH_ADDRESS, WETH.totalSupply())).isEqualTo(wei(123));
    // Balances are the mapping at slot 0.
    assertThat(chain.storage(WETH_ADDRESS, mappingSlot(alice, UInt256.ZERO))).isEqualTo(wei(123));
    System.out.println("WETH deposit() gas: " + a.gasUsed());
  }

  @Test
  void withdrawUnwrapsAndRefusesMoreThanTheBalance() {
    chain.send(alice, WETH_ADDRESS, WETH.deposit(), wei(1_000)).requireSuccess();
    UInt256 before = chain.balance(alice);
    Outcome o = chain.send(alice, WETH_ADDRESS, WETH.withdraw(wei(400))).requireSuccess();
    assertThat(WETH.Events.Withdrawal.in(o.logs()))
        .containsExactly(new WETH.Events.Withdrawal(alice, wei(400)));
    assertThat(chain.balance(alice)).isEqualTo(before.add(wei(400)));
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(alice))).isEqualTo(wei(600));
    assertThat(chain.balance(WETH_ADDRESS)).isEqualTo(wei(600));

    // WETH9 reverts without a reason.
    Outcome refused = chain.send(alice, WETH_ADDRESS, WETH.withdraw(wei(601)));
    assertThat(refused.isSuccess()).isFalse();
    assertThat(refused.revertData()).isEmpty();
    System.out.println("WETH withdraw() gas: " + o.gasUsed());
  }

  @Test
  void withdrawSendsWithTheTransferStipendOnly() {
    // A holder contract whose receive function needs more than the 2,300 gas of a transfer (it
    // forwards the ETH in a call) cannot unwrap.
    Address holder = TestChain.address("holder");
    chain.setCode(holder, L2ToL1MessagePasserTest.forwarderCode(WETH_ADDRESS));
    chain.send(alice, holder, WETH.deposit(), wei(10)).requireSuccess();
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(holder))).isEqualTo(wei(10));
    assertThat(chain.send(alice, holder, WETH.withdraw(wei(10))).isSuccess()).isFalse();
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(holder))).isEqualTo(wei(10));
    // An account without code unwraps.
    chain.send(alice, WETH_ADDRESS, WETH.deposit(), wei(10)).requireSuccess();
    chain.send(alice, WETH_ADDRESS, WETH.withdraw(wei(10))).requireSuccess();
  }

  @Test
  void transfersAndAllowances() {
    chain.send(alice, WETH_ADDRESS, WETH.deposit(), wei(1_000)).requireSuccess();

    Outcome t = chain.send(alice, WETH_ADDRESS, WETH.transfer(bob, wei(100))).requireSuccess();
    assertThat(WETH.transfer(bob, wei(100)).decode(t.output().array())).isTrue();
    assertThat(WETH.Events.Transfer.in(t.logs()))
        .containsExactly(new WETH.Events.Transfer(alice, bob, wei(100)));
    assertThat(chain.send(bob, WETH_ADDRESS, WETH.transfer(carol, wei(101))).isSuccess()).isFalse();

    // A spender needs an allowance, which transferFrom spends.
    assertThat(chain.send(carol, WETH_ADDRESS, WETH.transferFrom(alice, carol, wei(1))).isSuccess())
        .isFalse();
    Outcome a = chain.send(alice, WETH_ADDRESS, WETH.approve(carol, wei(300))).requireSuccess();
    assertThat(WETH.Events.Approval.in(a.logs()))
        .containsExactly(new WETH.Events.Approval(alice, carol, wei(300)));
    assertThat(chain.call(WETH_ADDRESS, WETH.allowance(alice, carol))).isEqualTo(wei(300));
    // Allowances are the nested mapping at slot 1: keccak256(spender . keccak256(owner . 1)).
    assertThat(chain.storage(WETH_ADDRESS, mappingSlot(carol, mappingSlot(alice, UInt256.ONE))))
        .isEqualTo(wei(300));

    chain.send(carol, WETH_ADDRESS, WETH.transferFrom(alice, bob, wei(250))).requireSuccess();
    assertThat(chain.call(WETH_ADDRESS, WETH.allowance(alice, carol))).isEqualTo(wei(50));
    assertThat(chain.send(carol, WETH_ADDRESS, WETH.transferFrom(alice, bob, wei(51))).isSuccess())
        .isFalse();
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(bob))).isEqualTo(wei(350));
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(alice))).isEqualTo(wei(650));

    // An unlimited allowance is never spent.
    chain.send(alice, WETH_ADDRESS, WETH.approve(carol, UInt256.MAX_VALUE)).requireSuccess();
    chain.send(carol, WETH_ADDRESS, WETH.transferFrom(alice, carol, wei(600))).requireSuccess();
    assertThat(chain.call(WETH_ADDRESS, WETH.allowance(alice, carol))).isEqualTo(UInt256.MAX_VALUE);

    // The owner moves its own tokens with transferFrom without an allowance.
    chain.send(bob, WETH_ADDRESS, WETH.transferFrom(bob, alice, wei(50))).requireSuccess();
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(alice))).isEqualTo(wei(100));
    // Nothing is created or lost: the supply is the ETH held.
    assertThat(chain.call(WETH_ADDRESS, WETH.totalSupply())).isEqualTo(wei(1_000));
  }
}
