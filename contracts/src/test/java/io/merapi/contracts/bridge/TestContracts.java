package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Asm.*;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;

/**
 * Hand-assembled test-only contracts (fakes; the build compiles only the production Solidity).
 *
 * <p>The <b>probe</b> records how a messenger called it: every call counts ({@link #CALLS}), keeps
 * the value ({@link #VALUE}) and asks its caller for {@code xDomainMessageSender()} (success in
 * {@link #SENDER_OK}, answer in {@link #SENDER}). Calldata of 32 bytes or more is a command: the
 * first word is an address that the probe calls with the rest of the calldata (success in {@link
 * #FORWARD_OK}), which lets a relayed message re-enter the messenger. A non-zero {@link #FAIL} slot
 * makes every call revert, so a message can fail and then be replayed once the slot is cleared.
 *
 * <p>The <b>plain token</b> is an ERC-20 without ERC-165 (so the bridges treat it as native to its
 * chain): balanceOf, transfer and transferFrom returning true, balances at the slot numbered by the
 * holder's address, no allowances (transferFrom moves anybody's tokens: a fake), and with {@link
 * #RETURN_FALSE} set, transfers that do nothing and return false.
 *
 * <p>The <b>forwarder</b> calls the address in the first word of its calldata with the rest and
 * with the value it got, and returns or reverts with what that call returned, so that a test sees
 * the exact revert reason of a call made by a contract. It also answers {@code
 * xDomainMessageSender()} with the address in its slot 0, standing in for a messenger (shorter
 * calldata is a plain payment, accepted).
 */
final class TestContracts {
  private TestContracts() {}

  static final UInt256 FAIL = UInt256.valueOf(0);
  static final UInt256 SENDER = UInt256.valueOf(1);
  static final UInt256 VALUE = UInt256.valueOf(2);
  static final UInt256 CALLS = UInt256.valueOf(3);
  static final UInt256 FORWARD_OK = UInt256.valueOf(4);
  static final UInt256 SENDER_OK = UInt256.valueOf(5);

  /** The plain token's switch for transfers that return false (beyond any address's slot). */
  static final UInt256 RETURN_FALSE = UInt256.fromLimbs(Long.MIN_VALUE, 0, 0, 0);

  static byte[] probe() {
    Asm a = new Asm();
    a.push(0).op(SLOAD).jumpi("fail");
    a.push(3).op(SLOAD).push(1).op(ADD).push(3).op(SSTORE);
    a.op(CALLVALUE).push(2).op(SSTORE);
    // xDomainMessageSender() on the caller, answer at memory 0x20.
    a.push(0x6e296e45L).push(224).op(SHL).push(0).op(MSTORE);
    a.push(0x20).push(0x20).push(4).push(0).op(CALLER, GAS, STATICCALL);
    a.push(5).op(SSTORE);
    a.push(0x20).op(MLOAD).push(1).op(SSTORE);
    // A command: call calldata[0:32] with calldata[32:].
    a.push(0x20).op(CALLDATASIZE, LT).jumpi("done");
    a.push(0x20).op(CALLDATASIZE, SUB).push(0x20).push(0x100).op(CALLDATACOPY);
    a.push(0).push(0).push(0x20).op(CALLDATASIZE, SUB).push(0x100).push(0).push(0);
    a.op(CALLDATALOAD, GAS, CALL);
    a.push(4).op(SSTORE);
    a.label("done").op(STOP);
    a.label("fail").push(0).op(DUP1, REVERT);
    return Asm.deployment(a.build());
  }

  static byte[] forwarder() {
    Asm a = new Asm();
    a.push(0).op(CALLDATALOAD).push(224).op(SHR).push(0x6e296e45L).op(EQ).jumpi("sender");
    a.push(0x20).op(CALLDATASIZE, LT).jumpi("payment");
    a.push(0x20).op(CALLDATASIZE, SUB).push(0x20).push(0).op(CALLDATACOPY);
    a.push(0).push(0).push(0x20).op(CALLDATASIZE, SUB).push(0).op(CALLVALUE).push(0);
    a.op(CALLDATALOAD, GAS, CALL);
    a.op(RETURNDATASIZE).push(0).push(0).op(RETURNDATACOPY);
    a.jumpi("ok");
    a.op(RETURNDATASIZE).push(0).op(REVERT);
    a.label("ok").op(RETURNDATASIZE).push(0).op(RETURN);
    a.label("sender").push(0).op(SLOAD).push(0).op(MSTORE).push(0x20).push(0).op(RETURN);
    a.label("payment").op(STOP);
    return Asm.deployment(a.build());
  }

  /** The probe's (and the forwarder's) command to call {@code target} with {@code data}. */
  static Bytes command(Address target, Bytes data) {
    byte[] out = new byte[32 + data.length()];
    System.arraycopy(target.toWord().array(), 0, out, 0, 32);
    System.arraycopy(data.array(), 0, out, 32, data.length());
    return Bytes.wrap(out);
  }

