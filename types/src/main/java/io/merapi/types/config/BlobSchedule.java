package io.merapi.types.config;

/**
 * The blob gas parameters of one fork (EIP-7840 {@code blobSchedule} entry): target and maximum
 * blobs per block and the base-fee update fraction.
 */
public record BlobSchedule(int target, int max, long baseFeeUpdateFraction) {
  /** Cancun's values (EIP-4844). */
  public static final BlobSchedule CANCUN = new BlobSchedule(3, 6, 3_338_477);

  /** Prague's values (EIP-7691). */
  public static final BlobSchedule PRAGUE = new BlobSchedule(6, 9, 5_007_716);

  public BlobSchedule {
    if (target < 0 || max < target || baseFeeUpdateFraction <= 0) {
      throw new IllegalArgumentException(
          "invalid blob schedule: target " + target + ", max " + max);
    }
  }
}
