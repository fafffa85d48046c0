package io.merapi.evm;

import static io.merapi.evm.Interpreter.CONTINUE;

import io.merapi.base.uint.UInt256;

/**
 * The instructions outside the interpreter's inline set: halting, the execution environment, the
 * block, accounts, storage, logs, calls and creations. The frame's pc, sp and gas are current when
 * one is called, and it leaves them current.
 */
final class Instructions {
  private Instructions() {}

  static int execute(int op, Frame f, Evm evm) {
    return switch (op) {
      case Opcodes.STOP -> halt(f, Halt.STOP, Evm.EMPTY_BYTES);
      case Opcodes.RETURN -> returnOrRevert(f, evm, Halt.RETURN);
      case Opcodes.REVERT -> returnOrRevert(f, evm, Halt.REVERT);
      case Opcodes.ADDRESS -> pushAddress(f, f.address);
      case Opcodes.ORIGIN -> pushAddress(f, evm.tx.origin());
      case Opcodes.CALLER -> pushAddress(f, f.caller);
      case Opcodes.COINBASE -> pushAddress(f, evm.block.coinbase());
      case Opcodes.CALLVALUE -> push(f, f.value);
      case Opcodes.GASPRICE -> push(f, evm.tx.gasPrice());
      case Opcodes.BASEFEE -> push(f, evm.block.baseFee());
      case Opcodes.BLOBBASEFEE -> push(f, evm.block.blobBaseFee());
      case Opcodes.CODESIZE -> pushLong(f, f.code.length);
      case Opcodes.RETURNDATASIZE -> pushLong(f, f.returnData.length);
      case Opcodes.TIMESTAMP -> pushLong(f, evm.block.timestamp());
      case Opcodes.NUMBER -> pushLong(f, evm.block.number());
      case Opcodes.GASLIMIT -> pushLong(f, evm.block.gasLimit());
      case Opcodes.CHAINID -> pushLong(f, evm.config.chainId());
      case Opcodes.PREVRANDAO -> prevRandao(f, evm);
      case Opcodes.BLOCKHASH -> blockHash(f, evm);
      case Opcodes.BLOBHASH -> blobHash(f, evm);
      case Opcodes.CALLDATACOPY -> copy(f, evm, f.input, f.input.length);
      case Opcodes.CODECOPY -> copy(f, evm, f.bytecode, f.code.length);
      case Opcodes.RETURNDATACOPY -> returnDataCopy(f, evm);
      case Opcodes.MCOPY -> mcopy(f, evm);
      case Opcodes.BALANCE -> AccountOps.balance(f, evm);
      case Opcodes.SELFBALANCE -> AccountOps.selfBalance(f, evm);
      case Opcodes.EXTCODESIZE -> AccountOps.extCodeSize(f, evm);
      case Opcodes.EXTCODEHASH -> AccountOps.extCodeHash(f, evm);
      case Opcodes.EXTCODECOPY -> AccountOps.extCodeCopy(f, evm);
      case Opcodes.SLOAD -> StorageOps.sload(f, evm);
      case Opcodes.SSTORE -> StorageOps.sstore(f, evm);
      case Opcodes.TLOAD -> StorageOps.tload(f, evm);
      case Opcodes.TSTORE -> StorageOps.tstore(f, evm);
      case 0xa0, 0xa1, 0xa2, 0xa3, 0xa4 -> LogOps.log(f, evm, op - Opcodes.LOG0);
      case Opcodes.CALL -> CallOps.call(f, evm, CallKind.CALL);
      case Opcodes.CALLCODE -> CallOps.call(f, evm, CallKind.CALLCODE);
      case Opcodes.DELEGATECALL -> CallOps.call(f, evm, CallKind.DELEGATECALL);
      case Opcodes.STATICCALL -> CallOps.call(f, evm, CallKind.STATICCALL);
      case Opcodes.CREATE -> CallOps.create(f, evm, CallKind.CREATE);
      case Opcodes.CREATE2 -> CallOps.create(f, evm, CallKind.CREATE2);
      case Opcodes.SELFDESTRUCT -> CallOps.selfDestruct(f, evm);
      default ->
          throw new IllegalStateException(
              "opcode " + Opcodes.name(op) + " is enabled but has no implementation");
    };
  }