  static byte[] plainToken() {
    Asm a = new Asm();
    a.push(0).op(CALLDATALOAD).push(224).op(SHR);
    a.op(DUP1).push(0x70a08231L).op(EQ).jumpi("balanceOf");
    a.op(DUP1).push(0xa9059cbbL).op(EQ).jumpi("transfer");
    a.op(DUP1).push(0x23b872ddL).op(EQ).jumpi("transferFrom");
    a.push(0).op(DUP1, REVERT);

    a.label("balanceOf").push(4).op(CALLDATALOAD, SLOAD).push(0).op(MSTORE);
    a.push(0x20).push(0).op(RETURN);

    a.label("transfer").push(RETURN_FALSE.toBytes()).op(SLOAD).jumpi("false");
    a.push(0x24).op(CALLDATALOAD).push(4).op(CALLDATALOAD, CALLER);
    move(a, "t");

    a.label("transferFrom").push(RETURN_FALSE.toBytes()).op(SLOAD).jumpi("false");
    a.push(0x44).op(CALLDATALOAD).push(0x24).op(CALLDATALOAD).push(4).op(CALLDATALOAD);
    move(a, "tf");

    a.label("false").push(0).push(0).op(MSTORE).push(0x20).push(0).op(RETURN);
    return Asm.deployment(a.build());
  }

  /** With [from, to, amount] on the stack (from on top): moves the balance and returns true. */
  private static void move(Asm a, String prefix) {
    a.op(DUP1, SLOAD, 0x83 /* DUP4 */, DUP2, LT).jumpi(prefix + "-short");
    a.op(0x83 /* DUP4 */, SWAP1, SUB, SWAP1, SSTORE);
    a.op(DUP1, SLOAD, DUP3, ADD, SWAP1, SSTORE, POP);
    a.push(1).push(0).op(MSTORE).push(0x20).push(0).op(RETURN);
    a.label(prefix + "-short").push(0).op(DUP1, REVERT);
  }

  /** Where the modern mintable token keeps its remote token (beyond any address's slot). */
  static final UInt256 REMOTE_TOKEN = UInt256.fromLimbs(Long.MIN_VALUE, 0, 0, 1);

  /**
   * A mintable token that announces (ERC-165) only IOptimismMintableERC20, not the legacy
   * interface, so that the bridges ask it remoteToken() (from slot {@link #REMOTE_TOKEN}): mint and
   * burn by anyone (a fake), balances as in the plain token.
   */
  static byte[] modernMintableToken() {
    Asm a = new Asm();
    a.push(0).op(CALLDATALOAD).push(224).op(SHR);
    a.op(DUP1).push(selector("supportsInterface(bytes4)")).op(EQ).jumpi("supports");
    a.op(DUP1).push(selector("remoteToken()")).op(EQ).jumpi("remote");
    a.op(DUP1).push(selector("mint(address,uint256)")).op(EQ).jumpi("mint");
    a.op(DUP1).push(selector("burn(address,uint256)")).op(EQ).jumpi("burn");
    a.op(DUP1).push(0x70a08231L).op(EQ).jumpi("balanceOf");
    a.push(0).op(DUP1, REVERT);

    a.label("supports").push(4).op(CALLDATALOAD).push(224).op(SHR);
    a.op(DUP1).push(0x01ffc9a7L).op(EQ, SWAP1).push(0xec4fc8e3L).op(EQ, 0x17 /* OR */);
    a.push(0).op(MSTORE).push(0x20).push(0).op(RETURN);

    a.label("remote").push(REMOTE_TOKEN.toBytes()).op(SLOAD).push(0).op(MSTORE);
    a.push(0x20).push(0).op(RETURN);

    a.label("balanceOf").push(4).op(CALLDATALOAD, SLOAD).push(0).op(MSTORE);
    a.push(0x20).push(0).op(RETURN);

    // mint: balance[to] += amount.
    a.label("mint").push(0x24).op(CALLDATALOAD).push(4).op(CALLDATALOAD);
    a.op(DUP1, SLOAD, DUP3, ADD, SWAP1, SSTORE, STOP);

    // burn: balance[from] -= amount, refusing more than the balance.
    a.label("burn").push(0x24).op(CALLDATALOAD).push(4).op(CALLDATALOAD);
    a.op(DUP1, SLOAD, DUP3, DUP2, LT).jumpi("short");
    a.op(DUP3, SWAP1, SUB, SWAP1, SSTORE, STOP);
    a.label("short").push(0).op(DUP1, REVERT);
    return Asm.deployment(a.build());
  }

  private static long selector(String signature) {
    byte[] s = io.merapi.contracts.bridge.Messages.selector(signature).array();
    return ((s[0] & 0xffL) << 24) | ((s[1] & 0xffL) << 16) | ((s[2] & 0xffL) << 8) | (s[3] & 0xffL);
  }

  /** Gives {@code holder} a balance of the plain token. */
  static void setPlainBalance(TestChain chain, Address token, Address holder, UInt256 amount) {
    chain.setStorage(token, UInt256.fromHash(holder.toWord()), amount);
  }

  static UInt256 plainBalance(TestChain chain, Address token, Address holder) {
    return chain.storage(token, UInt256.fromHash(holder.toWord()));
  }
}
