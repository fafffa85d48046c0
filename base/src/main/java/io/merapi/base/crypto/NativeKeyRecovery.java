package io.merapi.base.crypto;

import fr.acinq.secp256k1.Secp256k1Exception;
import io.merapi.base.uint.UInt256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recovery in libsecp256k1 (the library geth links), reached through ACINQ's JNI bindings whose jar
 * carries the shared library. About an order of magnitude faster than BouncyCastle.
 *
 * <p>The bindings turn every libsecp256k1 failure into {@link Secp256k1Exception}; the ones
 * recovery can meet on in-range input are "r is not an x coordinate" and "Q is infinity", which are
 * what {@link KeyRecovery} answers empty for. Out-of-range input never reaches the library: with
 * this version's default context a misused argument would abort the process, so the caller's range
 * checks (r, s in [1, n-1], recovery id 0 or 1) and the fixed array sizes here matter.
 */
final class NativeKeyRecovery implements KeyRecovery {
  private final fr.acinq.secp256k1.Secp256k1 library;

  private NativeKeyRecovery(fr.acinq.secp256k1.Secp256k1 library) {
    this.library = library;
  }

  /**
   * Extracts and loads the bundled library for this OS and architecture, then recovers one probe
   * signature with it and with BouncyCastle: a library that loads but answers differently is not
   * used.
   */
  static NativeKeyRecovery load() throws Exception {
    // The companion runs the JVM loader (which picks linux-x86_64 or linux-aarch64 from the jar);
    // calling the loader directly instead re-enters it during class initialisation and fails.
    NativeKeyRecovery loaded = new NativeKeyRecovery(fr.acinq.secp256k1.Secp256k1.Companion.get());
    // r = x(G) is an x coordinate; s = 1 and this message make Q an ordinary point.
    byte[] message = Keccak256.hash("merapi secp256k1 probe".getBytes(StandardCharsets.US_ASCII));
    UInt256 r = UInt256.valueOf(Secp256k1.CURVE.getG().getAffineXCoord().toBigInteger());
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      Optional<byte[]> expected =
          BouncyCastleKeyRecovery.INSTANCE.recover(message, r, UInt256.ONE, recoveryId);
      Optional<byte[]> actual = loaded.recover(message, r, UInt256.ONE, recoveryId);
      if (expected.isEmpty() || actual.isEmpty() || !Arrays.equals(expected.get(), actual.get())) {
        throw new IllegalStateException("libsecp256k1 disagrees with BouncyCastle on the probe");
      }
    }
    return loaded;
  }

  @Override
  public Optional<byte[]> recover(byte[] messageHash, UInt256 r, UInt256 s, int recoveryId) {
    byte[] compact = new byte[64];
    r.toBytes(compact, 0);
    s.toBytes(compact, 32);
    byte[] uncompressed;
    try {
      uncompressed = library.ecdsaRecover(compact, messageHash, recoveryId);
    } catch (Secp256k1Exception noKey) {
      return Optional.empty();
    }
    // 0x04 || x || y
    return Optional.of(Arrays.copyOfRange(uncompressed, 1, 65));
  }

  @Override
  public String name() {
    return "libsecp256k1 (JNI)";
  }
}
