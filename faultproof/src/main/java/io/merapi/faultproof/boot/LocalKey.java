package io.merapi.faultproof.boot;

import io.merapi.faultproof.preimage.PreimageKey;

/**
 * The program's boot inputs, local keys 1 to 7 in op-program's numbering (its client {@code boot}).
 * The configurations (6 and 7) exist only for a custom chain, which the chain id 2^64-1 announces;
 * a known chain's configurations are built into the program. kona numbers 6 and 7 differently (6
 * rollup config, 7 L1 config); this program follows op-program, whose host it must interoperate
 * with.
 */
public enum LocalKey {
  /** The L1 block hash the program treats as L1's head: 32 bytes. */
  L1_HEAD(1),
  /** The agreed L2 output root the program starts from: 32 bytes. */
  L2_OUTPUT_ROOT(2),
  /** The disputed output root: 32 bytes. */
  L2_CLAIM(3),
  /** The L2 block number of the claim: big-endian uint64. */
  L2_CLAIM_BLOCK_NUMBER(4),
  /** The L2 chain id, or {@link BootInfo#CUSTOM_CHAIN_ID} for a custom chain: big-endian uint64. */
  L2_CHAIN_ID(5),
  /** A custom chain's L2 chain configuration (the genesis {@code config}), as JSON. */
  L2_CHAIN_CONFIG(6),
  /** A custom chain's rollup configuration ({@code rollup.json}), as JSON. */
  ROLLUP_CONFIG(7);

  private final int index;

  LocalKey(int index) {
    this.index = index;
  }

  public int index() {
    return index;
  }

  public PreimageKey key() {
    return PreimageKey.local(index);
  }
}
