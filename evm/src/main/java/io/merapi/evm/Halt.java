package io.merapi.evm;

/**
 * Why a call frame ended. {@link #STOP}, {@link #RETURN} and {@link #SELFDESTRUCT} succeed; {@link
 * #REVERT} fails but returns the unused gas; every other reason is an exceptional halt that
 * consumes all the frame's gas, except the checks made before a frame starts ({@link #CALL_DEPTH},
 * {@link #INSUFFICIENT_BALANCE}, {@link #NONCE_OVERFLOW}), which give the gas back.
 */
public enum Halt {
  STOP(""),
  RETURN(""),
  SELFDESTRUCT(""),
  REVERT("execution reverted"),
  OUT_OF_GAS("out of gas"),
  INVALID_OPCODE("invalid opcode"),
  STACK_UNDERFLOW("stack underflow"),
  STACK_OVERFLOW("stack limit reached 1024"),
  INVALID_JUMP("invalid jump destination"),
  WRITE_PROTECTION("write protection"),
  RETURN_DATA_OUT_OF_BOUNDS("return data out of bounds"),
  CODE_SIZE_EXCEEDED("max code size exceeded"),
  INVALID_CODE("invalid code: must not begin with 0xef"),
  CODE_STORE_OUT_OF_GAS("contract creation code storage out of gas"),
  INITCODE_SIZE_EXCEEDED("max initcode size exceeded"),
  CREATE_COLLISION("contract address collision"),
  PRECOMPILE_FAILURE("precompiled contract failed"),
  CALL_DEPTH("max call depth exceeded"),
  INSUFFICIENT_BALANCE("insufficient balance for transfer"),
  NONCE_OVERFLOW("nonce uint64 overflow");

  private static final Halt[] VALUES = values();

  private final String message;

  Halt(String message) {
    this.message = message;
  }

  static Halt ofCode(int code) {
    return VALUES[code];
  }

  /** The message geth uses for this error (empty for success), as EIP-3155 traces print it. */
  public String message() {
    return message;
  }

  public boolean isSuccess() {
    return this == STOP || this == RETURN || this == SELFDESTRUCT;
  }

  /** True if the frame keeps its unused gas: success, REVERT, and the pre-frame checks. */
  public boolean returnsGas() {
    return isSuccess()
        || this == REVERT
        || this == CALL_DEPTH
        || this == INSUFFICIENT_BALANCE
        || this == NONCE_OVERFLOW;
  }
}
