package io.merapi.state.op;

/**
 * What the L1 data fee of a transaction depends on, from its full EIP-2718 encoding (signature
 * included): the counts of zero and non-zero bytes (Bedrock and Ecotone formulas) and the FastLZ
 * compressed size (Fjord). op-geth {@code RollupCostData}.
 */
public record RollupCostData(long zeroes, long ones, long fastLzSize) {

  /** The cost data of an encoded transaction. */
  public static RollupCostData of(byte[] encodedTransaction) {
    long zeroes = 0;
    for (byte b : encodedTransaction) {
      if (b == 0) {
        zeroes++;
      }
    }
    return new RollupCostData(
        zeroes, encodedTransaction.length - zeroes, FastLz.compressedLength(encodedTransaction));
  }
}
