package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.Optional;

/**
 * CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 and SELFDESTRUCT. A call or creation
 * charges its gas here, pops its arguments and leaves the child message in {@link Frame#pending};
 * the {@link Evm} runs the child on its explicit frame stack and pushes the result when the parent
 * resumes.
 */
final class CallOps {
  private CallOps() {}

  static int call(Frame f, Evm evm, CallKind kind) {
    long[] s = f.stack;
    int t = Instructions.top(f);
    boolean hasValue = kind == CallKind.CALL || kind == CallKind.CALLCODE;
    int in = hasValue ? t - 12 : t - 8; // inOffset, then inSize, retOffset, retSize below it
    Address to = Words.toAddress(s, t - 4);
    UInt256 value = hasValue ? Words.toUInt256(s, t - 8) : UInt256.ZERO;
    boolean transfersValue = !value.isZero();

    long gas = AccountOps.access(evm, to, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    // EIP-7702: a call to a delegated account runs the target's code and pays for accessing it.
    Address codeAddress = to;
    boolean delegated = false;
    if (evm.rules.setCode) {
      Optional<Address> target = Delegation.of(evm.host, to);
      if (target.isPresent()) {
        codeAddress = target.get();
        delegated = true;
        gas -=
            evm.host.accessAccount(codeAddress)
                ? GasCosts.COLD_ACCOUNT_ACCESS
                : GasCosts.WARM_ACCESS;
        if (gas < 0) {
          return Interpreter.outOfGas(f, evm);
        }
      }
    }
    long inOffset = MemoryOps.position(s, in);
    long inSize = MemoryOps.position(s, in - 4);
    long retOffset = MemoryOps.position(s, in - 8);
    long retSize = MemoryOps.position(s, in - 12);
    gas = MemoryOps.expand(f, gas, inOffset, inSize);
    if (gas >= 0) {
      gas = MemoryOps.expand(f, gas, retOffset, retSize);
    }
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    if (transfersValue) {
      gas -= GasCosts.CALL_VALUE;
      if (kind == CallKind.CALL && evm.host.isEmpty(to)) {
        gas -= GasCosts.NEW_ACCOUNT;
      }
      if (gas < 0) {
        return Interpreter.outOfGas(f, evm);
      }
    }
    // EIP-150: a call gets at most all but one 64th of the gas left.
    long requested = Words.clampToLong(s, t);
    long callGas = Math.min(requested, gas - gas / 64);
    gas -= callGas;
    if (kind == CallKind.CALL && transfersValue && f.isStatic) {
      f.gas = gas;
      return Interpreter.fault(f, evm, Halt.WRITE_PROTECTION);
    }
    if (transfersValue) {
      callGas += GasCosts.CALL_STIPEND;
    }
    byte[] input = inSize == 0 ? Evm.EMPTY_BYTES : f.memory.slice((int) inOffset, (int) inSize);
    Message child =
        switch (kind) {
          case CALL ->
              new Message(
                  kind,
                  f.address,
                  to,
                  codeAddress,
                  value,
                  input,
                  callGas,
                  f.isStatic,
                  Hash.ZERO,
                  delegated);
          case CALLCODE ->
              new Message(
                  kind,
                  f.address,
                  f.address,
                  codeAddress,
                  value,
                  input,
                  callGas,
                  f.isStatic,
                  Hash.ZERO,
                  delegated);
          case DELEGATECALL ->
              new Message(
                  kind,
                  f.caller,
                  f.address,
                  codeAddress,
                  f.value,
                  input,
                  callGas,
                  f.isStatic,
                  Hash.ZERO,
                  delegated);
          default ->
              new Message(
                  kind,
                  f.address,
                  to,
                  codeAddress,
                  UInt256.ZERO,
                  input,
                  callGas,
                  true,
                  Hash.ZERO,
                  delegated);
        };
    f.pending = child;
    f.returnOffset = retOffset;
    f.returnSize = retSize;
    f.gas = gas;
    f.sp -= hasValue ? 7 : 6;
    f.pc++;
    return Interpreter.SUSPEND;
  }

  static int create(Frame f, Evm evm, CallKind kind) {
    long[] s = f.stack;
    int t = Instructions.top(f);
    UInt256 value = Words.toUInt256(s, t);
    long offset = MemoryOps.position(s, t - 4);
    long length = MemoryOps.position(s, t - 8);
    long gas = MemoryOps.expand(f, f.gas, offset, length);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    if (evm.rules.initcodeLimit) {
      if (length > GasCosts.MAX_INITCODE_SIZE) {
        f.gas = gas;
        return Interpreter.fault(f, evm, Halt.INITCODE_SIZE_EXCEEDED);
      }
      gas -= GasCosts.INITCODE_WORD * GasCosts.words(length);
    }
    if (kind == CallKind.CREATE2) {
      gas -= GasCosts.KECCAK256_WORD * GasCosts.words(length);
    }
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    if (f.isStatic) {
      f.gas = gas;
      return Interpreter.fault(f, evm, Halt.WRITE_PROTECTION);
    }
    Hash salt = kind == CallKind.CREATE2 ? Words.toHash(s, t - 12) : Hash.ZERO;
    long callGas = gas - gas / 64;
    gas -= callGas;
    byte[] initcode = length == 0 ? Evm.EMPTY_BYTES : f.memory.slice((int) offset, (int) length);
    f.pending =
        new Message(
            kind, f.address, Address.ZERO, Address.ZERO, value, initcode, callGas, false, salt);
    f.returnOffset = 0;
    f.returnSize = 0;
    f.gas = gas;
    f.sp -= kind == CallKind.CREATE2 ? 4 : 3;
    f.pc++;
    return Interpreter.SUSPEND;
  }

  /**
   * SELFDESTRUCT: sends the whole balance to the beneficiary and halts. Since EIP-6780 the account
   * is only deleted if it was created in the same transaction; before, always.
   */
  static int selfDestruct(Frame f, Evm evm) {
    Host host = evm.host;
    Address beneficiary = Words.toAddress(f.stack, Instructions.top(f));
    long gas = f.gas;
    if (host.accessAccount(beneficiary)) {
      gas -= GasCosts.COLD_ACCOUNT_ACCESS;
    }
    UInt256 balance = host.balance(f.address);
    if (!balance.isZero() && host.isEmpty(beneficiary)) {
      gas -= GasCosts.SELFDESTRUCT_NEW_ACCOUNT;
    }
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    if (f.isStatic) {
      f.gas = gas;
      return Interpreter.fault(f, evm, Halt.WRITE_PROTECTION);
    }
    if (evm.rules.selfdestructRefund && !host.hasSelfDestructed(f.address)) {
      host.addRefund(GasCosts.SELFDESTRUCT_REFUND);
    }
    f.gas = gas;
    f.sp--;
    if (evm.rules.selfdestructOnlyNew) {
      host.subtractBalance(f.address, balance);
      host.addBalance(beneficiary, balance);
      if (host.isCreatedInTransaction(f.address)) {
        host.markSelfDestructed(f.address);
      }
    } else {
      host.addBalance(beneficiary, balance);
      host.markSelfDestructed(f.address);
    }
    return Instructions.halt(f, Halt.SELFDESTRUCT, Evm.EMPTY_BYTES);
  }
}
