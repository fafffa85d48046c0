package io.merapi.cannon.vm;

import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.Memory;
import io.merapi.cannon.oracle.PreimageReader;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;
import io.merapi.cannon.syscall.SyscallHandler;
import io.merapi.cannon.syscall.SyscallOutcome;
import java.util.Arrays;
import java.util.List;

/**
 * The step loop, in the contract's order per step: exited → stop; {@code step++}; an exited active
 * thread is popped; a thread past its quantum is preempted; else the instruction at the PC runs.
 *
 * <p>Why it looks the way it does (speed is a feature of the VM): the active thread's PC, the step
 * counters and the code page live in locals between scheduling changes and are written back to the
 * {@link State} before anything else may read them (syscalls, the scheduler, an exception, the end
 * of the run). Instructions are decoded once per code page into a table of operation numbers
 * ({@link Decoder}) and dispatched with one switch. The tables belong to the {@link Memory} ({@link
 * Memory#instructionTable}), which zeroes an entry when its word is written, so self-modifying code
 * stays correct at no cost to the fetch. Between scheduling changes steps run in bursts that need
 * no scheduling check (up to the quantum or the end of the run; a syscall ends a burst). Nothing is
 * allocated per step, and the Merkle tree is only marked dirty here: hashing waits until a root or
 * proof is asked for.
 */
final class Interpreter {
  private static final int SLOTS_PER_PAGE = Memory.PAGE_SIZE / 4;
  private static final int CODE_CACHE_SLOTS = 16;
  private static final long[] ABSENT_PAGE = new long[Memory.PAGE_WORDS];

  /** No code page cached: has bits 2–11 set, which a PC masked to page and alignment never has. */
  private static final long NO_PAGE = 4;

  private final State state;
  private final AccessProofs proofs;
  private final SyscallHandler syscalls;
  private final PreimageReader preimages;
  private final LinkedAccess linked;

  /** A direct-mapped cache of (page words, decoded table) in front of the page maps. */
  private final long[] cachedIndex = new long[CODE_CACHE_SLOTS];

  private final long[][] cachedWords = new long[CODE_CACHE_SLOTS][];
  private final long[][] cachedOps = new long[CODE_CACHE_SLOTS][];

  /** A scratch table for fetches from a page that does not exist (they read zero: a nop). */
  private final long[] absentOps = new long[SLOTS_PER_PAGE];

  Interpreter(State state, AccessProofs proofs, SyscallHandler syscalls, PreimageReader preimages) {
    this.state = state;
    this.proofs = proofs;
    this.syscalls = syscalls;
    this.preimages = preimages;
    this.linked = new LinkedAccess(state, proofs);
  }

