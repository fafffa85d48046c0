package io.merapi.execution.trace;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.evm.FrameView;
import io.merapi.evm.Halt;
import io.merapi.evm.Opcodes;
import io.merapi.evm.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * geth's default tracer (the struct logger of {@code debug_traceTransaction} without a {@code
 * tracer}): one entry per instruction with pc, opcode name, gas before it and its cost, depth,
 * refund counter, the stack (unless disabled), memory and return data (when enabled), and, at SLOAD
 * and SSTORE, the storage of the running contract as far as the transaction has seen it.
 */
final class StructLogger implements Tracer {
  record Options(
      boolean disableStack,
      boolean disableStorage,
      boolean enableMemory,
      boolean enableReturnData,
      int limit) {}

  private final Options options;
  private final List<Map<String, Object>> entries = new ArrayList<>();
  private final Map<Address, TreeMap<Hash, Hash>> storage = new HashMap<>();
  private Map<String, Object> current;
  private FrameView currentFrame;
  private int currentOpcode;
  private Hash sloadKey;

  StructLogger(Options options) {
    this.options = options;
  }

  @Override
  public void beforeInstruction(FrameView frame, int pc, int opcode, long gas) {
    current = null;
    if (options.limit() > 0 && entries.size() >= options.limit()) {
      return;
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("pc", pc);
    entry.put("op", Opcodes.name(opcode));
    entry.put("gas", gas);
    entry.put("gasCost", 0L);
    entry.put("depth", frame.depth());
    int size = frame.stackSize();
    if (!options.disableStack()) {
      List<String> stack = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        stack.add(frame.stackItem(i).toQuantity());
      }
      entry.put("stack", stack);
    }
    byte[] returnData = frame.returnData();
    if (options.enableReturnData() && returnData.length > 0) {
      entry.put("returnData", Hex.encode(returnData));
    }
    if (options.enableMemory()) {
      byte[] memory = frame.memory();
      List<String> words = new ArrayList<>(memory.length / 32);
      for (int i = 0; i + 32 <= memory.length; i += 32) {
        words.add(HexFormat.of().formatHex(memory, i, i + 32));
      }
      entry.put("memory", words);
    }
    sloadKey = opcode == Opcodes.SLOAD && size >= 1 ? frame.stackItem(size - 1).toHash() : null;
    if (!options.disableStorage() && opcode == Opcodes.SSTORE && size >= 2) {
      TreeMap<Hash, Hash> seen = storage.computeIfAbsent(frame.address(), a -> new TreeMap<>());
      seen.put(frame.stackItem(size - 1).toHash(), frame.stackItem(size - 2).toHash());
      entry.put("storage", snapshot(seen));
    }
    long refund = frame.refund();
    if (refund != 0) {
      entry.put("refund", refund);
    }
    entries.add(entry);
    current = entry;
    currentFrame = frame;
    currentOpcode = opcode;
  }

  @Override
  public void afterInstruction(long gasCost) {
    if (current == null) {
      return;
    }
    current.put("gasCost", gasCost);
    if (!options.disableStorage() && currentOpcode == Opcodes.SLOAD) {
      // The slot's value is what SLOAD left on the stack; its key was the operand it replaced.
      int size = currentFrame.stackSize();
      if (size >= 1 && sloadKey != null) {
        TreeMap<Hash, Hash> seen =
            storage.computeIfAbsent(currentFrame.address(), a -> new TreeMap<>());
        seen.put(sloadKey, currentFrame.stackItem(size - 1).toHash());
        current.put("storage", snapshot(seen));
      }
    }
  }

  @Override
  public void onFault(Halt halt) {
    if (current != null) {
      current.put("error", halt.message());
    }
  }

  private static Map<String, String> snapshot(TreeMap<Hash, Hash> seen) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<Hash, Hash> slot : seen.entrySet()) {
      out.put(
          HexFormat.of().formatHex(slot.getKey().array()),
          HexFormat.of().formatHex(slot.getValue().array()));
    }
    return out;
  }

  /** geth's {@code ExecutionResult}: gas used, failure, return value (hex without 0x), logs. */
  Map<String, Object> result(long gasUsed, boolean failed, boolean reverted, byte[] output) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gas", gasUsed);
    out.put("failed", failed);
    out.put("returnValue", failed && !reverted ? "" : HexFormat.of().formatHex(output));
    out.put("structLogs", entries);
    return out;
  }
}
