package io.merapi.evm;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.types.receipt.Log;
import java.util.ArrayList;
import java.util.List;

/** LOG0 to LOG4: a log with the frame's address, n topics and a slice of memory as data. */
final class LogOps {
  private LogOps() {}

  static int log(Frame f, Evm evm, int topics) {
    if (f.isStatic) {
      return Interpreter.fault(f, evm, Halt.WRITE_PROTECTION);
    }
    long[] s = f.stack;
    int t = Instructions.top(f);
    long offset = MemoryOps.position(s, t);
    long length = MemoryOps.position(s, t - 4);
    if (length == MemoryOps.OVERSIZED) {
      return Interpreter.outOfGas(f, evm);
    }
    long gas = f.gas - GasCosts.LOG_DATA * length;
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    gas = MemoryOps.expand(f, gas, offset, length);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    List<Hash> topicList = new ArrayList<>(topics);
    for (int i = 0; i < topics; i++) {
      topicList.add(Words.toHash(s, t - 8 - 4 * i));
    }
    byte[] data = length == 0 ? Evm.EMPTY_BYTES : f.memory.slice((int) offset, (int) length);
    evm.host.addLog(new Log(f.address, topicList, Bytes.wrap(data)));
    f.gas = gas;
    return Instructions.next(f, -2 - topics);
  }
}
