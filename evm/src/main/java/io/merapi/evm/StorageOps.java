package io.merapi.evm;

import io.merapi.base.uint.UInt256;

/** SLOAD and SSTORE (EIP-2200 with EIP-2929 pricing and EIP-3529 refunds), TLOAD and TSTORE. */
final class StorageOps {
  private StorageOps() {}

  static int sload(Frame f, Evm evm) {
    int t = Instructions.top(f);
    UInt256 key = Words.toUInt256(f.stack, t);
    long gas = f.gas;
    if (evm.host.accessStorage(f.address, key)) {
      gas -= GasCosts.COLD_SLOAD - GasCosts.WARM_ACCESS;
      if (gas < 0) {
        return Interpreter.outOfGas(f, evm);
      }
    }
    f.gas = gas;
    Words.setUInt256(f.stack, t, evm.host.storage(f.address, key));
    return Instructions.next(f, 0);
  }

  /**
   * SSTORE: the cost depends on the slot's original value (at the start of the transaction), its
   * current value and the new one; refunds follow EIP-2200's cases with the fork's clear refund.
   */
  static int sstore(Frame f, Evm evm) {
    long gas = f.gas;
    if (gas <= GasCosts.SSTORE_SENTRY) {
      return Interpreter.outOfGas(f, evm);
    }
    if (f.isStatic) {
      return Interpreter.fault(f, evm, Halt.WRITE_PROTECTION);
    }
    int t = Instructions.top(f);
    Host host = evm.host;
    UInt256 key = Words.toUInt256(f.stack, t);
    UInt256 value = Words.toUInt256(f.stack, t - 4);
    long cost = 0;
    if (host.accessStorage(f.address, key)) {
      cost = GasCosts.COLD_SLOAD;
    }
    UInt256 current = host.storage(f.address, key);
    long clearRefund = evm.rules.sstoreClearsRefund;
    if (current.equals(value)) {
      cost += GasCosts.WARM_ACCESS;
    } else {
      UInt256 original = host.originalStorage(f.address, key);
      if (original.equals(current)) {
        if (original.isZero()) {
          cost += GasCosts.SSTORE_SET;
        } else {
          if (value.isZero()) {
            host.addRefund(clearRefund);
          }
          cost += GasCosts.SSTORE_RESET - GasCosts.COLD_SLOAD;
        }
      } else {
        if (!original.isZero()) {
          if (current.isZero()) {
            host.subtractRefund(clearRefund);
          } else if (value.isZero()) {
            host.addRefund(clearRefund);
          }
        }
        if (original.equals(value)) {
          if (original.isZero()) {
            host.addRefund(GasCosts.SSTORE_SET - GasCosts.WARM_ACCESS);
          } else {
            host.addRefund(GasCosts.SSTORE_RESET - GasCosts.COLD_SLOAD - GasCosts.WARM_ACCESS);
          }
        }
        cost += GasCosts.WARM_ACCESS;
      }
    }
    gas -= cost;
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    host.setStorage(f.address, key, value);
    return Instructions.next(f, -2);
  }

  static int tload(Frame f, Evm evm) {
    int t = Instructions.top(f);
    UInt256 key = Words.toUInt256(f.stack, t);
    Words.setUInt256(f.stack, t, evm.host.transientStorage(f.address, key));
    return Instructions.next(f, 0);
  }

  static int tstore(Frame f, Evm evm) {
    if (f.isStatic) {
      return Interpreter.fault(f, evm, Halt.WRITE_PROTECTION);
    }
    int t = Instructions.top(f);
    evm.host.setTransientStorage(
        f.address, Words.toUInt256(f.stack, t), Words.toUInt256(f.stack, t - 4));
    return Instructions.next(f, -2);
  }
}
