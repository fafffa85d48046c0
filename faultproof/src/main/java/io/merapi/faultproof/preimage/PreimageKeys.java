package io.merapi.faultproof.preimage;

import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/** Checks a value against the key it is served under, where the key type allows it. */
public final class PreimageKeys {
  private PreimageKeys() {}

  /**
   * Passes if {@code value} hashes to {@code key} (keccak256 and sha256 keys, all but the type
   * byte), or if the key's type cannot be checked from the value alone (local, blob, precompile,
   * global generic).
   *
   * @throws WrongPreimageException if the value is not the key's pre-image, or the key's type is
   *     not one of the spec's
   */
  public static void check(PreimageKey key, byte[] value) {
    KeyType type =
        key.type()
            .orElseThrow(
                () ->
                    new WrongPreimageException(
                        "pre-image key "
                            + key
                            + " has type "
                            + (key.raw().get(0) & 0xff)
                            + ", which no store serves"));
    byte[] digest =
        switch (type) {
          case KECCAK256 -> Keccak256.hash(value);
          case SHA256 -> PreimageKey.sha256Digest(value);
          case LOCAL, GLOBAL_GENERIC, BLOB, PRECOMPILE -> null;
        };
    if (digest != null && !Arrays.equals(digest, 1, 32, key.raw().array(), 1, 32)) {
      throw new WrongPreimageException(
          "value of " + value.length + " bytes is not the " + type + " pre-image of " + key);
    }
  }
}
