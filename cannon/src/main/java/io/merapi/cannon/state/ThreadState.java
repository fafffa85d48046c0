package io.merapi.cannon.state;

import io.merapi.base.crypto.Keccak256;

/**
 * One thread of the VM, the spec's "Thread State": packed into 298 bytes for its hash. Mutable: the
 * interpreter changes it in place on every step.
 */
public final class ThreadState {
  public static final int SERIALIZED_SIZE = 298;

  public long threadId;
  public int exitCode;
  public boolean exited;
  public long pc;
  public long nextPc;
  public long lo;
  public long hi;
  public final long[] registers = new long[32];

  public ThreadState copy() {
    ThreadState t = new ThreadState();
    t.threadId = threadId;
    t.exitCode = exitCode;
    t.exited = exited;
    t.pc = pc;
    t.nextPc = nextPc;
    t.lo = lo;
    t.hi = hi;
    System.arraycopy(registers, 0, t.registers, 0, 32);
    return t;
  }

  /** The 298-byte packing: threadID, exitCode, exited, pc, nextPC, lo, hi, registers. */
  public byte[] encode() {
    byte[] out = new byte[SERIALIZED_SIZE];
    int p = Bytes8.put(out, 0, threadId);
    out[p++] = (byte) exitCode;
    out[p++] = (byte) (exited ? 1 : 0);
    p = Bytes8.put(out, p, pc);
    p = Bytes8.put(out, p, nextPc);
    p = Bytes8.put(out, p, lo);
    p = Bytes8.put(out, p, hi);
    for (long r : registers) {
      p = Bytes8.put(out, p, r);
    }
    return out;
  }

  public static ThreadState decode(byte[] in, int offset) {
    ThreadState t = new ThreadState();
    int p = offset;
    t.threadId = Bytes8.get(in, p);
    p += 8;
    t.exitCode = in[p++] & 0xFF;
    int exited = in[p++] & 0xFF;
    if (exited > 1) {
      throw new IllegalArgumentException("thread exited flag is " + exited + ", not 0 or 1");
    }
    t.exited = exited == 1;
    t.pc = Bytes8.get(in, p);
    t.nextPc = Bytes8.get(in, p + 8);
    t.lo = Bytes8.get(in, p + 16);
    t.hi = Bytes8.get(in, p + 24);
    p += 32;
    for (int i = 0; i < 32; i++) {
      t.registers[i] = Bytes8.get(in, p + 8 * i);
    }
    return t;
  }

  public byte[] hash() {
    return Keccak256.hash(encode());
  }
}
