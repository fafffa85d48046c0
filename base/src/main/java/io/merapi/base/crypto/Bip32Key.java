package io.merapi.base.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A BIP-32 extended private key (secp256k1 key and chain code) with private child derivation
 * ({@code CKDpriv}), enough to walk a path such as BIP-44's {@code m/44'/60'/0'/0/i}.
 */
public final class Bip32Key {
  /** Indices at or above this are hardened ({@code i'}). */
  public static final int HARDENED = 0x8000_0000;

  private static final BigInteger N = Secp256k1.ORDER.toBigInteger();
  private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(StandardCharsets.US_ASCII);

  private final Secp256k1.PrivateKey key;
  private final byte[] chainCode;

  private Bip32Key(Secp256k1.PrivateKey key, byte[] chainCode) {
    this.key = key;
    this.chainCode = chainCode;
  }

  /** The master key of {@code seed}: {@code I = HMAC-SHA512("Bitcoin seed", seed)}. */
  public static Bip32Key master(byte[] seed) {
    byte[] i = hmacSha512(MASTER_HMAC_KEY, seed);
    BigInteger k = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
    if (k.signum() == 0 || k.compareTo(N) >= 0) {
      throw new IllegalArgumentException("seed gives an invalid master key (BIP-32: try another)");
    }
    return new Bip32Key(
        Secp256k1.PrivateKey.fromBytes(Arrays.copyOfRange(i, 0, 32)),
        Arrays.copyOfRange(i, 32, 64));
  }

  /**
   * The child at {@code index} (hardened when {@code index >= 2^31}, i.e. negative as an int).
   *
   * @throws IllegalArgumentException in the 1-in-2^127 case where BIP-32 says the index is invalid
   */
  public Bip32Key child(int index) {
    byte[] data = new byte[37];
    if (index < 0) { // hardened: 0x00 || ser256(k) || ser32(i)
      System.arraycopy(key.toBytes(), 0, data, 1, 32);
    } else { // normal: serP(K) || ser32(i)
      System.arraycopy(compressedPublicKey(), 0, data, 0, 33);
    }
    data[33] = (byte) (index >>> 24);
    data[34] = (byte) (index >>> 16);
    data[35] = (byte) (index >>> 8);
    data[36] = (byte) index;
    byte[] i = hmacSha512(chainCode, data);
    BigInteger il = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
    BigInteger child = il.add(new BigInteger(1, key.toBytes())).mod(N);
    if (il.compareTo(N) >= 0 || child.signum() == 0) {
      throw new IllegalArgumentException(
          "BIP-32 child " + Integer.toUnsignedString(index) + " is invalid; use the next index");
    }
    byte[] childKey = new byte[32];
    byte[] magnitude = child.toByteArray();
    int length = Math.min(magnitude.length, 32);
    System.arraycopy(magnitude, magnitude.length - length, childKey, 32 - length, length);
    return new Bip32Key(Secp256k1.PrivateKey.fromBytes(childKey), Arrays.copyOfRange(i, 32, 64));
  }

  /**
   * Walks {@code path} such as {@code m/44'/60'/0'/0/3} from this (master) key.
   *
   * @throws IllegalArgumentException if the path is malformed
   */
  public Bip32Key derive(String path) {
    String[] parts = path.split("/");
    if (parts.length == 0 || !parts[0].equals("m")) {
      throw new IllegalArgumentException("a derivation path starts with m/: " + path);
    }
    Bip32Key current = this;
    for (int p = 1; p < parts.length; p++) {
      String part = parts[p];
      boolean hardened = part.endsWith("'") || part.endsWith("h");
      String digits = hardened ? part.substring(0, part.length() - 1) : part;
      long index;
      try {
        index = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad index '" + part + "' in path " + path, e);
      }
      if (index < 0 || index >= (1L << 31)) {
        throw new IllegalArgumentException("index out of range '" + part + "' in path " + path);
      }
      current = current.child(hardened ? (int) (index | HARDENED) : (int) index);
    }
    return current;
  }

  public Secp256k1.PrivateKey privateKey() {
    return key;
  }

  public byte[] chainCode() {
    return chainCode.clone();
  }

  /** SEC1 compressed public key: 0x02/0x03 by the parity of y, then x. */
  byte[] compressedPublicKey() {
    byte[] uncompressed = key.publicKey();
    byte[] out = new byte[33];
    out[0] = (byte) ((uncompressed[63] & 1) == 0 ? 0x02 : 0x03);
    System.arraycopy(uncompressed, 0, out, 1, 32);
    return out;
  }

  private static byte[] hmacSha512(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key, "HmacSHA512"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides HmacSHA512", e);
    }
  }
}
