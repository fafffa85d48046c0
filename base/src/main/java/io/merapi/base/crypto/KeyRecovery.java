package io.merapi.base.crypto;

import io.merapi.base.uint.UInt256;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The elliptic-curve half of public-key recovery. {@link Secp256k1} has already checked that r and
 * s lie in [1, n-1] and that the recovery id is 0 or 1; an implementation answers empty when r is
 * not the x coordinate of a curve point or when the recovered point is the point at infinity.
 */
sealed interface KeyRecovery permits NativeKeyRecovery, BouncyCastleKeyRecovery {

  /** Set to {@code false} to keep recovery on BouncyCastle even where libsecp256k1 loads. */
  String NATIVE_PROPERTY = "merapi.secp256k1.native";

  /** The 64-byte public key (x then y), or empty. */
  Optional<byte[]> recover(byte[] messageHash, UInt256 r, UInt256 s, int recoveryId);

  /** A short name for logs. */
  String name();

  /**
   * libsecp256k1 where its bundled JNI library loads and agrees with BouncyCastle on a probe, else
   * BouncyCastle (other operating systems or architectures, an unwritable temporary directory, or
   * the property set to false). Chosen once per JVM and logged once.
   */
  static KeyRecovery forThisPlatform() {
    System.Logger log = System.getLogger(KeyRecovery.class.getName());
    if (!Boolean.parseBoolean(System.getProperty(NATIVE_PROPERTY, "true"))) {
      log.log(Level.DEBUG, "secp256k1 recovery: BouncyCastle (-D{0}=false)", NATIVE_PROPERTY);
      return BouncyCastleKeyRecovery.INSTANCE;
    }
    try {
      NativeKeyRecovery loaded = NativeKeyRecovery.load();
      log.log(Level.DEBUG, "secp256k1 recovery: {0}", loaded.name());
      return loaded;
    } catch (Exception | LinkageError unavailable) {
      log.log(
          Level.INFO,
          "secp256k1 recovery: BouncyCastle, libsecp256k1 did not load ({0})",
          unavailable.toString());
      return BouncyCastleKeyRecovery.INSTANCE;
    }
  }
}
