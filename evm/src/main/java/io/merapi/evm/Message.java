package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;

/**
 * A message call or contract creation to run: the Yellow Paper's message call parameters. For a
 * call, {@code recipient} is the account whose storage and balance the code uses and {@code
 * codeAddress} the account whose code runs (they differ for CALLCODE and DELEGATECALL). For a
 * creation, {@code input} is the init code, {@code recipient} and {@code codeAddress} are ignored
 * (the address is derived from the caller's nonce, or from {@code salt} for CREATE2).
 *
 * <p>{@code delegated} marks a call whose {@code codeAddress} came from an EIP-7702 delegation
 * designator: its code is the account's code even where a precompile lives (the EIP disables
 * precompiles as delegation targets).
 */
public record Message(
    CallKind kind,
    Address caller,
    Address recipient,
    Address codeAddress,
    UInt256 value,
    byte[] input,
    long gas,
    boolean isStatic,
    Hash salt,
    boolean delegated) {

  /** A message whose code is at {@code codeAddress} itself (not a delegation). */
  public Message(
      CallKind kind,
      Address caller,
      Address recipient,
      Address codeAddress,
      UInt256 value,
      byte[] input,
      long gas,
      boolean isStatic,
      Hash salt) {
    this(kind, caller, recipient, codeAddress, value, input, gas, isStatic, salt, false);
  }

  /**
   * The CALL of a transaction to {@code to} whose code is a delegation designator: the code at
   * {@code target} runs for {@code to}.
   */
  public static Message delegatedCall(
      Address caller, Address to, Address target, UInt256 value, byte[] input, long gas) {
    return new Message(
        CallKind.CALL, caller, to, target, value, input, gas, false, Hash.ZERO, true);
  }

  /** A CALL from {@code caller} to {@code to}. */
  public static Message call(Address caller, Address to, UInt256 value, byte[] input, long gas) {
    return new Message(CallKind.CALL, caller, to, to, value, input, gas, false, Hash.ZERO);
  }

  /** A CREATE by {@code caller} with {@code initcode}. */
  public static Message create(Address caller, UInt256 value, byte[] initcode, long gas) {
    return new Message(
        CallKind.CREATE,
        caller,
        Address.ZERO,
        Address.ZERO,
        value,
        initcode,
        gas,
        false,
        Hash.ZERO);
  }
}
