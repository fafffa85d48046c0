package io.merapi.cannon;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A static check that every word in an ELF's executable sections is an instruction the VM
 * implements with its MIPS64 meaning, so that a test program cannot pass by luck on an encoding the
 * VM treats as another (rotr decoded as srl, an unknown REGIMM branch taken as "not taken").
 */
final class OpcodeAudit {
  private static final Set<Integer> SPECIAL =
      Set.of(
          0x00, 0x02, 0x03, 0x04, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0F, 0x10, 0x11, 0x12,
          0x13, 0x14, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22,
          0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x38, 0x3A, 0x3B, 0x3C,
          0x3E, 0x3F);
  private static final Set<Integer> OPCODES =
      Set.of(
          0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
          0x18, 0x19, 0x1A, 0x1B, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A,
          0x2B, 0x2C, 0x2D, 0x2E, 0x30, 0x34, 0x37, 0x38, 0x3C, 0x3F);

  private OpcodeAudit() {}

  static boolean supported(int insn) {
    int opcode = insn >>> 26;
    int fun = insn & 0x3F;
    if (opcode == 0) {
      if (!SPECIAL.contains(fun)) {
        return false;
      }
      // srl/dsrl/dsrl32 with the R bit are rotates; srlv/dsrlv with sa bit 0 likewise
      if ((fun == 0x02 || fun == 0x3A || fun == 0x3E) && ((insn >>> 21) & 0x1F) != 0) {
        return false;
      }
      return !((fun == 0x06 || fun == 0x16) && ((insn >>> 6) & 0x1F) != 0);
    }
    if (opcode == 0x1C) {
      return fun == 0x02 || fun == 0x20 || fun == 0x21 || fun == 0x24 || fun == 0x25;
    }
    if (opcode == 0x01) {
      int rt = (insn >>> 16) & 0x1F;
      return rt == 0 || rt == 1 || rt == 0x10 || rt == 0x11;
    }
    return OPCODES.contains(opcode);
  }

  /** The unsupported words (address and encoding) in the ELF's executable sections. */
  static List<String> unsupported(byte[] elf) {
    ByteBuffer b = ByteBuffer.wrap(elf);
    long shoff = b.getLong(0x28);
    int shentsize = b.getShort(0x3A) & 0xFFFF;
    int shnum = b.getShort(0x3C) & 0xFFFF;
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      int sh = (int) (shoff + (long) i * shentsize);
      long flags = b.getLong(sh + 8);
      if ((flags & 4) == 0 || b.getInt(sh + 4) != 1) { // SHF_EXECINSTR, SHT_PROGBITS
        continue;
      }
      long addr = b.getLong(sh + 16);
      int off = (int) b.getLong(sh + 24);
      int size = (int) b.getLong(sh + 32);
      for (int p = 0; p + 4 <= size; p += 4) {
        int insn = b.getInt(off + p);
        if (!supported(insn)) {
          bad.add(String.format("0x%x: %08x", addr + p, insn));
        }
      }
    }
    return bad;
  }
}
