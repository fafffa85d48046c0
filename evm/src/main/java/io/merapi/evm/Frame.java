package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;

/**
 * The machine state of one call frame: program counter, gas, stack, memory, return data, and the
 * message it runs. Frames are pooled by depth in an {@link Evm} and reused, so a call does not
 * allocate a new 32 KiB stack.
 */
final class Frame implements FrameView {
  /** Stack capacity in longs: 1024 words plus two scratch words above the top (see EXP). */
  static final int STACK_LONGS = (ForkRules.MAX_STACK + 2) * 4;

  final long[] stack = new long[STACK_LONGS];
  final Memory memory = new Memory();
  final long[] scratch = new long[40];
  final byte[] wordBytes = new byte[32];

  /** Index in the frame pool: 0 for the transaction's own frame. */
  final int index;

  private final Evm evm;

  // The message being run.
  CallKind kind;
  Code code;
  byte[] bytecode;
  Address address;
  Address caller;
  Address codeAddress;
  UInt256 value;
  byte[] input;
  boolean isStatic;
  long gasLimit;
  int checkpoint;

  // Machine state.
  int pc;
  int sp;
  long gas;
  byte[] returnData;

  // Set when the frame halts.
  byte[] output;

  // Set when the frame suspends for a child message: the child and where its output goes.
  Message pending;
  long returnOffset;
  long returnSize;

  Frame(Evm evm, int index) {
    this.evm = evm;
    this.index = index;
  }

  void start(
      CallKind kind,
      Code code,
      Address address,
      Address caller,
      Address codeAddress,
      UInt256 value,
      byte[] input,
      boolean isStatic,
      long gas,
      int checkpoint) {
    this.kind = kind;
    this.code = code;
    this.bytecode = code.padded;
    this.address = address;
    this.caller = caller;
    this.codeAddress = codeAddress;
    this.value = value;
    this.input = input;
    this.isStatic = isStatic;
    this.gasLimit = gas;
    this.gas = gas;
    this.checkpoint = checkpoint;
    this.pc = 0;
    this.sp = 0;
    this.returnData = Evm.EMPTY_BYTES;
    this.output = Evm.EMPTY_BYTES;
    this.pending = null;
    memory.reset();
  }

  // ---- FrameView ----

  @Override
  public int depth() {
    return index + 1;
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public int stackSize() {
    return sp;
  }

  @Override
  public UInt256 stackItem(int i) {
    int o = i << 2;
    return UInt256.fromLimbs(stack[o + 3], stack[o + 2], stack[o + 1], stack[o]);
  }

  @Override
  public int memorySize() {
    return memory.size();
  }

  @Override
  public byte[] memory() {
    return memory.slice(0, memory.size());
  }

  @Override
  public byte[] returnData() {
    return returnData.clone();
  }

  @Override
  public long refund() {
    return evm.host.refund();
  }
}
