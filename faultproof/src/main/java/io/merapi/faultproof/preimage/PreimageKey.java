package io.merapi.faultproof.preimage;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * A 32-byte type-prefixed pre-image key as it travels on the wire: the first byte is the {@link
 * KeyType}, the other 31 bytes identify the value. Hash-based keys keep the digest readable and
 * only overwrite its first byte with the type (spec fault-proof, "Pre-image key types").
 */
public record PreimageKey(Hash raw) {
  public PreimageKey {
    Objects.requireNonNull(raw, "raw");
    if (raw.get(0) == 0) {
      throw new IllegalArgumentException("a pre-image key of type 0 is illegal: " + raw);
    }
  }

  /** The key as read from the wire; type 0 is refused. */
  public static PreimageKey of(byte[] raw32) {
    return new PreimageKey(Hash.wrap(raw32));
  }

  /** Local key {@code index}: type 1, then the index as a big-endian uint64 in the last 8 bytes. */
  public static PreimageKey local(long index) {
    byte[] key = new byte[32];
    key[0] = (byte) KeyType.LOCAL.code();
    for (int i = 0; i < 8; i++) {
      key[24 + i] = (byte) (index >>> (56 - 8 * i));
    }
    return of(key);
  }

  /** The keccak256 key of a value whose keccak-256 digest is {@code digest}. */
  public static PreimageKey keccak256(Hash digest) {
    return typed(KeyType.KECCAK256, digest);
  }

  /** The keccak256 key of {@code value}. */
  public static PreimageKey keccak256Of(byte[] value) {
    return keccak256(Keccak256.digest(value));
  }

  /** The sha256 key of a value whose SHA-256 digest is {@code digest}. */
  public static PreimageKey sha256(Hash digest) {
    return typed(KeyType.SHA256, digest);
  }

  /** The sha256 key of {@code value}. */
  public static PreimageKey sha256Of(byte[] value) {
    return sha256(Hash.wrap(sha256Digest(value)));
  }

  /**
   * The blob key of the field element at evaluation point {@code z} (a big-endian uint256) of the
   * blob with KZG {@code commitment} (48 bytes).
   */
  public static PreimageKey blob(byte[] commitment, Hash z) {
    return typed(KeyType.BLOB, Keccak256.digest(blobKeyPreimage(commitment, z)));
  }

  /** {@code commitment ++ z}: the 80 bytes whose keccak-256 names a blob field element. */
  public static byte[] blobKeyPreimage(byte[] commitment, Hash z) {
    if (commitment.length != 48) {
      throw new IllegalArgumentException("a KZG commitment has 48 bytes, got " + commitment.length);
    }
    byte[] data = new byte[80];
    System.arraycopy(commitment, 0, data, 0, 48);
    System.arraycopy(z.array(), 0, data, 48, 32);
    return data;
  }

  /** The precompile key of a call whose hint data (address, and what follows) is {@code data}. */
  public static PreimageKey precompile(byte[] data) {
    return typed(KeyType.PRECOMPILE, Keccak256.digest(data));
  }

  /** The precompile key of calling {@code address} with {@code input}, as the spec writes it. */
  public static PreimageKey precompile(Address address, byte[] input) {
    byte[] data = new byte[20 + input.length];
    System.arraycopy(address.toArray(), 0, data, 0, 20);
    System.arraycopy(input, 0, data, 20, input.length);
    return precompile(data);
  }

  /** The global generic key of commitment {@code x} inserted by {@code sender} (left-padded). */
  public static PreimageKey globalGeneric(Hash x, Hash sender) {
    byte[] data = new byte[64];
    System.arraycopy(x.array(), 0, data, 0, 32);
    System.arraycopy(sender.array(), 0, data, 32, 32);
    return typed(KeyType.GLOBAL_GENERIC, Keccak256.digest(data));
  }

  /** The key's type, or empty for a reserved or application type. */
  public Optional<KeyType> type() {
    return KeyType.of(raw.get(0));
  }

  public byte[] toArray() {
    return raw.toArray();
  }

  public String toHex() {
    return raw.toHex();
  }

  @Override
  public String toString() {
    return raw.toHex();
  }

  private static PreimageKey typed(KeyType type, Hash digest) {
    byte[] key = digest.toArray();
    key[0] = (byte) type.code();
    return of(key);
  }

  static byte[] sha256Digest(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
