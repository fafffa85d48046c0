package io.merapi.cannon.elf;

import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.memory.Memory;
import io.merapi.cannon.state.State;
import java.nio.charset.StandardCharsets;

/** The initial stack Cannon lays out below the high memory start. */
final class InitialStack {
  private InitialStack() {}

  /** argc = 1, argv "op-program", one env var (GODEBUG), auxv with AT_PAGESZ and AT_RANDOM. */
  static void write(State state) {
    long sp = AddressSpace.HIGH_MEMORY_START;
    Memory m = state.memory;
    m.allocate(sp - 4L * Memory.PAGE_SIZE, 5L * Memory.PAGE_SIZE);
    state.currentThread().registers[29] = sp;
    long auxv3 = sp + 8 * 10;
    byte[] random = pad("4;byfairdiceroll".getBytes(StandardCharsets.US_ASCII));
    m.setBytes(auxv3, random, 0, random.length);
    long envp0 = auxv3 + random.length;
    byte[] env = pad(cString("GODEBUG=memprofilerate=0"));
    m.setBytes(envp0, env, 0, env.length);
    long argv0 = envp0 + env.length;
    byte[] name = pad(cString("op-program"));
    m.setBytes(argv0, name, 0, name.length);
    long[] words = {1, argv0, 0, envp0, 0, 6, 4096, 25, auxv3, 0};
    for (int i = 0; i < words.length; i++) {
      m.setWord(sp + 8L * i, words[i]);
    }
  }

  private static byte[] cString(String s) {
    byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[raw.length + 1];
    System.arraycopy(raw, 0, out, 0, raw.length);
    return out;
  }

  private static byte[] pad(byte[] in) {
    int n = (in.length + 7) / 8 * 8;
    byte[] out = new byte[n];
    System.arraycopy(in, 0, out, 0, in.length);
    return out;
  }
}
