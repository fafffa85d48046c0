package io.merapi.faultproof.client;

import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.preimage.Hint;
import io.merapi.faultproof.preimage.Hinter;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageKeys;
import io.merapi.faultproof.preimage.PreimageOracle;
import io.merapi.faultproof.preimage.PreimageUnavailableException;
import io.merapi.faultproof.preimage.WrongPreimageException;
import java.util.Objects;

/**
 * The program's access to its host: hints, and pre-images checked against their keys. A keccak256
 * or sha256 value that does not hash to its key is refused here, before anything reads it, so a
 * wrong host answer can only end the run (exit 2), never change its verdict.
 */
public final class Oracle {
  private final PreimageOracle preimages;
  private final Hinter hinter;

  public Oracle(PreimageOracle preimages, Hinter hinter) {
    this.preimages = Objects.requireNonNull(preimages, "preimages");
    this.hinter = Objects.requireNonNull(hinter, "hinter");
  }

  public void hint(Hint hint) {
    hinter.hint(hint);
  }

  /**
   * The pre-image of {@code key}.
   *
   * @throws PreimageUnavailableException if the host cannot answer or answers a wrong value
   */
  public byte[] get(PreimageKey key) {
    byte[] value = preimages.get(key);
    try {
      PreimageKeys.check(key, value);
    } catch (WrongPreimageException e) {
      throw new PreimageUnavailableException(
          "the host served a wrong pre-image: " + e.getMessage());
    }
    return value;
  }

  /** The value whose keccak-256 is {@code hash}. */
  public byte[] keccak(Hash hash) {
    return get(PreimageKey.keccak256(hash));
  }

  /** Sends {@code hint}, then reads the value whose keccak-256 is {@code hash}. */
  public byte[] keccak(Hint hint, Hash hash) {
    hint(hint);
    return keccak(hash);
  }
}
