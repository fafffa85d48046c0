package io.merapi.execution.trace;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.CallKind;
import io.merapi.evm.CallResult;
import io.merapi.evm.Halt;
import io.merapi.evm.Message;
import io.merapi.evm.Tracer;
import io.merapi.rpc.RevertReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * geth's {@code callTracer}: the tree of call frames that ran code, each with its type, sender,
 * recipient, value, gas given and used, input, output, and for a failed frame its error (and the
 * decoded revert reason). {@code onlyTopCall} keeps the outermost frame only. The outermost frame
 * reports the transaction's gas limit and gas used, as geth does.
 *
 * <p>Calls that run no code (precompiles, accounts without code) do not start an EVM frame here and
 * are not listed as sub-calls.
 */
final class CallTracer implements Tracer {
  private final boolean onlyTopCall;
  private final Deque<Map<String, Object>> stack = new ArrayDeque<>();
  private Map<String, Object> top;

  CallTracer(boolean onlyTopCall) {
    this.onlyTopCall = onlyTopCall;
  }

  @Override
  public void onFrameStart(int depth, CallKind kind, Message message) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", typeName(kind));
    frame.put("from", message.caller().toHex());
    frame.put("gas", Hex.quantity(message.gas()));
    frame.put("gasUsed", Hex.quantity(0));
    if (!kind.isCreate()) {
      frame.put("to", message.recipient().toHex());
    }
    frame.put("input", Hex.encode(message.input()));
    if (kind == CallKind.CALL || kind == CallKind.CALLCODE || kind.isCreate()) {
      frame.put("value", message.value().toQuantity());
    }
    if (depth == 1) {
      top = frame;
    }
    stack.push(frame);
  }

  @Override
  public void onFrameEnd(int depth, CallResult result, long gasUsed) {
    if (stack.isEmpty()) {
      return;
    }
    Map<String, Object> frame = stack.pop();
    frame.put("gasUsed", Hex.quantity(gasUsed));
    result.createdAddress().ifPresent(a -> frame.put("to", a.toHex()));
    if (result.output().length > 0) {
      frame.put("output", Hex.encode(result.output()));
    }
    if (!result.isSuccess()) {
      frame.put("error", result.halt().message());
      if (result.halt() == Halt.REVERT) {
        RevertReason.decode(result.output()).ifPresent(r -> frame.put("revertReason", r));
      }
    }
    Map<String, Object> parent = stack.peek();
    if (parent != null && !onlyTopCall) {
      @SuppressWarnings("unchecked")
      List<Object> calls =
          (List<Object>) parent.computeIfAbsent("calls", k -> new ArrayList<Object>());
      calls.add(frame);
    }
  }

  /** The transaction's side of the outermost frame. */
  record TopCall(
      Address from,
      Optional<Address> to,
      boolean create,
      UInt256 value,
      byte[] input,
      long gasLimit,
      long gasUsed,
      Halt halt,
      byte[] output) {}

  /**
   * The tree, its outermost frame corrected to the transaction's view: its gas limit and gas used,
   * and for a creation the address of the contract even when it failed. A transaction whose
   * recipient has no code ran no frame: its frame is made from the transaction alone.
   */
  Map<String, Object> result(TopCall tx) {
    Map<String, Object> frame = top;
    if (frame == null) {
      frame = new LinkedHashMap<>();
      frame.put("type", tx.create() ? "CREATE" : "CALL");
      frame.put("from", tx.from().toHex());
      if (tx.output().length > 0) {
        frame.put("output", Hex.encode(tx.output()));
      }
      if (!tx.halt().isSuccess()) {
        frame.put("error", tx.halt().message());
      }
    }
    frame.put("gas", Hex.quantity(tx.gasLimit()));
    frame.put("gasUsed", Hex.quantity(tx.gasUsed()));
    Map<String, Object> f = frame;
    tx.to().ifPresent(a -> f.putIfAbsent("to", a.toHex()));
    frame.put("input", Hex.encode(tx.input()));
    frame.put("value", tx.value().toQuantity());
    return frame;
  }

  private static String typeName(CallKind kind) {
    return kind.name();
  }
}
