package io.merapi.faultproof.client;

import io.merapi.base.bytes.Hash;

/**
 * What the program decided: the output root it computed at {@code blockNumber} (the claim's block,
 * or the safe head reached if L1 data ran out first) against the claim.
 */
public record Verdict(Hash claim, Hash computed, long blockNumber, long claimBlockNumber) {
  public boolean valid() {
    return claim.equals(computed);
  }

  /** op-program's exit code: 0 the claim is right, 1 it is not. */
  public int exitCode() {
    return valid() ? 0 : 1;
  }
}
