package io.merapi.evm;

import io.merapi.base.bytes.Address;

/** Instructions that read other accounts, priced by EIP-2929 warm and cold access. */
final class AccountOps {
  private static final long COLD_SURCHARGE = GasCosts.COLD_ACCOUNT_ACCESS - GasCosts.WARM_ACCESS;

  private AccountOps() {}

  /** Charges the cold surcharge if {@code address} was not accessed yet; negative if out of gas. */
  static long access(Evm evm, Address address, long gas) {
    return evm.host.accessAccount(address) ? gas - COLD_SURCHARGE : gas;
  }

  static int balance(Frame f, Evm evm) {
    int t = Instructions.top(f);
    Address address = Words.toAddress(f.stack, t);
    long gas = access(evm, address, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    Words.setUInt256(f.stack, t, evm.host.balance(address));
    return Instructions.next(f, 0);
  }

  static int selfBalance(Frame f, Evm evm) {
    Words.setUInt256(f.stack, f.sp << 2, evm.host.balance(f.address));
    return Instructions.next(f, 1);
  }

  static int extCodeSize(Frame f, Evm evm) {
    int t = Instructions.top(f);
    Address address = Words.toAddress(f.stack, t);
    long gas = access(evm, address, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    StackOps.pushLong(f.stack, t, evm.host.codeSize(address));
    return Instructions.next(f, 0);
  }

  /** EXTCODEHASH (EIP-1052): zero for an empty or absent account. */
  static int extCodeHash(Frame f, Evm evm) {
    int t = Instructions.top(f);
    Address address = Words.toAddress(f.stack, t);
    long gas = access(evm, address, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    if (evm.host.isEmpty(address)) {
      WordMath.zero(f.stack, t);
    } else {
      Words.setHash(f.stack, t, evm.host.codeHash(address));
    }
    return Instructions.next(f, 0);
  }

  static int extCodeCopy(Frame f, Evm evm) {
    long[] s = f.stack;
    int t = Instructions.top(f);
    Address address = Words.toAddress(s, t);
    long gas = access(evm, address, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    byte[] code = MemoryOps.position(s, t - 12) == 0 ? Evm.EMPTY_BYTES : evm.host.code(address);
    gas = MemoryOps.copyToMemory(f, s, t - 4, t - 8, t - 12, code, code.length, gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    return Instructions.next(f, -4);
  }
}
