package io.merapi.types.rollup;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.util.Objects;

/**
 * An L2 output commitment, version 0 (specs proposals.md "L2 Output Commitment Construction"):
 * {@code keccak256(version ++ stateRoot ++ withdrawalStorageRoot ++ blockHash)}, the storage root
 * being that of the {@code L2ToL1MessagePasser} predeploy.
 */
public record OutputRoot(Hash stateRoot, Hash withdrawalStorageRoot, Hash blockHash) {
  /** Output version 0. */
  public static final Hash VERSION_0 = Hash.ZERO;

  public OutputRoot {
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(withdrawalStorageRoot, "withdrawalStorageRoot");
    Objects.requireNonNull(blockHash, "blockHash");
  }

  /** The 32-byte commitment the proposer posts. */
  public Hash root() {
    return Keccak256.digest(encoded());
  }

  /**
   * The 128 bytes the root hashes: {@code version ++ stateRoot ++ withdrawalStorageRoot ++
   * blockHash} (what the fault-proof program reads back from the pre-image oracle by the root).
   */
  public byte[] encoded() {
    byte[] preimage = new byte[128];
    System.arraycopy(VERSION_0.toArray(), 0, preimage, 0, 32);
    System.arraycopy(stateRoot.toArray(), 0, preimage, 32, 32);
    System.arraycopy(withdrawalStorageRoot.toArray(), 0, preimage, 64, 32);
    System.arraycopy(blockHash.toArray(), 0, preimage, 96, 32);
    return preimage;
  }
}