  static int halt(Frame f, Halt halt, byte[] output) {
    f.output = output;
    return halt.ordinal();
  }

  static int next(Frame f, int stackChange) {
    f.sp += stackChange;
    f.pc++;
    return CONTINUE;
  }

  static int top(Frame f) {
    return (f.sp - 1) << 2;
  }

  private static int returnOrRevert(Frame f, Evm evm, Halt halt) {
    long[] s = f.stack;
    int t = top(f);
    long offset = MemoryOps.position(s, t);
    long length = MemoryOps.position(s, t - 4);
    long gas = MemoryOps.expand(f, f.gas, offset, length);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    f.sp -= 2;
    return halt(
        f, halt, length == 0 ? Evm.EMPTY_BYTES : f.memory.slice((int) offset, (int) length));
  }

  private static int pushAddress(Frame f, io.merapi.base.bytes.Address address) {
    Words.setAddress(f.stack, f.sp << 2, address);
    return next(f, 1);
  }

  private static int push(Frame f, UInt256 value) {
    Words.setUInt256(f.stack, f.sp << 2, value);
    return next(f, 1);
  }

  private static int pushLong(Frame f, long value) {
    StackOps.pushLong(f.stack, f.sp << 2, value);
    return next(f, 1);
  }

  private static int prevRandao(Frame f, Evm evm) {
    if (evm.rules.prevRandao) {
      Words.setHash(f.stack, f.sp << 2, evm.block.prevRandao());
    } else {
      Words.setUInt256(f.stack, f.sp << 2, evm.block.difficulty());
    }
    return next(f, 1);
  }

  /** BLOCKHASH: the hash of one of the 256 most recent blocks, zero for any other number. */
  private static int blockHash(Frame f, Evm evm) {
    long[] s = f.stack;
    int t = top(f);
    long requested = Words.clampToLong(s, t);
    long current = evm.block.number();
    if (requested < current && requested >= current - 256) {
      Words.setHash(s, t, evm.block.blockHashes().hashOf(requested));
    } else {
      WordMath.zero(s, t);
    }
    return next(f, 0);
  }

  /** BLOBHASH (EIP-4844): the transaction's versioned hash at the index, zero past the end. */
  private static int blobHash(Frame f, Evm evm) {
    long[] s = f.stack;
    int t = top(f);
    long index = Words.clampToLong(s, t);
    var hashes = evm.tx.blobHashes();
    if (index < hashes.size()) {
      Words.setHash(s, t, hashes.get((int) index));
    } else {
      WordMath.zero(s, t);
    }
    return next(f, 0);
  }

  private static int copy(Frame f, Evm evm, byte[] source, int sourceLength) {
    int t = top(f);
    long gas = MemoryOps.copyToMemory(f, f.stack, t, t - 4, t - 8, source, sourceLength, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    return next(f, -3);
  }

  /** RETURNDATACOPY: reading past the end of the return data is an exceptional halt (EIP-211). */
  private static int returnDataCopy(Frame f, Evm evm) {
    long[] s = f.stack;
    int t = top(f);
    long gas = MemoryOps.copyToMemory(f, s, t, t - 4, t - 8, Evm.EMPTY_BYTES, 0, f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    long dataOffset = Words.clampToLong(s, t - 4);
    long length = MemoryOps.position(s, t - 8);
    byte[] data = f.returnData;
    if (length > data.length || dataOffset > data.length - length) {
      f.gas = gas;
      return Interpreter.fault(f, evm, Halt.RETURN_DATA_OUT_OF_BOUNDS);
    }
    if (length > 0) {
      System.arraycopy(data, (int) dataOffset, f.memory.array(), (int) s[t], (int) length);
    }
    f.gas = gas;
    return next(f, -3);
  }

  private static int mcopy(Frame f, Evm evm) {
    long gas = MemoryOps.mcopy(f, f.stack, top(f), f.gas);
    if (gas < 0) {
      return Interpreter.outOfGas(f, evm);
    }
    f.gas = gas;
    return next(f, -3);
  }
}
