package io.merapi.evm;

/** Gas constants of the Yellow Paper (appendix G) and the EIPs that changed them, by spec name. */
public final class GasCosts {
  public static final long ZERO = 0;
  public static final long BASE = 2;
  public static final long VERY_LOW = 3;
  public static final long LOW = 5;
  public static final long MID = 8;
  public static final long HIGH = 10;
  public static final long JUMPDEST = 1;
  public static final long EXP = 10;
  public static final long EXP_BYTE = 50;
  public static final long KECCAK256 = 30;
  public static final long KECCAK256_WORD = 6;
  public static final long COPY_WORD = 3;
  public static final long MEMORY_WORD = 3;
  public static final long QUADRATIC_DENOMINATOR = 512;
  public static final long BLOCKHASH = 20;
  public static final long LOG = 375;
  public static final long LOG_DATA = 8;
  public static final long CREATE = 32_000;
  public static final long CODE_DEPOSIT = 200;
  public static final long SELFDESTRUCT = 5_000;
  public static final long SELFDESTRUCT_NEW_ACCOUNT = 25_000;
  public static final long SELFDESTRUCT_REFUND = 24_000;
  public static final long CALL_VALUE = 9_000;
  public static final long CALL_STIPEND = 2_300;
  public static final long NEW_ACCOUNT = 25_000;

  // EIP-2929 access costs.
  public static final long WARM_ACCESS = 100;
  public static final long COLD_ACCOUNT_ACCESS = 2_600;
  public static final long COLD_SLOAD = 2_100;

  // EIP-2930 access list entries in the intrinsic gas.
  public static final long ACCESS_LIST_ADDRESS = 2_400;
  public static final long ACCESS_LIST_SLOT = 1_900;

  // EIP-2200 SSTORE, with EIP-2929's repricing.
  public static final long SSTORE_SET = 20_000;
  public static final long SSTORE_RESET = 5_000;

  /** EIP-2200: SSTORE fails when no more than the call stipend is left. */
  public static final long SSTORE_SENTRY = 2_300;

  // EIP-3860: initcode is metered per word.
  public static final long INITCODE_WORD = 2;

  // Transaction intrinsic gas.
  public static final long TX = 21_000;
  public static final long TX_CREATE = 53_000;
  public static final long TX_DATA_ZERO = 4;
  public static final long TX_DATA_NON_ZERO = 16;

  /** EIP-170 runtime code size limit. */
  public static final int MAX_CODE_SIZE = 24_576;

  /** EIP-3860 initcode size limit: twice the code size limit. */
  public static final int MAX_INITCODE_SIZE = 2 * MAX_CODE_SIZE;

  private GasCosts() {}

  /** Words of 32 bytes covering {@code bytes} (rounded up); {@code bytes} is non-negative. */
  public static long words(long bytes) {
    return (bytes + 31) >>> 5;
  }

  /** Memory cost of {@code words} words: 3 a word plus words squared over 512. */
  public static long memoryCost(long words) {
    return MEMORY_WORD * words + words * words / QUADRATIC_DENOMINATOR;
  }
}
