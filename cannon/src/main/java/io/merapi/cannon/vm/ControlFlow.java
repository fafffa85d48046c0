package io.merapi.cannon.vm;

import io.merapi.cannon.VmException;
import io.merapi.cannon.state.ThreadState;

/**
 * PC updates: the plain advance, jumps and branches with their delay slot (the instruction after a
 * jump or branch runs before the target), and register write-back. A jump or branch inside a delay
 * slot is invalid.
 */
final class ControlFlow {
  private ControlFlow() {}

  /** Writes {@code val} to {@code rd} when asked (never to $zero) and advances the PC. */
  static void writeRd(ThreadState t, int rd, long val, boolean conditional) {
    if (rd != 0 && conditional) {
      t.registers[rd] = val;
    }
    advance(t);
  }

  static void advance(ThreadState t) {
    t.pc = t.nextPc;
    t.nextPc = t.nextPc + 4;
  }

  static void jump(ThreadState t, int linkReg, long dest) {
    if (t.nextPc != t.pc + 4) {
      throw new VmException("jump in delay slot");
    }
    long prevPc = t.pc;
    t.pc = t.nextPc;
    t.nextPc = dest;
    if (linkReg != 0) {
      t.registers[linkReg] = prevPc + 8;
    }
  }

  static void branch(ThreadState t, int opcode, int insn, int rtReg, long rs) {
    if (t.nextPc != t.pc + 4) {
      throw new VmException("branch in delay slot");
    }
    boolean taken = false;
    switch (opcode) {
      case 4 -> taken = rs == t.registers[rtReg]; // beq
      case 5 -> taken = rs != t.registers[rtReg]; // bne
      case 6 -> taken = rs <= 0; // blez
      case 7 -> taken = rs > 0; // bgtz
      default -> { // REGIMM
        int rtv = (insn >>> 16) & 0x1F;
        switch (rtv) {
          case 0 -> taken = rs < 0; // bltz
          case 1 -> taken = rs >= 0; // bgez
          case 0x10 -> { // bltzal: links whether taken or not
            taken = rs < 0;
            t.registers[31] = t.pc + 8;
          }
          case 0x11 -> { // bgezal (bal)
            taken = rs >= 0;
            t.registers[31] = t.pc + 8;
          }
          // Other REGIMM forms are not taken, exactly as the contract treats them; the test
          // programs' opcode audit keeps them out of the programs.
          default -> {}
        }
      }
    }
    long prevPc = t.pc;
    t.pc = t.nextPc;
    t.nextPc = taken ? prevPc + 4 + ((long) (short) insn << 2) : t.nextPc + 4;
  }
}
