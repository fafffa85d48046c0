package io.merapi.types.config;

/**
 * OP Stack hardforks in activation order. Bedrock activates by block number; every later one by
 * timestamp. Each runs on top of an L1 rule set ({@link Fork}): Canyon brings Shanghai, Ecotone
 * Cancun, Isthmus Prague.
 */
public enum OpFork {
  BEDROCK,
  REGOLITH,
  CANYON,
  DELTA,
  ECOTONE,
  FJORD,
  GRANITE,
  HOLOCENE,
  ISTHMUS,
  JOVIAN,
  INTEROP;

  public boolean isAtLeast(OpFork other) {
    return compareTo(other) >= 0;
  }

  /** The name used in config keys ("regolithTime") and op-node's logs ("Regolith"). */
  public String displayName() {
    String lower = name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