  /**
   * Steps until the VM exits or {@code state.step} reaches {@code end} (unsigned), or, with {@code
   * stopAfterPreimageRead}, right after a step that read pre-image bytes. The caller may change the
   * state between calls, never during one.
   */
  void run(long end, boolean stopAfterPreimageRead) {
    // Pages can be replaced between runs (a state file loaded into the memory): forget them.
    Arrays.fill(cachedIndex, -1);
    final State s = state;
    final Memory memory = s.memory;
    ThreadState t = null;
    long[] regs = null;
    long pc = 0;
    long nextPc = 0;
    long step = s.step;
    long since = s.stepsSinceLastContextSwitch;
    // Inside a burst, stepsSinceLastContextSwitch is step + sinceOffset.
    boolean inBurst = false;
    long sinceOffset = 0;
    long codeBase = NO_PAGE;
    long[] codeWords = ABSENT_PAGE;
    long[] codeOps = absentOps;
    try {
      steps:
      while (Long.compareUnsigned(step, end) < 0) {
        if (t == null) {
          if (s.exited) {
            break;
          }
          List<ThreadState> stack = s.activeStack();
          if (stack.isEmpty()) {
            throw new VmException("invalid thread state: the active thread stack is empty");
          }
          t = stack.get(stack.size() - 1);
          regs = t.registers;
          pc = t.pc;
          nextPc = t.nextPc;
        }
        step++;
        if (t.exited || since >= Scheduler.SCHED_QUANTUM) {
          t.pc = pc;
          t.nextPc = nextPc;
          s.step = step;
          if (t.exited) {
            Scheduler.popExited(s);
          } else {
            Scheduler.preempt(s, t);
          }
          since = s.stepsSinceLastContextSwitch;
          t = null;
          continue;
        }
        since++;
        // A burst: steps that need no scheduling check, up to the end of the run or the quantum
        // (only a syscall can change the active thread or exit, and it ends the burst).
        sinceOffset = since - step;
        long limit = Scheduler.SCHED_QUANTUM - sinceOffset;
        if (Long.compareUnsigned(end, limit) < 0) {
          limit = end;
        }
        inBurst = true;
        burst:
        while (true) {
          // One compare covers both the page change and a misaligned PC (NO_PAGE matches none).
          if ((pc & ~(Memory.PAGE_ADDR_MASK & ~3L)) != codeBase) {
            if ((pc & 3) != 0) {
              throw new VmException(String.format("unaligned instruction fetch: PC = 0x%x", pc));
            }
            long index = pc >>> Memory.PAGE_ADDR_SIZE;
            int slot = codeSlot(memory, index);
            if (slot < 0) {
              codeBase = NO_PAGE; // no page: reads zero, and a later write may create it
              codeWords = ABSENT_PAGE;
              codeOps = absentOps;
            } else {
              codeBase = index << Memory.PAGE_ADDR_SIZE;
              codeWords = cachedWords[slot];
              codeOps = cachedOps[slot];
            }
          }
          int at = (int) (pc >>> 2) & (SLOTS_PER_PAGE - 1);
          long entry = codeOps[at];
          if (entry == 0) {
            entry = decode(codeWords, codeOps, at);
          }
          int insn = (int) (entry >>> 32);
          int rs = (insn >>> 21) & 0x1F;
          int rt = (insn >>> 16) & 0x1F;
          int rd = (insn >>> 11) & 0x1F;
          long val = 0;
          int dest = 0;
          long target = nextPc + 4;
          switch ((int) entry) {
            // --- jumps and branches (target is the instruction after the delay slot) ---
            case Decoder.J -> {
              if (nextPc != pc + 4) {
                throw new VmException("jump in delay slot");
              }
              target = (nextPc & 0xFFFFFFFFF0000000L) | ((long) (insn & 0x03FFFFFF) << 2);
            }
            case Decoder.JAL -> {
              if (nextPc != pc + 4) {
                throw new VmException("jump in delay slot");
              }
              target = (nextPc & 0xFFFFFFFFF0000000L) | ((long) (insn & 0x03FFFFFF) << 2);
              val = pc + 8;
              dest = 31;
            }
            case Decoder.JR -> {
              if (nextPc != pc + 4) {
                throw new VmException("jump in delay slot");
              }
              target = regs[rs];
            }
            case Decoder.JALR -> {
              if (nextPc != pc + 4) {
                throw new VmException("jump in delay slot");
              }
              target = regs[rs];
              val = pc + 8;
              dest = rd;
            }
            case Decoder.BEQ -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
              if (regs[rs] == regs[rt]) {
                target = pc + 4 + ((long) (short) insn << 2);
              }
            }
            case Decoder.BNE -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
              if (regs[rs] != regs[rt]) {
                target = pc + 4 + ((long) (short) insn << 2);
              }
            }
            case Decoder.BLEZ -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
              if (regs[rs] <= 0) {
                target = pc + 4 + ((long) (short) insn << 2);
              }
            }
            case Decoder.BGTZ -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
              if (regs[rs] > 0) {
                target = pc + 4 + ((long) (short) insn << 2);
              }
            }
            case Decoder.BLTZ, Decoder.BLTZAL -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
              if (regs[rs] < 0) {
                target = pc + 4 + ((long) (short) insn << 2);
              }
              if ((int) entry == Decoder.BLTZAL) { // links whether taken or not
                val = pc + 8;
                dest = 31;
              }
            }
            case Decoder.BGEZ, Decoder.BGEZAL -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
              if (regs[rs] >= 0) {
                target = pc + 4 + ((long) (short) insn << 2);
              }
              if ((int) entry == Decoder.BGEZAL) { // links whether taken or not
                val = pc + 8;
                dest = 31;
              }
            }
            case Decoder.REGIMM_NOT_TAKEN -> {
              if (nextPc != pc + 4) {
                throw new VmException("branch in delay slot");
              }
            }
            case Decoder.SYSCALL -> {
              t.pc = pc;
              t.nextPc = nextPc;
              s.step = step;
              since = step + sinceOffset; // also what the finally writes if the syscall fails
              s.stepsSinceLastContextSwitch = since;
              inBurst = false;
              preimages.resetReadOffset();
              syscall(t);
              step = s.step;
              since = s.stepsSinceLastContextSwitch;
              t = null; // a syscall may yield, spawn or exit
              if (stopAfterPreimageRead && preimages.readOffset() >= 0) {
                break steps;
              }
              break burst;
            }

            // --- immediate arithmetic: result in rt ---
            case Decoder.ADDIU -> {
              val = (long) ((int) regs[rs] + (short) insn);
              dest = rt;
            }
            case Decoder.DADDIU -> {
              val = regs[rs] + (short) insn;
              dest = rt;
            }
            case Decoder.SLTI -> {
              val = regs[rs] < (short) insn ? 1 : 0;
              dest = rt;
            }
            case Decoder.SLTIU -> {
              val = Long.compareUnsigned(regs[rs], (short) insn) < 0 ? 1 : 0;
              dest = rt;
            }
            case Decoder.ANDI -> {
              val = regs[rs] & (insn & 0xFFFF);
              dest = rt;
            }
            case Decoder.ORI -> {
              val = regs[rs] | (insn & 0xFFFF);
              dest = rt;
            }
            case Decoder.XORI -> {
              val = regs[rs] ^ (insn & 0xFFFF);
              dest = rt;
            }
            case Decoder.LUI -> {
              val = insn << 16;
              dest = rt;
            }

            // --- SPECIAL and SPECIAL2: result in rd ---
            case Decoder.SLL -> {
              val = (int) regs[rt] << ((insn >>> 6) & 0x1F);
              dest = rd;
            }
            case Decoder.SRL -> { // the rotate bit is not decoded, as on-chain
              val = (int) ((regs[rt] & 0xFFFFFFFFL) >>> ((insn >>> 6) & 0x1F));
              dest = rd;
            }
            case Decoder.SRA -> {
              val = (int) regs[rt] >> ((insn >>> 6) & 0x1F);
              dest = rd;
            }
            case Decoder.SLLV -> {
              val = (int) regs[rt] << (regs[rs] & 0x1F);
              dest = rd;
            }
            case Decoder.SRLV -> {
              val = (int) ((regs[rt] & 0xFFFFFFFFL) >>> (regs[rs] & 0x1F));
              dest = rd;
            }
            case Decoder.SRAV -> {
              val = (int) regs[rt] >> (regs[rs] & 0x1F);
              dest = rd;
            }
            case Decoder.MOVZ -> {
              val = regs[rs];
              dest = regs[rt] == 0 ? rd : 0;
            }
            case Decoder.MOVN -> {
              val = regs[rs];
              dest = regs[rt] != 0 ? rd : 0;
            }
            case Decoder.SYNC -> { // the contract writes rs to rd (rd is 0 in real encodings)
              val = regs[rs];
              dest = rd;
            }
            case Decoder.MFHI -> {
              val = t.hi;
              dest = rd;
            }
            case Decoder.MFLO -> {
              val = t.lo;
              dest = rd;
            }
            case Decoder.HILO -> {
              val = HiLo.execute(t, insn & 0x3F, regs[rs], regs[rt]);
              dest = rd;
            }
            case Decoder.MULT -> {
              long acc = (long) (int) regs[rs] * (long) (int) regs[rt];
              t.hi = (int) (acc >>> 32);
              t.lo = (int) acc;
              dest = rd; // a nonzero rd receives 0, as on-chain
            }
            case Decoder.MULTU -> {
              long acc = (regs[rs] & 0xFFFFFFFFL) * (regs[rt] & 0xFFFFFFFFL);
              t.hi = (int) (acc >>> 32);
              t.lo = (int) acc;
              dest = rd;
            }
            case Decoder.DMULT -> {
              t.hi = Math.multiplyHigh(regs[rs], regs[rt]);
              t.lo = regs[rs] * regs[rt];
              dest = rd;
            }
            case Decoder.DMULTU -> {
              t.hi = Math.unsignedMultiplyHigh(regs[rs], regs[rt]);
              t.lo = regs[rs] * regs[rt];
              dest = rd;
            }
            case Decoder.DSLLV -> {
              val = regs[rt] << (regs[rs] & 0x3F);
              dest = rd;
            }
            case Decoder.DSRLV -> {
              val = regs[rt] >>> (regs[rs] & 0x3F);
              dest = rd;
            }
            case Decoder.DSRAV -> {
              val = regs[rt] >> (regs[rs] & 0x3F);
              dest = rd;
            }
            case Decoder.ADDU -> {
              val = (long) ((int) regs[rs] + (int) regs[rt]);
              dest = rd;
            }
            case Decoder.SUBU -> {
              val = (long) ((int) regs[rs] - (int) regs[rt]);
              dest = rd;
            }
            case Decoder.AND -> {
              val = regs[rs] & regs[rt];
              dest = rd;
            }
            case Decoder.OR -> {
              val = regs[rs] | regs[rt];
              dest = rd;
            }
            case Decoder.XOR -> {
              val = regs[rs] ^ regs[rt];
              dest = rd;
            }
            case Decoder.NOR -> {
              val = ~(regs[rs] | regs[rt]);
              dest = rd;
            }
            case Decoder.SLT -> {
              val = regs[rs] < regs[rt] ? 1 : 0;
              dest = rd;
            }
            case Decoder.SLTU -> {
              val = Long.compareUnsigned(regs[rs], regs[rt]) < 0 ? 1 : 0;
              dest = rd;
            }
            case Decoder.DADDU -> {
              val = regs[rs] + regs[rt];
              dest = rd;
            }
            case Decoder.DSUBU -> {
              val = regs[rs] - regs[rt];
              dest = rd;
            }
            case Decoder.DSLL -> {
              val = regs[rt] << ((insn >>> 6) & 0x1F);
              dest = rd;
            }
            case Decoder.DSRL -> {
              val = regs[rt] >>> ((insn >>> 6) & 0x1F);
              dest = rd;
            }
            case Decoder.DSRA -> {
              val = regs[rt] >> ((insn >>> 6) & 0x1F);
              dest = rd;
            }
            case Decoder.DSLL32 -> {
              val = regs[rt] << (((insn >>> 6) & 0x1F) + 32);
              dest = rd;
            }
            case Decoder.DSRL32 -> {
              val = regs[rt] >>> (((insn >>> 6) & 0x1F) + 32);
              dest = rd;
            }
            case Decoder.DSRA32 -> {
              val = regs[rt] >> (((insn >>> 6) & 0x1F) + 32);
              dest = rd;
            }
            case Decoder.MUL -> {
              val = (long) ((int) regs[rs] * (int) regs[rt]);
              dest = rd;
            }
            case Decoder.CLZ -> {
              val = Integer.numberOfLeadingZeros((int) regs[rs]);
              dest = rd;
            }
            case Decoder.CLO -> {
              val = Integer.numberOfLeadingZeros(~(int) regs[rs]);
              dest = rd;
            }
            case Decoder.DCLZ -> {
              val = Long.numberOfLeadingZeros(regs[rs]);
              dest = rd;
            }
            case Decoder.DCLO -> {
              val = Long.numberOfLeadingZeros(~regs[rs]);
              dest = rd;
            }

            // --- loads: the aligned word holding the address, result in rt ---
            case Decoder.LB -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = (byte) (memory.getWord(addr & ~7L) >>> ((7 - (addr & 7)) << 3));
              dest = rt;
            }
            case Decoder.LBU -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = (memory.getWord(addr & ~7L) >>> ((7 - (addr & 7)) << 3)) & 0xFF;
              dest = rt;
            }
            case Decoder.LH -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = (short) (memory.getWord(addr & ~7L) >>> ((6 - (addr & 6)) << 3));
              dest = rt;
            }
            case Decoder.LHU -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = (memory.getWord(addr & ~7L) >>> ((6 - (addr & 6)) << 3)) & 0xFFFF;
              dest = rt;
            }
            case Decoder.LW -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = (int) (memory.getWord(addr & ~7L) >>> ((4 - (addr & 4)) << 3));
              dest = rt;
            }
            case Decoder.LWU -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = (memory.getWord(addr & ~7L) >>> ((4 - (addr & 4)) << 3)) & 0xFFFFFFFFL;
              dest = rt;
            }
            case Decoder.LD -> {
              long eff = (regs[rs] + (short) insn) & ~7L;
              proofs.access(eff);
              val = memory.getWord(eff);
              dest = rt;
            }
            case Decoder.LOAD_PARTIAL -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              val = PartialWords.load(insn >>> 26, addr, memory.getWord(addr & ~7L), regs[rt]);
              dest = rt;
            }

            // --- stores: the aligned word holding the address, merged ---
            case Decoder.SB -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              long mem = memory.getWord(addr & ~7L);
              long eff = addr & ~7L;
              memory.setWord(eff, merge(mem, regs[rt], 0xFFL, (7 - (addr & 7)) << 3));
              s.invalidateReservation(eff);
            }
            case Decoder.SH -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              long mem = memory.getWord(addr & ~7L);
              long eff = addr & ~7L;
              memory.setWord(eff, merge(mem, regs[rt], 0xFFFFL, (6 - (addr & 6)) << 3));
              s.invalidateReservation(eff);
            }
            case Decoder.SW -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              long mem = memory.getWord(addr & ~7L);
              long eff = addr & ~7L;
              memory.setWord(eff, merge(mem, regs[rt], 0xFFFFFFFFL, (4 - (addr & 4)) << 3));
              s.invalidateReservation(eff);
            }
            case Decoder.SD -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              long eff = addr & ~7L;
              memory.setWord(eff, regs[rt]);
              s.invalidateReservation(eff);
            }
            case Decoder.STORE_PARTIAL -> {
              long addr = regs[rs] + (short) insn;
              proofs.access(addr & ~7L);
              long mem = memory.getWord(addr & ~7L);
              long eff = addr & ~7L;
              memory.setWord(eff, PartialWords.store(insn >>> 26, addr, mem, regs[rt]));
              s.invalidateReservation(eff);
            }
            case Decoder.LINKED -> {
              val = linked.execute(t, insn, insn >>> 26);
              dest = rt;
            }
            default -> throw new VmException(String.format("invalid instruction: %08x", insn));
          }
          if (dest != 0) {
            regs[dest] = val;
          }
          pc = nextPc;
          nextPc = target;
          if (step == limit) {
            break;
          }
          step++;
        }
        if (inBurst) {
          since = step + sinceOffset;
          inBurst = false;
        }
      }
    } finally {
      s.step = step;
      s.stepsSinceLastContextSwitch = inBurst ? step + sinceOffset : since;
      if (t != null) {
        t.pc = pc;
        t.nextPc = nextPc;
      }
    }
  }

  /** Decodes the instruction at table slot {@code at} and records it (tagged with its word). */
  private static long decode(long[] words, long[] ops, int at) {
    long word = words[at >>> 1];
    int insn = (at & 1) == 0 ? (int) (word >>> 32) : (int) word;
    long entry = ((long) insn << 32) | Decoder.decode(insn);
    ops[at] = entry;
    return entry;
  }

  private static long merge(long mem, long value, long mask, long shift) {
    return (mem & ~(mask << shift)) | ((value & mask) << shift);
  }

  /** The code-cache slot holding page {@code index}, filled on a miss; -1 when there is no page. */
  private int codeSlot(Memory memory, long index) {
    int slot = (int) index & (CODE_CACHE_SLOTS - 1);
    if (cachedIndex[slot] == index) {
      return slot;
    }
    long[] words = memory.page(index);
    if (words == null) {
      return -1;
    }
    long[] ops = memory.instructionTable(index);
    cachedIndex[slot] = index;
    cachedWords[slot] = words;
    cachedOps[slot] = ops;
    return slot;
  }

  private void syscall(ThreadState t) {
    switch (syscalls.handle(t)) {
      case SyscallOutcome.Advance a -> advance(t);
      case SyscallOutcome.Yield y -> {
        advance(t);
        Scheduler.preempt(state, t);
      }
      case SyscallOutcome.Halt h -> {}
      case SyscallOutcome.Spawn spawn -> {
        advance(t);
        Scheduler.spawn(state, spawn.child());
      }
    }
  }

  private static void advance(ThreadState t) {
    t.pc = t.nextPc;
    t.nextPc = t.nextPc + 4;
  }
}
