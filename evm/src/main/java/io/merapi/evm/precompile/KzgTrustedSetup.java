package io.merapi.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The mainnet KZG trusted setup (EIP-4844), loaded into jc-kzg-4844 once per JVM. The native
 * library keeps one global setup, so everything in Merapi that verifies KZG proofs goes through
 * {@link #ensureLoaded()} rather than loading its own.
 *
 * <p>Loading takes seconds (the library also prepares its tables for EIP-7594 cell proofs), so
 * services call {@link #ensureLoaded()} at start-up; otherwise the first point evaluation pays for
 * it.
 *
 * <p>The points come from the resource {@code trusted_setup.txt}, the mainnet setup in c-kzg-4844's
 * text format (counts of G1 and G2 points, 4096 G1 points in Lagrange form, 65 G2 points, 4096 G1
 * points in monomial form). The build places it there from the npm registry's {@code c-kzg} package
 * with a checked SHA-256 (see evm/pom.xml). The points are passed to the library as bytes, so no
 * file is written.
 */
public final class KzgTrustedSetup {
  static final int G1_POINTS = 4096;
  static final int G2_POINTS = 65;
  private static final int G1_BYTES = 48;
  private static final int G2_BYTES = 96;
  private static final String RESOURCE = "trusted_setup.txt";

  private KzgTrustedSetup() {}

  /** Loads the native library and the setup on first use; later calls return at once. */
  public static void ensureLoaded() {
    Holder.touch();
  }

  // The initialization-on-demand holder: the JVM runs this once, thread-safely, on first use.
  private static final class Holder {
    static {
      CKZG4844JNI.loadNativeLibrary();
      Points points = read();
      CKZG4844JNI.loadTrustedSetup(points.g1Monomial, points.g1Lagrange, points.g2Monomial, 0);
    }

    static void touch() {}
  }

  private record Points(byte[] g1Lagrange, byte[] g2Monomial, byte[] g1Monomial) {}

  private static Points read() {
    try (InputStream stream = KzgTrustedSetup.class.getResourceAsStream(RESOURCE)) {
      if (stream == null) {
        throw new IllegalStateException("KZG trusted setup resource " + RESOURCE + " is missing");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII));
      int g1Count = Integer.parseInt(reader.readLine().trim());
      int g2Count = Integer.parseInt(reader.readLine().trim());
      if (g1Count != G1_POINTS || g2Count != G2_POINTS) {
        throw new IllegalStateException(
            "KZG trusted setup has " + g1Count + " G1 and " + g2Count + " G2 points");
      }
      byte[] g1Lagrange = points(reader, G1_POINTS, G1_BYTES);
      byte[] g2Monomial = points(reader, G2_POINTS, G2_BYTES);
      byte[] g1Monomial = points(reader, G1_POINTS, G1_BYTES);
      return new Points(g1Lagrange, g2Monomial, g1Monomial);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the KZG trusted setup", e);
    }
  }

  private static byte[] points(BufferedReader reader, int count, int size) throws IOException {
    byte[] out = new byte[count * size];
    for (int i = 0; i < count; i++) {
      String line = reader.readLine();
      byte[] point = line == null ? new byte[0] : Hex.decode(line.trim());
      if (point.length != size) {
        throw new IllegalStateException(
            "KZG trusted setup: malformed point " + i + " of a section");
      }
      System.arraycopy(point, 0, out, i * size, size);
    }
    return out;
  }
}
