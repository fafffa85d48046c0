package io.merapi.cannon.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An ELF's symbol table, for meta.json (cannon uses it to name functions in its logs). */
public final class ElfSymbols {
  private static final int SHT_SYMTAB = 2;

  /** One ELF symbol, as meta.json lists them. */
  public record Symbol(String name, long start, long size) {}

  private ElfSymbols() {}

  /** The symbol table, sorted by address (an ELF without one gives an empty list). */
  public static List<Symbol> read(byte[] elf) {
    ByteBuffer b = ElfHeader.parse(elf);
    long shoff = b.getLong(0x28);
    int shentsize = b.getShort(0x3A) & 0xFFFF;
    int shnum = b.getShort(0x3C) & 0xFFFF;
    List<Symbol> out = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      long sh = shoff + (long) i * shentsize;
      ElfHeader.check(elf, sh, 64, "section header " + i);
      if (b.getInt((int) sh + 4) != SHT_SYMTAB) {
        continue;
      }
      long off = b.getLong((int) sh + 24);
      long size = b.getLong((int) sh + 32);
      int link = b.getInt((int) sh + 40);
      long strSh = shoff + (long) link * shentsize;
      ElfHeader.check(elf, strSh, 64, "string table header");
      long strOff = b.getLong((int) strSh + 24);
      long strSize = b.getLong((int) strSh + 32);
      ElfHeader.check(elf, off, size, "symbol table");
      ElfHeader.check(elf, strOff, strSize, "string table");
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
}
