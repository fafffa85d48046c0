package io.merapi.evm;

/**
 * The instruction loop. One {@code switch} on the opcode byte; the frequent instructions
 * (arithmetic, stack, memory, jumps) are small static calls inline, everything that touches the
 * host or other frames goes through {@link Instructions#execute}. Machine state lives in locals
 * while the loop runs and is written back to the {@link Frame} only around slow instructions and on
 * exit, which keeps {@code run} well under HotSpot's 8,000-byte compilation limit (checked by
 * {@code InterpreterSizeTest}). Measured by {@code io.merapi.bench.EvmBenchmark}.
 */
final class Interpreter {
  /** An instruction finished and the next one runs. */
  static final int CONTINUE = -1;

  /** The frame waits for the child message in {@link Frame#pending}. */
  static final int SUSPEND = -2;

  /** Status codes below this (suspension, STOP, RETURN, SELFDESTRUCT, REVERT) are not faults. */
  private static final int FIRST_FAULT = Halt.OUT_OF_GAS.ordinal();

  private Interpreter() {}

  /** Runs {@code f} until it halts (returns a {@link Halt} ordinal) or suspends. */
  static int run(Frame f, Evm evm) {
    final byte[] code = f.bytecode;
    final long[] s = f.stack;
    final long[] staticGas = evm.rules.staticGas;
    final int[] limits = evm.rules.stackLimits;
    final boolean tracing = evm.tracing;
    final long[] scratch = f.scratch;
    final long[] jumpDestinations = f.code.jumpDestinations;
    final int codeLength = f.code.length;
    int pc = f.pc;
    int sp = f.sp;
    long gas = f.gas;
    while (true) {
      int op = code[pc] & 0xff;
      int limit = limits[op];
      if (Integer.compareUnsigned(sp - (limit & 0xffff), limit >>> 16) > 0) {
        f.pc = pc;
        f.sp = sp;
        f.gas = gas;
        return badInstruction(f, evm, op, limit);
      }
      if (tracing) {
        traceBefore(f, evm, pc, sp, gas, op);
      }
      long before = gas;
      gas -= staticGas[op];
      if (gas < 0) {
        f.pc = pc;
        f.sp = sp;
        return outOfGas(f, evm);
      }
      int t = (sp - 1) << 2;
      switch (op) {
        case Opcodes.ADD -> {
          WordMath.add(s, t);
          sp--;
          pc++;
        }
        case Opcodes.MUL -> {
          WordMath.mul(s, t);
          sp--;
          pc++;
        }
        case Opcodes.SUB -> {
          WordMath.sub(s, t);
          sp--;
          pc++;
        }
        case Opcodes.DIV -> {
          WordMath.div(s, t, scratch);
          sp--;
          pc++;
        }
        case Opcodes.SDIV -> {
          WordMath.sdiv(s, t, scratch);
          sp--;
          pc++;
        }
        case Opcodes.MOD -> {
          WordMath.mod(s, t, scratch);
          sp--;
          pc++;
        }
        case Opcodes.SMOD -> {
          WordMath.smod(s, t, scratch);
          sp--;
          pc++;
        }
        case Opcodes.ADDMOD -> {
          WordMath.addmod(s, t, scratch);
          sp -= 2;
          pc++;
        }
        case Opcodes.MULMOD -> {
          WordMath.mulmod(s, t, scratch);
          sp -= 2;
          pc++;
        }
        case Opcodes.EXP -> {
          gas -= GasCosts.EXP_BYTE * WordMath.byteLength(s, t - 4);
          if (gas < 0) {
            f.pc = pc;
            f.sp = sp;
            return outOfGas(f, evm);
          }
          WordMath.exp(s, t, scratch);
          sp--;
          pc++;
        }
        case Opcodes.SIGNEXTEND -> {
          WordMath.signextend(s, t);
          sp--;
          pc++;
        }
        case Opcodes.LT -> {
          WordMath.lt(s, t);
          sp--;
          pc++;
        }
        case Opcodes.GT -> {
          WordMath.gt(s, t);
          sp--;
          pc++;
        }
        case Opcodes.SLT -> {
          WordMath.slt(s, t);
          sp--;
          pc++;
        }
        case Opcodes.SGT -> {
          WordMath.sgt(s, t);
          sp--;
          pc++;
        }
        case Opcodes.EQ -> {
          WordMath.eq(s, t);
          sp--;
          pc++;
        }
        case Opcodes.ISZERO -> {
          WordMath.iszero(s, t);
          pc++;
        }
        case Opcodes.AND -> {
          WordMath.and(s, t);
          sp--;
          pc++;
        }
        case Opcodes.OR -> {
          WordMath.or(s, t);
          sp--;
          pc++;
        }
        case Opcodes.XOR -> {
          WordMath.xor(s, t);
          sp--;
          pc++;
        }
        case Opcodes.NOT -> {
          WordMath.not(s, t);
          pc++;
        }
        case Opcodes.BYTE -> {
          WordMath.byteOp(s, t);
          sp--;
          pc++;
        }
        case Opcodes.SHL -> {
          WordMath.shl(s, t);
          sp--;
          pc++;
        }
        case Opcodes.SHR -> {
          WordMath.shr(s, t);
          sp--;
          pc++;
        }
        case Opcodes.SAR -> {
          WordMath.sar(s, t);
          sp--;
          pc++;
        }
        case Opcodes.CLZ -> {
          WordMath.clz(s, t);
          pc++;
        }
        case Opcodes.KECCAK256 -> {
          gas = MemoryOps.keccak256(f, s, t, gas);
          if (gas < 0) {
            f.pc = pc;
            f.sp = sp;
            return outOfGas(f, evm);
          }
          sp--;
          pc++;
        }
        case Opcodes.CALLDATALOAD -> {
          MemoryOps.calldataload(f, s, t);
          pc++;
        }
        case Opcodes.CALLDATASIZE -> {
          StackOps.pushLong(s, t + 4, f.input.length);
          sp++;
          pc++;
        }
        case Opcodes.POP -> {
          sp--;
          pc++;
        }
        case Opcodes.MLOAD -> {
          gas = MemoryOps.mload(f, s, t, gas);
          if (gas < 0) {
            f.pc = pc;
            f.sp = sp;
            return outOfGas(f, evm);
          }
          pc++;
        }
        case Opcodes.MSTORE -> {
          gas = MemoryOps.mstore(f, s, t, gas);
          if (gas < 0) {
            f.pc = pc;
            f.sp = sp;
            return outOfGas(f, evm);
          }
          sp -= 2;
          pc++;
        }
        case Opcodes.MSTORE8 -> {
          gas = MemoryOps.mstore8(f, s, t, gas);
          if (gas < 0) {
            f.pc = pc;
            f.sp = sp;
            return outOfGas(f, evm);
          }
          sp -= 2;
          pc++;
        }
        case Opcodes.JUMP -> {
          if (!isJumpDestination(jumpDestinations, codeLength, s, t)) {
            f.pc = pc;
            f.sp = sp;
            f.gas = gas;
            return fault(f, evm, Halt.INVALID_JUMP);
          }
          pc = (int) s[t];
          sp--;
        }
        case Opcodes.JUMPI -> {
          if (WordMath.isZero(s, t - 4)) {
            pc++;
          } else if (isJumpDestination(jumpDestinations, codeLength, s, t)) {
            pc = (int) s[t];
          } else {
            f.pc = pc;
            f.sp = sp;
            f.gas = gas;
            return fault(f, evm, Halt.INVALID_JUMP);
          }
          sp -= 2;
        }
        case Opcodes.PC -> {
          StackOps.pushLong(s, t + 4, pc);
          sp++;
          pc++;
        }
        case Opcodes.MSIZE -> {
          StackOps.pushLong(s, t + 4, f.memory.size());
          sp++;
          pc++;
        }
        case Opcodes.GAS -> {
          StackOps.pushLong(s, t + 4, gas);
          sp++;
          pc++;
        }
        case Opcodes.JUMPDEST -> pc++;
        case Opcodes.PUSH0 -> {
          StackOps.pushLong(s, t + 4, 0);
          sp++;
          pc++;
        }
        case Opcodes.PUSH1 -> {
          StackOps.push1(code, pc, s, t + 4);
          sp++;
          pc += 2;
        }
        case Opcodes.PUSH2 -> {
          StackOps.push2(code, pc, s, t + 4);
          sp++;
          pc += 3;
        }
        case Opcodes.PUSH32 -> {
          StackOps.push32(code, pc, s, t + 4);
          sp++;
          pc += 33;
        }
        case 0x62,
            0x63,
            0x64,
            0x65,
            0x66,
            0x67,
            0x68,
            0x69,
            0x6a,
            0x6b,
            0x6c,
            0x6d,
            0x6e,
            0x6f,
            0x70,
            0x71,
            0x72,
            0x73,
            0x74,
            0x75,
            0x76,
            0x77,
            0x78,
            0x79,
            0x7a,
            0x7b,
            0x7c,
            0x7d,
            0x7e -> {
          int n = op - Opcodes.PUSH0;
          StackOps.pushN(code, pc, n, s, t + 4);
          sp++;
          pc += n + 1;
        }
        case 0x80,
            0x81,
            0x82,
            0x83,
            0x84,
            0x85,
            0x86,
            0x87,
            0x88,
            0x89,
            0x8a,
            0x8b,
            0x8c,
            0x8d,
            0x8e,
            0x8f -> {
          StackOps.dup(s, t, op - 0x7f);
          sp++;
          pc++;
        }
        case 0x90,
            0x91,
            0x92,
            0x93,
            0x94,
            0x95,
            0x96,
            0x97,
            0x98,
            0x99,
            0x9a,
            0x9b,
            0x9c,
            0x9d,
            0x9e,
            0x9f -> {
          StackOps.swap(s, t, op - 0x8f);
          pc++;
        }
        default -> {
          f.pc = pc;
          f.sp = sp;
          f.gas = gas;
          int status = Instructions.execute(op, f, evm);
          if (status != CONTINUE) {
            if (tracing && status < FIRST_FAULT) {
              evm.tracer.afterInstruction(before - f.gas);
            }
            return status;
          }
          pc = f.pc;
          sp = f.sp;
          gas = f.gas;
        }
      }
      if (tracing) {
        evm.tracer.afterInstruction(before - gas);
      }
    }
  }

