package io.merapi.execution.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * {@code ClientVersionV1} (execution-apis {@code identification.md}): a two-letter client code, a
 * name, a version and the first four bytes of the build's commit.
 */
public record ClientVersion(String code, String name, String version, String commit) {
  /**
   * Merapi's code: not on the spec's reserved list, which clients may extend with any two letters.
   */
  public static final String CODE = "MR";

  public ClientVersion {
    Objects.requireNonNull(code);
    Objects.requireNonNull(name);
    Objects.requireNonNull(version);
    Objects.requireNonNull(commit);
  }

  /**
   * This build: the version the launcher's {@code merapi-version.properties} records ("unknown"
   * outside it) and its {@code commit} entry, or four zero bytes while builds record none.
   */
  public static ClientVersion local() {
    Properties properties = new Properties();
    try (InputStream in = ClientVersion.class.getResourceAsStream("/merapi-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ClientVersion(
        CODE,
        "merapi",
        properties.getProperty("version", "unknown"),
        properties.getProperty("commit", "0x00000000"));
  }
}
