package io.merapi.cannon;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The step function of the multithreaded MIPS64 FPVM over a {@link State}: thread scheduling, the
 * instruction set, ll/sc reservations and the syscalls, following the current MIPS64 contract
 * (state version 8). {@link #step(boolean)} can record the step's proof data for the on-chain step;
 * {@link #run(long)} is the fast loop, allocating nothing per step.
 */
public final class Vm {
  public static final long SCHED_QUANTUM = 100_000;
  public static final long HZ = 10_000_000;
  public static final long PROGRAM_BREAK = 0x0000_4000_0000_0000L;
  public static final long HEAP_START = 0x0000_1000_0000_0000L;
  public static final long HEAP_END = 0x0000_6000_0000_0000L;
  public static final long VALID_CLONE_FLAGS = 0x100 | 0x200 | 0x400 | 0x800 | 0x40000 | 0x10000;

  static final long ADDRESS_MASK = ~7L;
  static final long ERROR = -1L; // the MaxWord error signal, in $a3
  static final long EBADF = 0x9;
  static final long EINVAL = 0x16;
  static final long EAGAIN = 0xB;
  static final long FD_EVENTFD = 100;
  static final long EFD_NONBLOCK = 0x80;

  private final State state;
  private final PreimageOracle oracle;
  private final OutputStream stdout;
  private final OutputStream stderr;

  // The pre-image last read from the oracle, length-prefixed as the VM reads it.
  private byte[] lastPreimageKey;
  private byte[] lastPreimage;

  // Proof tracking for one step (step(true)); off in run().
  private boolean tracking;
  private byte[] memProof;
  private byte[] memProof2;
  private long readPreimageOffset = -1;

  public Vm(State state, PreimageOracle oracle, OutputStream stdout, OutputStream stderr) {
    this.state = state;
    this.oracle = oracle;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public State state() {
    return state;
  }

  /** Runs until the VM exits or {@code maxSteps} steps have been taken; returns steps taken. */
  public long run(long maxSteps) {
    long start = state.step;
    long end = start + maxSteps;
    while (!state.exited && Long.compareUnsigned(state.step, end) < 0) {
      stepInternal();
    }
    return state.step - start;
  }

  /** One step; with {@code proof} the witness carries the proof data for the on-chain step. */
  public StepWitness step(boolean proof) {
    if (!proof) {
      stepInternal();
      return null;
    }
    byte[] pre = state.encodeWitness();
    byte[] proofData = new byte[0];
    if (!state.exited) {
      byte[] threadProof = state.encodeThreadProof();
      byte[] insnProof = state.memory.merkleProof(state.currentThread().pc);
      tracking = true;
      memProof = null;
      memProof2 = null;
      readPreimageOffset = -1;
      try {
        stepInternal();
      } finally {
        tracking = false;
      }
      proofData = concat(threadProof, insnProof, orZero(memProof), orZero(memProof2));
    }
    byte[] key = null;
    byte[] value = null;
    long offset = 0;
    if (readPreimageOffset >= 0) {
      key = lastPreimageKey.clone();
      value = lastPreimage.clone();
      offset = readPreimageOffset;
    }
    return new StepWitness(pre, State.stateHash(pre), proofData, key, value, offset);
  }

  private static byte[] orZero(byte[] proof) {
    return proof == null ? new byte[Memory.PROOF_SIZE] : proof;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  private void trackMemAccess(long effAddr) {
    if (tracking) {
      memProof = state.memory.merkleProof(effAddr);
    }
  }

  private void trackMemAccess2(long effAddr) {
    if (tracking) {
      memProof2 = state.memory.merkleProof(effAddr);
    }
  }

  void stepInternal() {
    State s = state;
    if (s.exited) {
      return;
    }
    s.step++;
    List<ThreadState> stack = s.traverseRight ? s.rightThreadStack : s.leftThreadStack;
    if (stack.isEmpty()) {
      s.step--;
      throw new VmException("invalid thread state: the active thread stack is empty");
    }
    ThreadState t = stack.get(stack.size() - 1);
    if (t.exited) {
      popThread();
      return;
    }
    if (s.stepsSinceLastContextSwitch >= SCHED_QUANTUM) {
      preemptThread(t);
      return;
    }
    s.stepsSinceLastContextSwitch++;
    long pc = t.pc;
    if ((pc & 3) != 0) {
      throw new VmException(String.format("unaligned instruction fetch: PC = 0x%x", pc));
    }
    int insn = s.memory.getInstruction(pc);
    int opcode = insn >>> 26;
    int fun = insn & 0x3F;
    if (opcode == 0 && fun == 0xC) {
      syscall(t);
    } else if (opcode == 0x30 || opcode == 0x38 || opcode == 0x34 || opcode == 0x3C) {
      readModifyWrite(t, insn, opcode);
    } else {
      core(t, insn, opcode, fun);
    }
  }

  private void core(ThreadState t, int insn, int opcode, int fun) {
    long[] regs = t.registers;
    if (opcode == 2 || opcode == 3) { // j, jal
      long target = (t.nextPc & 0xFFFFFFFFF0000000L) | ((long) (insn & 0x03FFFFFF) << 2);
      jump(t, opcode == 2 ? 0 : 31, target);
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
      branch(t, opcode, insn, rtReg, rs);
      return;
    }
    long storeAddr = -1;
    long mem = 0;
    if (opcode >= 0x20 || opcode == 0x1A || opcode == 0x1B) {
      rs += (short) insn;
      long addr = rs & ADDRESS_MASK;
      trackMemAccess(addr);
      mem = state.memory.getWord(addr);
      if (opcode >= 0x28 && opcode != 0x37) {
        storeAddr = addr;
        rdReg = 0;
      }
    }
    long val = Instructions.execute(insn, opcode, fun, rs, rt, mem);
    if (opcode == 0 && fun >= 8 && fun < 0x20) {
      if (fun == 8 || fun == 9) { // jr, jalr
        jump(t, fun == 8 ? 0 : rdReg, rs);
        return;
      }
      if (fun == 0xA) { // movz
        writeRd(t, rdReg, rs, rt == 0);
        return;
      }
      if (fun == 0xB) { // movn
        writeRd(t, rdReg, rs, rt != 0);
        return;
      }
      if (fun >= 0x10) {
        hiLo(t, fun, rs, rt, rdReg);
        return;
      }
    }
    if (storeAddr != -1) {
      state.memory.setWord(storeAddr, val);
      memoryUpdated(storeAddr);
    }
    writeRd(t, rdReg, val, true);
  }

  private static void writeRd(ThreadState t, int rd, long val, boolean conditional) {
    if (rd != 0 && conditional) {
      t.registers[rd] = val;
    }
    t.pc = t.nextPc;
    t.nextPc = t.nextPc + 4;
  }

  private static void jump(ThreadState t, int linkReg, long dest) {
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

  private static void branch(ThreadState t, int opcode, int insn, int rtReg, long rs) {
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

  private static void hiLo(ThreadState t, int fun, long rs, long rt, int storeReg) {
    long val = 0;
    switch (fun) {
      case 0x10 -> val = t.hi; // mfhi
      case 0x11 -> t.hi = rs; // mthi
      case 0x12 -> val = t.lo; // mflo
      case 0x13 -> t.lo = rs; // mtlo
      case 0x18 -> { // mult
        long acc = (long) (int) rs * (long) (int) rt;
        t.hi = (int) (acc >>> 32);
        t.lo = (int) acc;
      }
      case 0x19 -> { // multu
        long acc = (rs & Instructions.U32) * (rt & Instructions.U32);
        t.hi = (int) (acc >>> 32);
        t.lo = (int) acc;
      }
      case 0x1A -> { // div
        if ((int) rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = (int) rs % (int) rt;
        t.lo = (int) rs / (int) rt;
      }
      case 0x1B -> { // divu
        if ((int) rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = Integer.remainderUnsigned((int) rs, (int) rt);
        t.lo = Integer.divideUnsigned((int) rs, (int) rt);
      }
      case 0x14 -> val = rt << (rs & 0x3F); // dsllv
      case 0x16 -> val = rt >>> (rs & 0x3F); // dsrlv
      case 0x17 -> val = rt >> (rs & 0x3F); // dsrav
      case 0x1C -> { // dmult
        t.hi = Math.multiplyHigh(rs, rt);
        t.lo = rs * rt;
      }
      case 0x1D -> { // dmultu
        t.hi = Math.unsignedMultiplyHigh(rs, rt);
        t.lo = rs * rt;
      }
      case 0x1E -> { // ddiv
        if (rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = rs % rt;
        t.lo = rs / rt;
      }
      case 0x1F -> { // ddivu
        if (rt == 0) {
          throw new VmException("division by zero");
        }
        t.hi = Long.remainderUnsigned(rs, rt);
        t.lo = Long.divideUnsigned(rs, rt);
      }
      default -> throw new VmException(String.format("invalid hi/lo function: %02x", fun));
    }
    if (storeReg != 0) {
      t.registers[storeReg] = val;
    }
    t.pc = t.nextPc;
    t.nextPc = t.nextPc + 4;
  }

  private void memoryUpdated(long effAddr) {
    if (effAddr == (state.llAddress & ADDRESS_MASK)) {
      state.llReservationStatus = 0;
      state.llAddress = 0;
      state.llOwnerThread = 0;
    }
  }

  /** ll/sc and lld/scd: the spec's "Stateful Instructions". */
  private void readModifyWrite(ThreadState t, int insn, int opcode) {
    long addr = t.registers[(insn >>> 21) & 0x1F] + (short) insn;
    int rtReg = (insn >>> 16) & 0x1F;
    boolean wide = opcode == 0x34 || opcode == 0x3C;
    int targetStatus = wide ? 2 : 1;
    int byteLength = wide ? 8 : 4;
    long effAddr = addr & ADDRESS_MASK;
    long retVal;
    if (opcode == 0x30 || opcode == 0x34) {
      trackMemAccess(effAddr);
      retVal = Instructions.selectSubWord(addr, state.memory.getWord(effAddr), byteLength, true);
      state.llReservationStatus = targetStatus;
      state.llAddress = addr;
      state.llOwnerThread = t.threadId;
    } else if (state.llReservationStatus == targetStatus
        && state.llOwnerThread == t.threadId
        && state.llAddress == addr) {
      state.llReservationStatus = 0;
      state.llAddress = 0;
      state.llOwnerThread = 0;
      trackMemAccess(effAddr);
      long mem = state.memory.getWord(effAddr);
      state.memory.setWord(
          effAddr, Instructions.updateSubWord(addr, mem, byteLength, t.registers[rtReg]));
      retVal = 1;
    } else {
      retVal = 0;
    }
    writeRd(t, rtReg, retVal, true);
  }

  // ---- threads ----

  private void preemptThread(ThreadState t) {
    State s = state;
    List<ThreadState> from = s.traverseRight ? s.rightThreadStack : s.leftThreadStack;
    List<ThreadState> to = s.traverseRight ? s.leftThreadStack : s.rightThreadStack;
    from.remove(from.size() - 1);
    to.add(t);
    if (from.isEmpty()) {
      s.traverseRight = !s.traverseRight;
    }
    s.stepsSinceLastContextSwitch = 0;
  }

  private void popThread() {
    State s = state;
    List<ThreadState> active = s.activeStack();
    active.remove(active.size() - 1);
    if (active.isEmpty()) {
      s.traverseRight = !s.traverseRight;
    }
    s.stepsSinceLastContextSwitch = 0;
  }

  // ---- syscalls ----

  private static void syscallReturn(ThreadState t, long v0, long v1) {
    t.registers[2] = v0;
    t.registers[7] = v1;
    t.pc = t.nextPc;
    t.nextPc = t.nextPc + 4;
  }

  private void yieldThread(ThreadState t) {
    syscallReturn(t, 0, 0);
    preemptThread(t);
  }

  private void syscall(ThreadState t) {
    long[] r = t.registers;
    long num = r[2];
    long a0 = r[4];
    long a1 = r[5];
    long a2 = r[6];
    long v0 = 0;
    long v1 = 0;
    switch ((int) num == num ? (int) num : -1) {
      case Syscalls.MMAP -> {
        long sz = a1;
        if ((sz & Memory.PAGE_ADDR_MASK) != 0) {
          sz += Memory.PAGE_SIZE - (sz & Memory.PAGE_ADDR_MASK);
        }
        if (a0 == 0) {
          long heap = state.heap;
          long newHeap = heap + sz;
          if (Long.compareUnsigned(newHeap, HEAP_END) > 0
              || Long.compareUnsigned(newHeap, heap) < 0
              || Long.compareUnsigned(sz, a1) < 0) {
            v0 = EINVAL;
            v1 = ERROR;
          } else {
            v0 = heap;
            state.heap = newHeap;
          }
        } else {
          v0 = a0; // mmap hints are honoured as given
        }
      }
      case Syscalls.BRK -> v0 = PROGRAM_BREAK;
      case Syscalls.CLONE -> {
        if (a0 != VALID_CLONE_FLAGS) {
          state.exited = true;
          state.exitCode = State.STATUS_PANIC;
          return;
        }
        ThreadState child = t.copy();
        child.threadId = state.nextThreadId;
        child.exitCode = 0;
        child.exited = false;
        child.pc = t.nextPc;
        child.nextPc = t.nextPc + 4;
        child.registers[29] = a1;
        child.registers[2] = 0;
        child.registers[7] = 0;
        long childId = state.nextThreadId;
        state.nextThreadId++;
        syscallReturn(t, childId, 0);
        state.activeStack().add(child);
        state.stepsSinceLastContextSwitch = 0;
        return;
      }
      case Syscalls.EXIT_GROUP -> {
        state.exited = true;
        state.exitCode = (int) (a0 & 0xFF);
        return;
      }
      case Syscalls.READ -> {
        long[] out = read(a0, a1, a2);
        v0 = out[0];
        v1 = out[1];
      }
      case Syscalls.WRITE -> {
        long[] out = write(a0, a1, a2);
        v0 = out[0];
        v1 = out[1];
      }
      case Syscalls.FCNTL -> {
        long[] out = fcntl(a0, a1);
        v0 = out[0];
        v1 = out[1];
      }
      case Syscalls.GETTID -> v0 = t.threadId;
      case Syscalls.EXIT -> {
        t.exited = true;
        t.exitCode = (int) (a0 & 0xFF);
        if (state.threadCount() == 1) {
          state.exited = true;
          state.exitCode = (int) (a0 & 0xFF);
        }
        return;
      }
      case Syscalls.FUTEX -> {
        long effFutexAddr = a0 & ~3L;
        if (a1 == Syscalls.FUTEX_WAIT_PRIVATE) {
          trackMemAccess(effFutexAddr & ADDRESS_MASK);
          long value =
              Instructions.selectSubWord(
                  effFutexAddr, state.memory.getWord(effFutexAddr & ADDRESS_MASK), 4, false);
          if (value != (a2 & Instructions.U32)) {
            v0 = EAGAIN;
            v1 = ERROR;
          } else {
            yieldThread(t);
            return;
          }
        } else if (a1 == Syscalls.FUTEX_WAKE_PRIVATE) {
          yieldThread(t);
          return;
        } else {
          v0 = EINVAL;
          v1 = ERROR;
        }
      }
      case Syscalls.SCHED_YIELD, Syscalls.NANOSLEEP -> {
        yieldThread(t);
        return;
      }
      case Syscalls.OPEN -> {
        v0 = EBADF;
        v1 = ERROR;
      }
      case Syscalls.CLOCK_GETTIME -> {
        if (a0 == 0 || a0 == 1) {
          long secs = 0;
          long nsecs = 0;
          if (a0 == 1) { // monotonic from the step count; realtime stays at the epoch, as on-chain
            secs = Long.divideUnsigned(state.step, HZ);
            nsecs = Long.remainderUnsigned(state.step, HZ) * (1_000_000_000L / HZ);
          }
          long effAddr = a1 & ADDRESS_MASK;
          trackMemAccess(effAddr);
          state.memory.setWord(effAddr, secs);
          memoryUpdated(effAddr);
          trackMemAccess2(effAddr + 8);
          state.memory.setWord(effAddr + 8, nsecs);
          memoryUpdated(effAddr + 8);
        } else {
          v0 = EINVAL;
          v1 = ERROR;
        }
      }
      case Syscalls.GETPID -> v0 = 0;
      case Syscalls.GETRANDOM -> {
        long effAddr = a0 & ADDRESS_MASK;
        trackMemAccess(effAddr);
        long memVal = state.memory.getWord(effAddr);
        long random = splitmix64(state.step);
        long index = a0 - effAddr;
        long count = Long.compareUnsigned(8 - index, a1) < 0 ? 8 - index : a1;
        long mask = count == 8 ? -1L : (1L << (count * 8)) - 1;
        mask <<= (8 - count) * 8;
        mask >>>= index * 8;
        if (count == 0) {
          mask = 0;
        }
        state.memory.setWord(effAddr, (memVal & ~mask) | (random & mask));
        memoryUpdated(effAddr);
        v0 = count;
      }
      case Syscalls.EVENTFD2 -> {
        if ((a1 & EFD_NONBLOCK) == 0) {
          v0 = EINVAL;
          v1 = ERROR;
        } else {
          v0 = FD_EVENTFD;
        }
      }
      default -> {
        if (!Syscalls.isNoop(num)) {
          throw new VmException("unsupported syscall: " + num);
        }
      }
    }
    syscallReturn(t, v0, v1);
  }

  /** splitmix64 of the step, the generator getrandom uses (prng.di.unimi.it/splitmix64.c). */
  static long splitmix64(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private long[] read(long fd, long addr, long count) {
    if (fd == Syscalls.FD_STDIN) {
      return new long[] {0, 0};
    }
    if (fd == Syscalls.FD_PREIMAGE_READ) {
      long effAddr = addr & ADDRESS_MASK;
      trackMemAccess(effAddr);
      long mem = state.memory.getWord(effAddr);
      byte[] preimage = preimage(state.preimageKey);
      long offset = state.preimageOffset;
      if (Long.compareUnsigned(offset, preimage.length) >= 0) {
        throw new VmException(
            "pre-image read at offset " + Long.toUnsignedString(offset) + " past its end");
      }
      if (tracking) {
        readPreimageOffset = offset;
      }
      long datLen = Math.min(32, preimage.length - offset);
      int alignment = (int) (addr & 7);
      datLen = Math.min(datLen, 8 - alignment);
      if (Long.compareUnsigned(count, datLen) < 0) {
        datLen = count;
      }
      for (int i = 0; i < datLen; i++) {
        int shift = (7 - (alignment + i)) * 8;
        mem = (mem & ~(0xFFL << shift)) | ((preimage[(int) offset + i] & 0xFFL) << shift);
      }
      state.memory.setWord(effAddr, mem);
      memoryUpdated(effAddr);
      state.preimageOffset = offset + datLen;
      return new long[] {datLen, 0};
    }
    if (fd == Syscalls.FD_HINT_READ) {
      return new long[] {count, 0}; // the hint acknowledgement is not read into memory
    }
    if (fd == FD_EVENTFD) {
      return new long[] {EAGAIN, ERROR};
    }
    return new long[] {EBADF, ERROR};
  }

  private long[] write(long fd, long addr, long count) {
    if (fd == Syscalls.FD_STDOUT || fd == Syscalls.FD_STDERR) {
      emit(fd == Syscalls.FD_STDOUT ? stdout : stderr, addr, count);
      return new long[] {count, 0};
    }
    if (fd == Syscalls.FD_HINT_WRITE) {
      if (Long.compareUnsigned(count, Syscalls.MAX_IO) > 0) {
        throw new VmException("hint write of " + Long.toUnsignedString(count) + " bytes");
      }
      byte[] data = state.memory.getBytes(addr, (int) count);
      byte[] buf = new byte[state.lastHint.length + data.length];
      System.arraycopy(state.lastHint, 0, buf, 0, state.lastHint.length);
      System.arraycopy(data, 0, buf, state.lastHint.length, data.length);
      int pos = 0;
      while (buf.length - pos >= 4) {
        long len =
            ((buf[pos] & 0xFFL) << 24)
                | ((buf[pos + 1] & 0xFFL) << 16)
                | ((buf[pos + 2] & 0xFFL) << 8)
                | (buf[pos + 3] & 0xFFL);
        if (len > buf.length - pos - 4) {
          break;
        }
        byte[] hint = new byte[(int) len];
        System.arraycopy(buf, pos + 4, hint, 0, (int) len);
        oracle.hint(hint);
        pos += 4 + (int) len;
      }
      byte[] rest = new byte[buf.length - pos];
      System.arraycopy(buf, pos, rest, 0, rest.length);
      state.lastHint = rest;
      return new long[] {count, 0};
    }
    if (fd == Syscalls.FD_PREIMAGE_WRITE) {
      long effAddr = addr & ADDRESS_MASK;
      trackMemAccess(effAddr);
      long mem = state.memory.getWord(effAddr);
      int alignment = (int) (addr & 7);
      int space = 8 - alignment;
      int n = Long.compareUnsigned(space, count) < 0 ? space : (int) count;
      byte[] key = new byte[32];
      System.arraycopy(state.preimageKey, n, key, 0, 32 - n);
      for (int i = 0; i < n; i++) {
        key[32 - n + i] = (byte) (mem >>> ((7 - (alignment + i)) * 8));
      }
      state.preimageKey = key;
      state.preimageOffset = 0;
      return new long[] {n, 0};
    }
    if (fd == FD_EVENTFD) {
      return new long[] {EAGAIN, ERROR};
    }
    return new long[] {EBADF, ERROR};
  }

  private void emit(OutputStream out, long addr, long count) {
    if (out == null) {
      return;
    }
    long n = Long.compareUnsigned(count, Syscalls.MAX_IO) > 0 ? Syscalls.MAX_IO : count;
    try {
      out.write(state.memory.getBytes(addr, (int) n));
      out.flush();
    } catch (IOException e) {
      // The guest's output does not affect the VM state; a closed stream only loses output.
    }
  }

  private static long[] fcntl(long fd, long cmd) {
    boolean known = fd >= 0 && fd <= 6;
    if (cmd == 1) { // F_GETFD
      return known ? new long[] {0, 0} : new long[] {EBADF, ERROR};
    }
    if (cmd == 3) { // F_GETFL
      if (fd == 0 || fd == 3 || fd == 5) {
        return new long[] {0, 0}; // O_RDONLY
      }
      if (fd == 1 || fd == 2 || fd == 4 || fd == 6) {
        return new long[] {1, 0}; // O_WRONLY
      }
      return new long[] {EBADF, ERROR};
    }
    return new long[] {EINVAL, ERROR};
  }

  /** The pre-image for the key with its 8-byte big-endian length prefix, as the VM reads it. */
  private byte[] preimage(byte[] key) {
    if (lastPreimageKey == null || !java.util.Arrays.equals(lastPreimageKey, key)) {
      byte[] data = oracle.getPreimage(key.clone());
      byte[] prefixed = new byte[8 + data.length];
      Bytes8.put(prefixed, 0, data.length);
      System.arraycopy(data, 0, prefixed, 8, data.length);
      lastPreimageKey = key.clone();
      lastPreimage = prefixed;
    }
    return lastPreimage;
  }
}
