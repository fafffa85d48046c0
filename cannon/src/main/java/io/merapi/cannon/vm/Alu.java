package io.merapi.cannon.vm;

import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.SubWord;

/**
 * The pure arithmetic of one MIPS64 instruction, as the current MIPS64 contract's
 * executeMipsInstruction computes it (values are 64-bit words; 32-bit results are sign-extended).
 * Control flow ({@link ControlFlow}), HI/LO ({@link HiLo}) and the write-back ({@link
 * CoreInstructions}) are elsewhere.
 */
final class Alu {
  static final long U32 = 0xFFFFFFFFL;

  private Alu() {}

  /** The ALU result for {@code insn}; throws for every instruction the spec does not allow. */
  static long execute(int insn, int opcode, int fun, long rs, long rt, long mem) {
    if (opcode == 0 || (opcode >= 8 && opcode < 0xF) || opcode == 0x18 || opcode == 0x19) {
      // I-type arithmetic maps onto the matching SPECIAL function.
      switch (opcode) {
        case 0x08 -> fun = 0x20; // addi
        case 0x09 -> fun = 0x21; // addiu
        case 0x0A -> fun = 0x2A; // slti
        case 0x0B -> fun = 0x2B; // sltiu
        case 0x0C -> fun = 0x24; // andi
        case 0x0D -> fun = 0x25; // ori
        case 0x0E -> fun = 0x26; // xori
        case 0x18 -> fun = 0x2C; // daddi
        case 0x19 -> fun = 0x2D; // daddiu
        default -> {}
      }
      int sa = (insn >>> 6) & 0x1F;
      return switch (fun) {
        case 0x00 -> (int) (rt << sa); // sll
        case 0x02 -> (int) ((rt & U32) >>> sa); // srl (the rotr bit is not decoded, as on-chain)
        case 0x03 -> ((int) rt) >> sa; // sra
        case 0x04 -> (int) (rt << (rs & 0x1F)); // sllv
        case 0x06 -> (int) ((rt & U32) >>> (rs & 0x1F)); // srlv
        case 0x07 -> ((int) rt) >> (rs & 0x1F); // srav
        // jr, jalr, movz, movn, syscall, sync, mfhi..mtlo, mult..ddivu: handled by the caller
        case 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0F, 0x10, 0x11, 0x12, 0x13 -> rs;
        case 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F -> rs;
        case 0x14, 0x16, 0x17 -> rt; // dsllv, dsrlv, dsrav: computed in the HI/LO handler
        case 0x20, 0x21 -> (long) ((int) rs + (int) rt); // add, addu (no overflow trap)
        case 0x22, 0x23 -> (long) ((int) rs - (int) rt); // sub, subu
        case 0x24 -> rs & rt;
        case 0x25 -> rs | rt;
        case 0x26 -> rs ^ rt;
        case 0x27 -> ~(rs | rt);
        case 0x2A -> rs < rt ? 1 : 0; // slt
        case 0x2B -> Long.compareUnsigned(rs, rt) < 0 ? 1 : 0; // sltu
        case 0x2C, 0x2D -> rs + rt; // dadd, daddu
        case 0x2E, 0x2F -> rs - rt; // dsub, dsubu
        case 0x38 -> rt << sa; // dsll
        case 0x3A -> rt >>> sa; // dsrl
        case 0x3B -> rt >> sa; // dsra
        case 0x3C -> rt << (sa + 32); // dsll32
        case 0x3E -> rt >>> (sa + 32); // dsrl32
        case 0x3F -> rt >> (sa + 32); // dsra32
        default -> throw invalid(insn);
      };
    }
    return switch (opcode) {
      case 0x1C -> // SPECIAL2
          switch (fun) {
            case 0x02 -> (long) ((int) rs * (int) rt); // mul
            case 0x20 -> Integer.numberOfLeadingZeros((int) rs); // clz
            case 0x21 -> Integer.numberOfLeadingZeros(~(int) rs); // clo
            case 0x24 -> Long.numberOfLeadingZeros(rs); // dclz
            case 0x25 -> Long.numberOfLeadingZeros(~rs); // dclo
            default -> throw invalid(insn);
          };
      case 0x0F -> (long) (int) (rt << 16); // lui
      case 0x20 -> SubWord.select(rs, mem, 1, true); // lb
      case 0x21 -> SubWord.select(rs, mem, 2, true); // lh
      case 0x22 -> { // lwl
        int w = (int) SubWord.select(rs, mem, 4, false);
        int sh = (int) (rs & 3) * 8;
        yield (long) (((int) rt & ~(0xFFFFFFFF << sh)) | (w << sh));
      }
      case 0x23 -> SubWord.select(rs, mem, 4, true); // lw
      case 0x24 -> SubWord.select(rs, mem, 1, false); // lbu
      case 0x25 -> SubWord.select(rs, mem, 2, false); // lhu
      case 0x26 -> { // lwr
        int w = (int) SubWord.select(rs, mem, 4, false);
        int sh = 24 - (int) (rs & 3) * 8;
        int result = ((int) rt & ~(0xFFFFFFFF >>> sh)) | (w >>> sh);
        // Cannon64: the upper word is left as it was unless bit 31 was loaded.
        yield (rs & 3) == 3 ? (long) result : (rt & 0xFFFFFFFF00000000L) | (result & U32);
      }
      case 0x27 -> (mem >>> (32 - ((rs & 4) << 3))) & U32; // lwu
      case 0x28 -> SubWord.update(rs, mem, 1, rt); // sb
      case 0x29 -> SubWord.update(rs, mem, 2, rt); // sh
      case 0x2A -> { // swl
        long sr = (rs & 3) << 3;
        long up = 32 - ((rs & 4) << 3);
        long val = ((rt & U32) >>> sr) << up;
        long mask = (U32 >>> sr) << up;
        yield (mem & ~mask) | val;
      }
      case 0x2B -> SubWord.update(rs, mem, 4, rt); // sw
      case 0x2E -> { // swr
        long w = SubWord.select(rs, mem, 4, false);
        int sh = 24 - (int) (rs & 3) * 8;
        long mask = (U32 << sh) & U32;
        long result = (w & ~mask) | ((rt << sh) & U32);
        yield SubWord.update(rs, mem, 4, result);
      }
      case 0x1A -> { // ldl
        int sl = (int) (rs & 7) << 3;
        yield (mem << sl) | (rt & ~(-1L << sl));
      }
      case 0x1B -> { // ldr
        int sr = 56 - ((int) (rs & 7) << 3);
        long mask = sr == 0 ? 0 : -1L << (64 - sr); // a shift by 64 is 0 on-chain
        yield (mem >>> sr) | (rt & mask);
      }
      case 0x2C -> { // sdl
        int sr = (int) (rs & 7) << 3;
        yield (rt >>> sr) | (mem & ~(-1L >>> sr));
      }
      case 0x2D -> { // sdr
        int sl = 56 - ((int) (rs & 7) << 3);
        yield (rt << sl) | (mem & ~(-1L << sl));
      }
      case 0x37 -> mem; // ld
      case 0x3F -> rt; // sd
      default -> throw invalid(insn);
    };
  }

  static VmException invalid(int insn) {
    return new VmException(String.format("invalid instruction: %08x", insn));
  }
}
