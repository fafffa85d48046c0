package io.merapi.derive.channel;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import io.merapi.derive.DerivationException;

/** Loads brotli4j's native library once, before the first brotli stream. */
final class BrotliNatives {
  private BrotliNatives() {}

  /**
   * @throws DerivationException.Critical if this platform has no brotli library: brotli channels
   *     (from Fjord) cannot be read, so continuing would derive a wrong chain
   */
  static void ensureLoaded() {
    try {
      Brotli4jLoader.ensureAvailability();
    } catch (Throwable e) {
      throw new DerivationException.Critical(
          "brotli is not available on this platform: " + e.getMessage(), e);
    }
  }
}