  private static void traceBefore(Frame f, Evm evm, int pc, int sp, long gas, int op) {
    f.pc = pc;
    f.sp = sp;
    f.gas = gas;
    evm.tracer.beforeInstruction(f, pc, op, gas);
  }

  private static boolean isJumpDestination(long[] bits, int codeLength, long[] s, int t) {
    long dest = s[t];
    return (s[t + 1] | s[t + 2] | s[t + 3]) == 0
        && Long.compareUnsigned(dest, codeLength) < 0
        && (bits[(int) (dest >>> 6)] & (1L << dest)) != 0;
  }

  /** An undefined opcode or a stack that is too short or too full for the instruction. */
  private static int badInstruction(Frame f, Evm evm, int op, int limit) {
    if (limit == ForkRules.UNDEFINED) {
      if (evm.tracing) {
        evm.tracer.beforeInstruction(f, f.pc, op, f.gas);
      }
      return fault(f, evm, Halt.INVALID_OPCODE);
    }
    if (evm.tracing) {
      evm.tracer.beforeInstruction(f, f.pc, op, f.gas);
    }
    return fault(f, evm, f.sp < (limit & 0xffff) ? Halt.STACK_UNDERFLOW : Halt.STACK_OVERFLOW);
  }

  static int outOfGas(Frame f, Evm evm) {
    return fault(f, evm, Halt.OUT_OF_GAS);
  }

  /** An exceptional halt: all gas is consumed and the output is empty. */
  static int fault(Frame f, Evm evm, Halt halt) {
    if (evm.tracing) {
      evm.tracer.onFault(halt);
    }
    f.gas = 0;
    f.output = Evm.EMPTY_BYTES;
    return halt.ordinal();
  }
}
