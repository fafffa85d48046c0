package io.merapi.evm.trace;

import io.merapi.base.bytes.Hex;
import io.merapi.evm.CallResult;
import io.merapi.evm.FrameView;
import io.merapi.evm.Halt;
import io.merapi.evm.Opcodes;
import io.merapi.evm.Tracer;
import java.io.PrintWriter;

/**
 * EIP-3155 JSON trace lines, one per instruction, in geth's field order and number formats: {@code
 * {"pc":0,"op":96,"gas":"0x..","gasCost":"0x3","memSize":0,"stack":[..],"depth":1,"refund":0,
 * "opName":"PUSH1"}}, with {@code returnData} when there is some, {@code memory} when asked for,
 * and {@code error} on a faulting instruction; and a summary line {@code
 * {"output":"..","gasUsed":"0x..","error":".."}} when the outermost frame ends.
 */
public final class Eip3155Tracer implements Tracer {
  private final PrintWriter out;
  private final boolean includeMemory;
  private final StringBuilder line = new StringBuilder(256);
  private long gasBefore;
  private boolean pending;

  public Eip3155Tracer(PrintWriter out, boolean includeMemory) {
    this.out = out;
    this.includeMemory = includeMemory;
  }

  @Override
  public void beforeInstruction(FrameView frame, int pc, int opcode, long gas) {
    flush();
    gasBefore = gas;
    line.setLength(0);
    line.append("{\"pc\":").append(pc);
    line.append(",\"op\":").append(opcode);
    line.append(",\"gas\":\"").append(Hex.quantity(gas)).append('"');
    // gasCost is filled in when the instruction ends; the rest is the state before it.
    line.append(",\"gasCost\":\"");
    int costAt = line.length();
    StringBuilder rest = new StringBuilder(128);
    if (includeMemory && frame.memorySize() > 0) {
      rest.append(",\"memory\":\"").append(Hex.encode(frame.memory())).append('"');
    }
    rest.append(",\"memSize\":").append(frame.memorySize());
    rest.append(",\"stack\":[");
    for (int i = 0; i < frame.stackSize(); i++) {
      if (i > 0) {
        rest.append(',');
      }
      rest.append('"').append(frame.stackItem(i).toQuantity()).append('"');
    }
    rest.append(']');
    byte[] returnData = frame.returnData();
    if (returnData.length > 0) {
      rest.append(",\"returnData\":\"").append(Hex.encode(returnData)).append('"');
    }
    rest.append(",\"depth\":").append(frame.depth());
    rest.append(",\"refund\":").append(frame.refund());
    rest.append(",\"opName\":\"").append(Opcodes.name(opcode)).append('"');
    line.append(rest);
    costInsertAt = costAt;
    pending = true;
  }

  private int costInsertAt;

  @Override
  public void afterInstruction(long gasCost) {
    if (pending) {
      line.insert(costInsertAt, Hex.quantity(gasCost) + "\"");
      line.append('}');
      out.println(line);
      pending = false;
    }
  }

  @Override
  public void onFault(Halt halt) {
    if (pending) {
      line.insert(costInsertAt, Hex.quantity(gasBefore) + "\"");
      line.append(",\"error\":\"").append(halt.message()).append("\"}");
      out.println(line);
      pending = false;
    }
  }

  @Override
  public void onFrameEnd(int depth, CallResult result, long gasUsed) {
    flush();
    if (depth == 1) {
      StringBuilder end = new StringBuilder();
      end.append("{\"output\":\"").append(Hex.encodePlain(result.output())).append('"');
      end.append(",\"gasUsed\":\"").append(Hex.quantity(gasUsed)).append('"');
      if (!result.isSuccess()) {
        end.append(",\"error\":\"").append(result.halt().message()).append('"');
      }
      out.println(end.append('}'));
      out.flush();
    }
  }

  private void flush() {
    if (pending) {
      afterInstruction(0);
    }
  }
}
