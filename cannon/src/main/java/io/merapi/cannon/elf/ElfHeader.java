package io.merapi.cannon.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The ELF identification checks (64-bit, big-endian, MIPS) and bounds checks on file offsets. */
final class ElfHeader {
  private ElfHeader() {}

  static ByteBuffer parse(byte[] elf) {
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

  static void check(byte[] elf, long offset, long length, String what) {
    if (offset < 0 || length < 0 || offset + length > elf.length || offset + length < offset) {
      throw new IllegalArgumentException(what + " lies outside the file");
    }
  }
}
