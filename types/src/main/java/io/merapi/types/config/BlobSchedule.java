package io.merapi.types.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Map;

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

  /** The blob gas of one blob (EIP-4844 {@code GAS_PER_BLOB}). */
  public static final long GAS_PER_BLOB = 131_072;

  /** The most blob gas a block may use. */
  public long maxBlobGas() {
    return max * GAS_PER_BLOB;
  }

  /** The blob gas a block aims for; the excess above it raises the blob base fee. */
  public long targetBlobGas() {
    return target * GAS_PER_BLOB;
  }

  /**
   * The schedule in force under {@code fork}: the latest configured entry at or before it, else the
   * EIPs' values (EIP-7691 from Prague, EIP-4844 before).
   */
  public static BlobSchedule at(Map<Fork, BlobSchedule> configured, Fork fork) {
    Fork best = null;
    for (Fork key : configured.keySet()) {
      if (fork.isAtLeast(key) && (best == null || key.isAtLeast(best))) {
        best = key;
      }
    }
    if (best != null) {
      return configured.get(best);
    }
    return fork.isAtLeast(Fork.PRAGUE) ? PRAGUE : CANCUN;
  }

  /**
   * Reads the named forks' entries of an EIP-7840 {@code blobSchedule} object (fork name to {@code
   * target}, {@code max}, {@code baseFeeUpdateFraction}); an absent or null node is an empty
   * schedule. The EIP-7892 entries ({@code bpo1} ...) are {@link #readBpo}'s.
   */
  public static Map<Fork, BlobSchedule> readAll(JsonNode blobs) {
    Map<Fork, BlobSchedule> schedules = new EnumMap<>(Fork.class);
    if (blobs == null || !blobs.isObject()) {
      return schedules;
    }
    for (Map.Entry<String, JsonNode> e : blobs.properties()) {
      if (BpoFork.fromScheduleKey(e.getKey()).isPresent()) {
        continue;
      }
      Fork fork =
          Fork.fromName(e.getKey())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException("unknown fork in blobSchedule: " + e.getKey()));
      schedules.put(fork, read(e.getValue()));
    }
    return schedules;
  }

  /** Reads the EIP-7892 entries ({@code bpo1} ... {@code bpo5}) of a {@code blobSchedule}. */
  public static Map<BpoFork, BlobSchedule> readBpo(JsonNode blobs) {
    Map<BpoFork, BlobSchedule> schedules = new EnumMap<>(BpoFork.class);
    if (blobs == null || !blobs.isObject()) {
      return schedules;
    }
    for (Map.Entry<String, JsonNode> e : blobs.properties()) {
      BpoFork.fromScheduleKey(e.getKey()).ifPresent(f -> schedules.put(f, read(e.getValue())));
    }
    return schedules;
  }

  private static BlobSchedule read(JsonNode s) {
    return new BlobSchedule(
        (int) GenesisValues.requiredUint64(s, "target"),
        (int) GenesisValues.requiredUint64(s, "max"),
        GenesisValues.requiredUint64(s, "baseFeeUpdateFraction"));
  }
}
