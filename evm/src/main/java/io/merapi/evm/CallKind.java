package io.merapi.evm;

/** How a frame was entered; decides whose storage, balance and caller the code sees. */
public enum CallKind {
  CALL(Opcodes.CALL),
  CALLCODE(Opcodes.CALLCODE),
  DELEGATECALL(Opcodes.DELEGATECALL),
  STATICCALL(Opcodes.STATICCALL),
  CREATE(Opcodes.CREATE),
  CREATE2(Opcodes.CREATE2);

  private final int opcode;

  CallKind(int opcode) {
    this.opcode = opcode;
  }

  public int opcode() {
    return opcode;
  }

  public boolean isCreate() {
    return this == CREATE || this == CREATE2;
  }
}
