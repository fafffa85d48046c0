package io.merapi.cannon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a big-endian MIPS64 ELF into an initial {@link State} as cannon's load-elf does: every
 * segment but MIPS_ABIFLAGS copied to its address (PT_LOAD zero-filled to its memory size), the
 * heap starting at {@link Vm#HEAP_START}, and the initial stack (argc, argv, envp, auxv) below
 * {@link #HIGH_MEMORY_START}. Symbols go into {@link Symbol} entries for meta.json.
 */
public final class ElfLoader {
  public static final long HIGH_MEMORY_START = 0x0000_7FFF_FFFF_F000L;
  private static final int PT_LOAD = 1;
  private static final int PT_MIPS_ABIFLAGS = 0x70000003;
  private static final int SHT_SYMTAB = 2;

  /** One ELF symbol, as meta.json lists them. */
  public record Symbol(String name, long start, long size) {}

  private ElfLoader() {}

  public static State load(byte[] elf) {
    ByteBuffer b = header(elf);
    long entry = b.getLong(0x18);
    long phoff = b.getLong(0x20);
    int phentsize = b.getShort(0x36) & 0xFFFF;
    int phnum = b.getShort(0x38) & 0xFFFF;
    State state = State.initial(entry, Vm.HEAP_START);
    for (int i = 0; i < phnum; i++) {
      long ph = phoff + (long) i * phentsize;
      check(elf, ph, 56, "program header " + i);
      int type = b.getInt((int) ph);
      if (type == PT_MIPS_ABIFLAGS) {
        continue;
      }
      long offset = b.getLong((int) ph + 8);
      long vaddr = b.getLong((int) ph + 16);
      long filesz = b.getLong((int) ph + 32);
      long memsz = b.getLong((int) ph + 40);
      if (filesz != memsz) {
        if (type != PT_LOAD) {
          throw new IllegalArgumentException(
              "segment " + i + " is not PT_LOAD but its file and memory sizes differ");
        }
        if (Long.compareUnsigned(filesz, memsz) > 0) {
          throw new IllegalArgumentException(
              "PT_LOAD segment " + i + ": file size " + filesz + " > memory size " + memsz);
        }
      }
      if (memsz < 0
          || Long.compareUnsigned(vaddr + memsz, Vm.HEAP_START) >= 0
          || vaddr + memsz < vaddr) {
        throw new IllegalArgumentException(
            String.format("segment %d at 0x%x (size 0x%x) overlaps the heap", i, vaddr, memsz));
      }
      check(elf, offset, filesz, "segment " + i);
      state.memory.setBytes(vaddr, elf, (int) offset, (int) filesz);
      if (memsz > filesz) {
        state.memory.allocate(vaddr + filesz, memsz - filesz);
      }
    }
    patchStack(state);
    return state;
  }

  /** The initial stack Cannon lays out: argc = 1, argv "op-program", one env var, auxv. */
  static void patchStack(State state) {
    long sp = HIGH_MEMORY_START;
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

  /** The symbol table, sorted by address (an ELF without one gives an empty list). */
  public static List<Symbol> symbols(byte[] elf) {
    ByteBuffer b = header(elf);
    long shoff = b.getLong(0x28);
    int shentsize = b.getShort(0x3A) & 0xFFFF;
    int shnum = b.getShort(0x3C) & 0xFFFF;
    List<Symbol> out = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      long sh = shoff + (long) i * shentsize;
      check(elf, sh, 64, "section header " + i);
      if (b.getInt((int) sh + 4) != SHT_SYMTAB) {
        continue;
      }
      long off = b.getLong((int) sh + 24);
      long size = b.getLong((int) sh + 32);
      int link = b.getInt((int) sh + 40);
      long strSh = shoff + (long) link * shentsize;
      check(elf, strSh, 64, "string table header");
      long strOff = b.getLong((int) strSh + 24);
      long strSize = b.getLong((int) strSh + 32);
      check(elf, off, size, "symbol table");
      check(elf, strOff, strSize, "string table");
      for (long p = off + 24; p + 24 <= off + size; p += 24) { // entry 0 is the null symbol
        int nameOff = b.getInt((int) p);
        int end = (int) (strOff + nameOff);
        if (nameOff < 0 || nameOff >= strSize) {
          throw new IllegalArgumentException("symbol name outside the string table");
        }
        int start = end;
        while (end < strOff + strSize && elf[end] != 0) {
          end++;
        }
        out.add(
            new Symbol(
                new String(elf, start, end - start, StandardCharsets.UTF_8),
                b.getLong((int) p + 8),
                b.getLong((int) p + 16)));
      }
    }
    out.sort(Comparator.comparing(Symbol::start, Long::compareUnsigned));
    return out;
  }

  private static ByteBuffer header(byte[] elf) {
    if (elf.length < 64 || elf[0] != 0x7F || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
      throw new IllegalArgumentException("not an ELF file");
    }
    if (elf[4] != 2 || elf[5] != 2) {
      throw new IllegalArgumentException("not a 64-bit big-endian ELF (MIPS64 EB is required)");
    }
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.BIG_ENDIAN);
    if (b.getShort(0x12) != 8) {
      throw new IllegalArgumentException("not a MIPS ELF (machine " + b.getShort(0x12) + ")");
    }
    return b;
  }

  private static void check(byte[] elf, long offset, long length, String what) {
    if (offset < 0 || length < 0 || offset + length > elf.length || offset + length < offset) {
      throw new IllegalArgumentException(what + " lies outside the file");
    }
  }
}
