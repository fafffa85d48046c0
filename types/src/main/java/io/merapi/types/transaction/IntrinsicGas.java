package io.merapi.types.transaction;

import io.merapi.types.config.Fork;

/**
 * The gas a transaction pays before its first instruction runs, and (from Prague) the EIP-7623
 * calldata floor: a transaction's gas limit must cover {@code max(gas, floorGas)}, and its gas used
 * is raised to at least {@code floorGas} after execution.
 *
 * <ul>
 *   <li>21000 base; 32000 more for a contract creation from Homestead (EIP-2);
 *   <li>per byte of data 4 if zero, else 68, or 16 from Istanbul (EIP-2028);
 *   <li>EIP-3860 (Shanghai): 2 per 32-byte word of init code;
 *   <li>EIP-2930: 2400 per access-list address and 1900 per storage key;
 *   <li>EIP-7702: 25000 ({@code PER_EMPTY_ACCOUNT_COST}) per authorization;
 *   <li>EIP-7623 (Prague): {@code floorGas = 21000 + 10 * tokens}, tokens = zero bytes + 4 *
 *       non-zero bytes; 0 before Prague.
 * </ul>
 */
public record IntrinsicGas(long gas, long floorGas) {
  public static final long TX_BASE_COST = 21_000;
  public static final long TX_CREATE_COST = 32_000;
  public static final long TX_DATA_ZERO_COST = 4;
  public static final long TX_DATA_NON_ZERO_COST_FRONTIER = 68;
  public static final long TX_DATA_NON_ZERO_COST_ISTANBUL = 16;
  public static final long INIT_CODE_WORD_COST = 2;
  public static final long ACCESS_LIST_ADDRESS_COST = 2_400;
  public static final long ACCESS_LIST_STORAGE_KEY_COST = 1_900;
  public static final long PER_EMPTY_ACCOUNT_COST = 25_000;
  public static final long TOTAL_COST_FLOOR_PER_TOKEN = 10;

  /** The larger of the two: what the gas limit must cover. */
  public long minimumGasLimit() {
    return Math.max(gas, floorGas);
  }

  public static IntrinsicGas of(Transaction tx, Fork fork) {
    byte[] data = tx.data().array();
    long zeros = 0;
    for (byte b : data) {
      if (b == 0) {
        zeros++;
      }
    }
    long nonZeros = data.length - zeros;
    long nonZeroCost =
        fork.isAtLeast(Fork.ISTANBUL)
            ? TX_DATA_NON_ZERO_COST_ISTANBUL
            : TX_DATA_NON_ZERO_COST_FRONTIER;

    long gas = TX_BASE_COST + zeros * TX_DATA_ZERO_COST + nonZeros * nonZeroCost;
    if (tx.isContractCreation()) {
      if (fork.isAtLeast(Fork.HOMESTEAD)) {
        gas += TX_CREATE_COST;
      }
      if (fork.isAtLeast(Fork.SHANGHAI)) {
        gas += INIT_CODE_WORD_COST * ((data.length + 31L) / 32);
      }
    }
    AccessList accessList = tx.accessList();
    gas += ACCESS_LIST_ADDRESS_COST * accessList.entries().size();
    gas += ACCESS_LIST_STORAGE_KEY_COST * accessList.storageKeyCount();
    gas += PER_EMPTY_ACCOUNT_COST * tx.authorizationList().size();

    long floorGas = 0;
    if (fork.isAtLeast(Fork.PRAGUE)) {
      long tokens = zeros + 4 * nonZeros;
      floorGas = TX_BASE_COST + TOTAL_COST_FLOOR_PER_TOKEN * tokens;
    }
    return new IntrinsicGas(gas, floorGas);
  }
}
