package io.merapi.rpc.jwt;

import io.merapi.base.bytes.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 256-bit shared secret of the Engine API (execution-apis {@code
 * src/engine/authentication.md}): stored as hex in a file, with or without {@code 0x}, surrounding
 * white space ignored. {@link #loadOrGenerate} follows geth's {@code --authrpc.jwtsecret}: a
 * missing file is created with a fresh random secret, readable by its owner only.
 */
public final class JwtSecret {
  public static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private JwtSecret(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException(
          "invalid JWT secret: want " + LENGTH + " bytes, got " + key.length);
    }
    this.key = key;
  }

  public static JwtSecret of(byte[] key) {
    return new JwtSecret(key.clone());
  }

  /** Parses 64 hex digits, with or without {@code 0x}, trimming white space. */
  public static JwtSecret fromHex(String text) {
    String trimmed = text.strip();
    try {
      return new JwtSecret(Hex.decode(trimmed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid JWT secret: " + e.getMessage(), e);
    }
  }

  /** A fresh random secret that lives only in memory. */
  public static JwtSecret generate() {
    byte[] key = new byte[LENGTH];
    RANDOM.nextBytes(key);
    return new JwtSecret(key);
  }

  /** Reads the secret from {@code file}. */
  public static JwtSecret load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      return fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (in " + file + ")", e);
    }
  }

  /**
   * Reads the secret from {@code file}, or, when there is no such file, writes a new random one
   * there ({@code 0x}-prefixed hex, mode 0600 on POSIX file systems) and returns it.
   */
  public static JwtSecret loadOrGenerate(Path file) throws IOException {
    try {
      return load(file);
    } catch (NoSuchFileException e) {
      JwtSecret secret = generate();
      try {
        write(file, secret);
      } catch (FileAlreadyExistsException raced) {
        return load(file); // another process created it first: use theirs
      }
      return secret;
    }
  }

  private static void write(Path file, JwtSecret secret) throws IOException {
    byte[] text = secret.toHex().getBytes(StandardCharsets.US_ASCII);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // Created with the permissions in place, so the secret is never readable by others.
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.write(file, text);
  }

  /** A copy of the key bytes. */
  public byte[] key() {
    return key.clone();
  }

  byte[] keyArray() {
    return key;
  }

  public String toHex() {
    return Hex.encode(key);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JwtSecret that && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** Never the key itself: secrets do not belong in logs. */
  @Override
  public String toString() {
    return "JwtSecret[32 bytes]";
  }
}
