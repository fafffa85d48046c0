package io.merapi.faultproof.boot;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageOracle;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * What the program is asked to decide (spec fault-proof "Prologue"): from the agreed output root at
 * the L2 head, with L1 up to {@code l1Head}, is {@code l2Claim} the output root of block {@code
 * l2ClaimBlockNumber}? The host serves it under the {@link LocalKey}s; the program reads it back
 * with {@link #read}.
 *
 * @param customChain the configurations of a chain the program does not know by id; present exactly
 *     when {@code l2ChainId} is {@link #CUSTOM_CHAIN_ID}
 */
public record BootInfo(
    Hash l1Head,
    Hash l2OutputRoot,
    Hash l2Claim,
    long l2ClaimBlockNumber,
    long l2ChainId,
    Optional<CustomChain> customChain) {
  /** op-program's marker chain id (2^64-1) for "read the configurations from local keys 6, 7". */
  public static final long CUSTOM_CHAIN_ID = -1L;

  /** A custom chain's configurations as JSON: the L2 genesis {@code config} and rollup.json. */
  public record CustomChain(Bytes l2ChainConfigJson, Bytes rollupConfigJson) {
    public CustomChain {
      Objects.requireNonNull(l2ChainConfigJson, "l2ChainConfigJson");
      Objects.requireNonNull(rollupConfigJson, "rollupConfigJson");
    }
  }

  public BootInfo {
    Objects.requireNonNull(l1Head, "l1Head");
    Objects.requireNonNull(l2OutputRoot, "l2OutputRoot");
    Objects.requireNonNull(l2Claim, "l2Claim");
    Objects.requireNonNull(customChain, "customChain");
    if ((l2ChainId == CUSTOM_CHAIN_ID) != customChain.isPresent()) {
      throw new IllegalArgumentException(
          "the custom chain configurations go with chain id 2^64-1, and only with it");
    }
  }

  /** Boot inputs of a chain known by id. */
  public static BootInfo known(
      Hash l1Head, Hash l2OutputRoot, Hash l2Claim, long l2ClaimBlockNumber, long l2ChainId) {
    return new BootInfo(
        l1Head, l2OutputRoot, l2Claim, l2ClaimBlockNumber, l2ChainId, Optional.empty());
  }

  /** Boot inputs of a custom chain. */
  public static BootInfo custom(
      Hash l1Head, Hash l2OutputRoot, Hash l2Claim, long l2ClaimBlockNumber, CustomChain chain) {
    return new BootInfo(
        l1Head, l2OutputRoot, l2Claim, l2ClaimBlockNumber, CUSTOM_CHAIN_ID, Optional.of(chain));
  }

  /** The value the host serves under local key {@code key}, or empty if it has none. */
  public Optional<byte[]> value(LocalKey key) {
    return switch (key) {
      case L1_HEAD -> Optional.of(l1Head.toArray());
      case L2_OUTPUT_ROOT -> Optional.of(l2OutputRoot.toArray());
      case L2_CLAIM -> Optional.of(l2Claim.toArray());
      case L2_CLAIM_BLOCK_NUMBER -> Optional.of(uint64(l2ClaimBlockNumber));
      case L2_CHAIN_ID -> Optional.of(uint64(l2ChainId));
      case L2_CHAIN_CONFIG -> customChain.map(c -> c.l2ChainConfigJson().toArray());
      case ROLLUP_CONFIG -> customChain.map(c -> c.rollupConfigJson().toArray());
    };
  }

  /** The value under a local pre-image key, or empty for a local key this program does not use. */
  public Optional<byte[]> value(PreimageKey key) {
    for (LocalKey local : LocalKey.values()) {
      if (local.key().equals(key)) {
        return value(local);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the boot inputs from the oracle, in op-program's order (keys 1 to 5, then 6 and 7 for a
   * custom chain), so that the request sequence is the same as op-program's.
   *
   * @throws BootException if a value has the wrong size
   */
  public static BootInfo read(PreimageOracle oracle) {
    Hash l1Head = hash(oracle, LocalKey.L1_HEAD);
    Hash l2OutputRoot = hash(oracle, LocalKey.L2_OUTPUT_ROOT);
    Hash l2Claim = hash(oracle, LocalKey.L2_CLAIM);
    long claimBlock = number(oracle, LocalKey.L2_CLAIM_BLOCK_NUMBER);
    long chainId = number(oracle, LocalKey.L2_CHAIN_ID);
    if (chainId != CUSTOM_CHAIN_ID) {
      return known(l1Head, l2OutputRoot, l2Claim, claimBlock, chainId);
    }
    Bytes chainConfig = Bytes.wrap(oracle.get(LocalKey.L2_CHAIN_CONFIG.key()));
    Bytes rollupConfig = Bytes.wrap(oracle.get(LocalKey.ROLLUP_CONFIG.key()));
    return custom(
        l1Head, l2OutputRoot, l2Claim, claimBlock, new CustomChain(chainConfig, rollupConfig));
  }

  private static Hash hash(PreimageOracle oracle, LocalKey key) {
    byte[] value = oracle.get(key.key());
    if (value.length != 32) {
      throw new BootException(key + " has " + value.length + " bytes, expected 32");
    }
    return Hash.wrap(value);
  }

  private static long number(PreimageOracle oracle, LocalKey key) {
    byte[] value = oracle.get(key.key());
    if (value.length != 8) {
      throw new BootException(key + " has " + value.length + " bytes, expected 8");
    }
    return ByteBuffer.wrap(value).getLong();
  }

  private static byte[] uint64(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }
}
