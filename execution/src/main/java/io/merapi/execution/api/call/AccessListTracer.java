package io.merapi.execution.api.call;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.FrameView;
import io.merapi.evm.Opcodes;
import io.merapi.evm.Tracer;
import io.merapi.types.transaction.AccessList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the accounts and slots a call touches (geth's {@code AccessListTracer}): slots of SLOAD
 * and SSTORE, accounts of the account-reading opcodes and of calls, except the sender, the
 * recipient and the precompiles, which are warm anyway. Sorted, so that lists compare by content.
 */
final class AccessListTracer implements Tracer {
  private final Set<Address> excluded;
  private final Map<Address, Set<Hash>> list = new TreeMap<>();

  AccessListTracer(AccessList start, Set<Address> excluded) {
    this.excluded = excluded;
    for (AccessList.Entry entry : start.entries()) {
      if (!excluded.contains(entry.address())) {
        list.computeIfAbsent(entry.address(), a -> new TreeSet<>());
      }
      for (Hash key : entry.storageKeys()) {
        list.computeIfAbsent(entry.address(), a -> new TreeSet<>()).add(key);
      }
    }
  }

  @Override
  public void beforeInstruction(FrameView frame, int pc, int opcode, long gas) {
    int size = frame.stackSize();
    switch (opcode) {
      case Opcodes.SLOAD, Opcodes.SSTORE -> {
        if (size >= 1) {
          UInt256 slot = frame.stackItem(size - 1);
          list.computeIfAbsent(frame.address(), a -> new TreeSet<>()).add(slot.toHash());
        }
      }
      case Opcodes.EXTCODECOPY,
          Opcodes.EXTCODEHASH,
          Opcodes.EXTCODESIZE,
          Opcodes.BALANCE,
          Opcodes.SELFDESTRUCT -> {
        if (size >= 1) {
          addAccount(frame.stackItem(size - 1));
        }
      }
      case Opcodes.DELEGATECALL, Opcodes.CALL, Opcodes.STATICCALL, Opcodes.CALLCODE -> {
        if (size >= 5) {
          addAccount(frame.stackItem(size - 2));
        }
      }
      default -> {}
    }
  }

  private void addAccount(UInt256 word) {
    Address address = Address.fromWord(word.toHash());
    if (!excluded.contains(address)) {
      list.computeIfAbsent(address, a -> new TreeSet<>());
    }
  }

  AccessList accessList() {
    List<AccessList.Entry> entries = new ArrayList<>(list.size());
    for (Map.Entry<Address, Set<Hash>> entry : list.entrySet()) {
      entries.add(new AccessList.Entry(entry.getKey(), List.copyOf(entry.getValue())));
    }
    return new AccessList(entries);
  }
}
