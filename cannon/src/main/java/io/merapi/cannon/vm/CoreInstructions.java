package io.merapi.cannon.vm;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;

/**
 * Every instruction but syscall and ll/sc, as the contract's core step decodes it: operands from
 * the register file or the immediate, the memory word for loads and stores, the value from the
 * {@link Alu}, then jumps, branches, conditional moves and HI/LO, or the store and the register
 * write-back.
 */
final class CoreInstructions {
  private final State state;
  private final AccessProofs proofs;

  CoreInstructions(State state, AccessProofs proofs) {
    this.state = state;
    this.proofs = proofs;
  }

  void execute(ThreadState t, int insn, int opcode, int fun) {
    long[] regs = t.registers;
    if (opcode == 2 || opcode == 3) { // j, jal
      long target = (t.nextPc & 0xFFFFFFFFF0000000L) | ((long) (insn & 0x03FFFFFF) << 2);
      ControlFlow.jump(t, opcode == 2 ? 0 : 31, target);
      return;
    }
    long rs = regs[(insn >>> 21) & 0x1F];
    int rtReg = (insn >>> 16) & 0x1F;
    int rdReg = rtReg;
    long rt = 0;
    if (opcode == 0x27 || opcode == 0x1A || opcode == 0x1B) {
      rt = regs[rtReg];
    } else if (opcode == 0 || opcode == 0x1C) {
      rt = regs[rtReg];
      rdReg = (insn >>> 11) & 0x1F;
    } else if (opcode < 0x20) {
      rt = (opcode == 0xC || opcode == 0xD || opcode == 0xE) ? insn & 0xFFFF : (short) insn;
    } else if (opcode >= 0x28 || opcode == 0x22 || opcode == 0x26) {
      rt = regs[rtReg];
    }
    if ((opcode >= 4 && opcode < 8) || opcode == 1) {
      ControlFlow.branch(t, opcode, insn, rtReg, rs);
      return;
    }
    long storeAddr = -1;
    long mem = 0;
    if (opcode >= 0x20 || opcode == 0x1A || opcode == 0x1B) {
      rs += (short) insn;
      long addr = rs & AddressSpace.ADDRESS_MASK;
      proofs.access(addr);
      mem = state.memory.getWord(addr);
      if (opcode >= 0x28 && opcode != 0x37) {
        storeAddr = addr;
        rdReg = 0;
      }
    }
    long val = Alu.execute(insn, opcode, fun, rs, rt, mem);
    if (opcode == 0 && fun >= 8 && fun < 0x20) {
      if (fun == 8 || fun == 9) { // jr, jalr
        ControlFlow.jump(t, fun == 8 ? 0 : rdReg, rs);
        return;
      }
      if (fun == 0xA) { // movz
        ControlFlow.writeRd(t, rdReg, rs, rt == 0);
        return;
      }
      if (fun == 0xB) { // movn
        ControlFlow.writeRd(t, rdReg, rs, rt != 0);
        return;
      }
      if (fun >= 0x10) {
        HiLo.execute(t, fun, rs, rt, rdReg);
        return;
      }
    }
    if (storeAddr != -1) {
      state.memory.setWord(storeAddr, val);
      state.invalidateReservation(storeAddr);
    }
    ControlFlow.writeRd(t, rdReg, val, true);
  }
}
