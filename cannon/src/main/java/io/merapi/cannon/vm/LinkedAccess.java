package io.merapi.cannon.vm;

import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.memory.SubWord;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;

/**
 * ll/sc and lld/scd, the spec's "Stateful Instructions": a load-linked takes the one reservation
 * (status 1 for 32-bit, 2 for 64-bit, its address and owner thread); a store-conditional succeeds
 * only against the same reservation and clears it. Any other write to the word clears it too
 * ({@link State#invalidateReservation}).
 */
final class LinkedAccess {
  static final int LL = 0x30;
  static final int LLD = 0x34;
  static final int SC = 0x38;
  static final int SCD = 0x3C;

  private final State state;
  private final AccessProofs proofs;

  LinkedAccess(State state, AccessProofs proofs) {
    this.state = state;
    this.proofs = proofs;
  }

  /** Runs the instruction and returns the value for rt (the PC is the caller's). */
  long execute(ThreadState t, int insn, int opcode) {
    long addr = t.registers[(insn >>> 21) & 0x1F] + (short) insn;
    int rtReg = (insn >>> 16) & 0x1F;
    boolean wide = opcode == LLD || opcode == SCD;
    int targetStatus = wide ? 2 : 1;
    int byteLength = wide ? 8 : 4;
    long effAddr = addr & AddressSpace.ADDRESS_MASK;
    long retVal;
    if (opcode == LL || opcode == LLD) {
      proofs.access(effAddr);
      retVal = SubWord.select(addr, state.memory.getWord(effAddr), byteLength, true);
      state.llReservationStatus = targetStatus;
      state.llAddress = addr;
      state.llOwnerThread = t.threadId;
    } else if (state.llReservationStatus == targetStatus
        && state.llOwnerThread == t.threadId
        && state.llAddress == addr) {
      state.llReservationStatus = 0;
      state.llAddress = 0;
      state.llOwnerThread = 0;
      proofs.access(effAddr);
      long mem = state.memory.getWord(effAddr);
      state.memory.setWord(effAddr, SubWord.update(addr, mem, byteLength, t.registers[rtReg]));
      retVal = 1;
    } else {
      retVal = 0;
    }
    return retVal;
  }
}
