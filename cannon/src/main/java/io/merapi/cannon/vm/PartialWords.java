package io.merapi.cannon.vm;

import io.merapi.cannon.memory.SubWord;

/**
 * The unaligned ("left"/"right") loads and stores lwl, lwr, ldl, ldr, swl, swr, sdl, sdr, as the
 * current MIPS64 contract merges the memory word with the register: a load returns the new register
 * value, a store the new memory word.
 */
final class PartialWords {
  private static final long U32 = 0xFFFFFFFFL;

  private PartialWords() {}

  static long load(int opcode, long addr, long mem, long rt) {
    return switch (opcode) {
      case 0x22 -> { // lwl
        int w = (int) SubWord.select(addr, mem, 4, false);
        int sh = (int) (addr & 3) * 8;
        yield (long) (((int) rt & ~(0xFFFFFFFF << sh)) | (w << sh));
      }
      case 0x26 -> { // lwr
        int w = (int) SubWord.select(addr, mem, 4, false);
        int sh = 24 - (int) (addr & 3) * 8;
        int result = ((int) rt & ~(0xFFFFFFFF >>> sh)) | (w >>> sh);
        // Cannon64: the upper word is left as it was unless bit 31 was loaded.
        yield (addr & 3) == 3 ? (long) result : (rt & 0xFFFFFFFF00000000L) | (result & U32);
      }
      case 0x1A -> { // ldl
        int sl = (int) (addr & 7) << 3;
        yield (mem << sl) | (rt & ~(-1L << sl));
      }
      case 0x1B -> { // ldr
        int sr = 56 - ((int) (addr & 7) << 3);
        long mask = sr == 0 ? 0 : -1L << (64 - sr); // a shift by 64 is 0 on-chain
        yield (mem >>> sr) | (rt & mask);
      }
      default -> throw new IllegalArgumentException("not a partial load: " + opcode);
    };
  }

  static long store(int opcode, long addr, long mem, long rt) {
    return switch (opcode) {
      case 0x2A -> { // swl
        long sr = (addr & 3) << 3;
        long up = 32 - ((addr & 4) << 3);
        long val = ((rt & U32) >>> sr) << up;
        long mask = (U32 >>> sr) << up;
        yield (mem & ~mask) | val;
      }
      case 0x2E -> { // swr
        long w = SubWord.select(addr, mem, 4, false);
        int sh = 24 - (int) (addr & 3) * 8;
        long mask = (U32 << sh) & U32;
        long result = (w & ~mask) | ((rt << sh) & U32);
        yield SubWord.update(addr, mem, 4, result);
      }
      case 0x2C -> { // sdl
        int sr = (int) (addr & 7) << 3;
        yield (rt >>> sr) | (mem & ~(-1L >>> sr));
      }
      case 0x2D -> { // sdr
        int sl = 56 - ((int) (addr & 7) << 3);
        yield (rt << sl) | (mem & ~(-1L << sl));
      }
      default -> throw new IllegalArgumentException("not a partial store: " + opcode);
    };
  }
}
