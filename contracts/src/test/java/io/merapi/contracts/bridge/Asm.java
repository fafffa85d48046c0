package io.merapi.contracts.bridge;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny EVM assembler for the hand-written test contracts of this package (test-only fakes: the
 * build compiles only the production Solidity). Jumps go to named labels, patched as PUSH2.
 */
final class Asm {
  static final int STOP = 0x00;
  static final int ADD = 0x01;
  static final int SUB = 0x03;
  static final int LT = 0x10;
  static final int GT = 0x11;
  static final int EQ = 0x14;
  static final int ISZERO = 0x15;
  static final int SHL = 0x1b;
  static final int SHR = 0x1c;
  static final int CALLER = 0x33;
  static final int CALLVALUE = 0x34;
  static final int CALLDATALOAD = 0x35;
  static final int CALLDATASIZE = 0x36;
  static final int CALLDATACOPY = 0x37;
  static final int CODECOPY = 0x39;
  static final int RETURNDATASIZE = 0x3d;
  static final int RETURNDATACOPY = 0x3e;
  static final int POP = 0x50;
  static final int MLOAD = 0x51;
  static final int MSTORE = 0x52;
  static final int SLOAD = 0x54;
  static final int SSTORE = 0x55;
  static final int JUMP = 0x56;
  static final int JUMPI = 0x57;
  static final int GAS = 0x5a;
  static final int JUMPDEST = 0x5b;
  static final int DUP1 = 0x80;
  static final int DUP2 = 0x81;
  static final int DUP3 = 0x82;
  static final int SWAP1 = 0x90;
  static final int CALL = 0xf1;
  static final int RETURN = 0xf3;
  static final int STATICCALL = 0xfa;
  static final int REVERT = 0xfd;

  private final ByteArrayOutputStream code = new ByteArrayOutputStream();
  private final Map<String, Integer> labels = new HashMap<>();
  private final List<Map.Entry<Integer, String>> fixups = new ArrayList<>();

  Asm op(int... opcodes) {
    for (int opcode : opcodes) {
      code.write(opcode);
    }
    return this;
  }

  /** PUSHn of the big-endian bytes of {@code value} (PUSH1 0 for zero). */
  Asm push(long value) {
    int n = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
    code.write(0x5f + n);
    for (int i = n - 1; i >= 0; i--) {
      code.write((int) (value >>> (8 * i)));
    }
    return this;
  }

  /** PUSHn of {@code bytes} (1 to 32 of them). */
  Asm push(byte[] bytes) {
    code.write(0x5f + bytes.length);
    code.writeBytes(bytes);
    return this;
  }

  /** PUSH2 of a label's position. */
  Asm pushLabel(String label) {
    code.write(0x61);
    fixups.add(Map.entry(code.size(), label));
    code.write(0);
    code.write(0);
    return this;
  }

  /** Jumps to {@code label} if the top of the stack is non-zero. */
  Asm jumpi(String label) {
    return pushLabel(label).op(JUMPI);
  }

  Asm jump(String label) {
    return pushLabel(label).op(JUMP);
  }

  /** A jump destination named {@code label}. */
  Asm label(String label) {
    labels.put(label, code.size());
    return op(JUMPDEST);
  }

  byte[] build() {
    byte[] out = code.toByteArray();
    for (Map.Entry<Integer, String> f : fixups) {
      Integer target = labels.get(f.getValue());
      if (target == null) {
        throw new IllegalStateException("no label " + f.getValue());
      }
      out[f.getKey()] = (byte) (target >>> 8);
      out[f.getKey() + 1] = (byte) (int) target;
    }
    return out;
  }

  /** Creation code that returns {@code runtime} as the contract's code. */
  static byte[] deployment(byte[] runtime) {
    Asm init =
        new Asm()
            .push(runtime.length)
            .op(DUP1)
            .pushLabel("runtime-offset-placeholder")
            .push(0)
            .op(CODECOPY)
            .push(0)
            .op(RETURN);
    // The runtime follows the 13-byte prologue; patch its offset in place of a label.
    byte[] prologue = init.code.toByteArray();
    int offset = prologue.length;
    prologue[init.fixups.get(0).getKey()] = (byte) (offset >>> 8);
    prologue[init.fixups.get(0).getKey() + 1] = (byte) offset;
    byte[] out = new byte[prologue.length + runtime.length];
    System.arraycopy(prologue, 0, out, 0, prologue.length);
    System.arraycopy(runtime, 0, out, prologue.length, runtime.length);
    return out;
  }
}
