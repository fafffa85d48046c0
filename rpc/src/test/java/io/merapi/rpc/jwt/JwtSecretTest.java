package io.merapi.rpc.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretTest {
  @TempDir Path dir;

  @Test
  void readsHexWithOrWithoutPrefixAndWhiteSpace() throws Exception {
    String digits = "0123456789abcdef".repeat(4);
    Path withPrefix = dir.resolve("a.hex");
    Files.writeString(withPrefix, "0x" + digits + "\n");
    Path without = dir.resolve("b.hex");
    Files.writeString(without, "  " + digits.toUpperCase() + "  ");
    assertThat(JwtSecret.load(withPrefix)).isEqualTo(JwtSecret.load(without));
    assertThat(JwtSecret.loadOrGenerate(withPrefix).toHex()).isEqualTo("0x" + digits);
  }

  @Test
  void refusesSecretsOfTheWrongLength() throws Exception {
    Path shortSecret = dir.resolve("short.hex");
    Files.writeString(shortSecret, "0x" + "ab".repeat(31));
    assertThatThrownBy(() -> JwtSecret.loadOrGenerate(shortSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid JWT secret")
        .hasMessageContaining("31");
    Path notHex = dir.resolve("nothex.hex");
    Files.writeString(notHex, "zz".repeat(32));
    assertThatThrownBy(() -> JwtSecret.load(notHex)).hasMessageContaining("invalid JWT secret");
    // Nothing was overwritten.
    assertThat(Files.readString(shortSecret)).isEqualTo("0x" + "ab".repeat(31));
  }

  @Test
  void generatesAnOwnerOnlyFileWhenAbsent() throws Exception {
    Path file = dir.resolve("jwt.hex");
    JwtSecret generated = JwtSecret.loadOrGenerate(file);
    String text = Files.readString(file);
    assertThat(text).matches("0x[0-9a-f]{64}");
    assertThat(JwtSecret.fromHex(text)).isEqualTo(generated);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    // A second start reads the same secret instead of making a new one.
    assertThat(JwtSecret.loadOrGenerate(file)).isEqualTo(generated);
  }

  @Test
  void generatedSecretsDiffer() {
    assertThat(JwtSecret.generate()).isNotEqualTo(JwtSecret.generate());
  }

  @Test
  void neverPrintsTheKey() {
    JwtSecret secret = JwtSecret.fromHex("ab".repeat(32));
    assertThat(secret.toString()).doesNotContain("ab");
  }
}
