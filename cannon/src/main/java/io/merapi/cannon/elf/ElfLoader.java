package io.merapi.cannon.elf;

import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.state.State;
import java.nio.ByteBuffer;

/**
 * Loads a big-endian MIPS64 ELF into an initial {@link State} as cannon's load-elf does: every
 * segment but MIPS_ABIFLAGS copied to its address (PT_LOAD zero-filled to its memory size), the
 * heap starting at {@link AddressSpace#HEAP_START}, and the initial stack (argc, argv, envp, auxv)
 * below {@link AddressSpace#HIGH_MEMORY_START} ({@link InitialStack}). Symbols: {@link ElfSymbols}.
 */
public final class ElfLoader {
  private static final int PT_LOAD = 1;
  private static final int PT_MIPS_ABIFLAGS = 0x70000003;

  /**
   * The largest segment the loader maps (its pages are allocated, as cannon does): a fault-proof
   * program's segments are a few MiB, and a larger one would only exhaust memory.
   */
  static final long MAX_SEGMENT = 1L << 30;

  private ElfLoader() {}

  public static State load(byte[] elf) {
    ByteBuffer b = ElfHeader.parse(elf);
    long entry = b.getLong(0x18);
    long phoff = b.getLong(0x20);
    int phentsize = b.getShort(0x36) & 0xFFFF;
    int phnum = b.getShort(0x38) & 0xFFFF;
    State state = State.initial(entry, AddressSpace.HEAP_START);
    for (int i = 0; i < phnum; i++) {
      long ph = phoff + (long) i * phentsize;
      ElfHeader.check(elf, ph, 56, "program header " + i);
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
      if (Long.compareUnsigned(memsz, MAX_SEGMENT) > 0) {
        throw new IllegalArgumentException(
            String.format(
                "segment %d of 0x%x bytes is larger than the loader accepts (0x%x)",
                i, memsz, MAX_SEGMENT));
      }
      if (memsz < 0
          || Long.compareUnsigned(vaddr + memsz, AddressSpace.HEAP_START) >= 0
          || vaddr + memsz < vaddr) {
        throw new IllegalArgumentException(
            String.format("segment %d at 0x%x (size 0x%x) overlaps the heap", i, vaddr, memsz));
      }
      ElfHeader.check(elf, offset, filesz, "segment " + i);
      state.memory.setBytes(vaddr, elf, (int) offset, (int) filesz);
      if (memsz > filesz) {
        state.memory.allocate(vaddr + filesz, memsz - filesz);
      }
    }
    InitialStack.write(state);
    return state;
  }
}
