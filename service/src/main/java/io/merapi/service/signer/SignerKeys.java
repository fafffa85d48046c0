package io.merapi.service.signer;

import io.merapi.base.crypto.Bip32Key;
import io.merapi.base.crypto.Bip39Mnemonic;
import io.merapi.base.crypto.Bip39Seed;
import io.merapi.base.crypto.Secp256k1;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Loads the key a service signs with: {@code --private-key} (64 hex digits, with or without {@code
 * 0x}) or {@code --mnemonic} with {@code --hd-path} (BIP-39 seed without passphrase, BIP-32 path
 * such as {@code m/44'/60'/0'/0/0}). Errors name the flag and what is wrong with it, never the
 * secret itself.
 */
public final class SignerKeys {
  private SignerKeys() {}

  /**
   * The key the flags name: exactly one of {@code privateKey} and {@code mnemonic}; {@code hdPath}
   * only (and always) with {@code mnemonic}.
   *
   * @throws IllegalArgumentException with a message fit for the command line
   */
  public static Secp256k1.PrivateKey load(
      Optional<String> privateKey, Optional<String> mnemonic, Optional<String> hdPath) {
    if (privateKey.isPresent() && mnemonic.isPresent()) {
      throw new IllegalArgumentException("give either --private-key or --mnemonic, not both");
    }
    if (privateKey.isPresent()) {
      if (hdPath.isPresent()) {
        throw new IllegalArgumentException("--hd-path needs --mnemonic, not --private-key");
      }
      return fromPrivateKey(privateKey.get());
    }
    if (mnemonic.isPresent()) {
      return fromMnemonic(
          mnemonic.get(),
          hdPath.orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "--mnemonic needs --hd-path, e.g. m/44'/60'/0'/0/0")));
    }
    throw new IllegalArgumentException("a signer key is required: --private-key or --mnemonic");
  }

  /** {@code --private-key}: 32 bytes in hex, with or without {@code 0x}. */
  public static Secp256k1.PrivateKey fromPrivateKey(String hex) {
    String digits = hex.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    if (digits.length() != 64) {
      throw new IllegalArgumentException(
          "--private-key must be 64 hex digits (32 bytes), got " + digits.length() + " characters");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--private-key is not hex: it has a non-hex character");
    }
    try {
      return Secp256k1.PrivateKey.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--private-key is not a valid secp256k1 key (zero or not below the curve order)");
    }
  }

  /** {@code --mnemonic} and {@code --hd-path}. */
  public static Secp256k1.PrivateKey fromMnemonic(String mnemonic, String hdPath) {
    String words;
    try {
      words = Bip39Mnemonic.validate(mnemonic);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--mnemonic: " + e.getMessage());
    }
    Bip32Key master = Bip32Key.master(Bip39Seed.of(words, ""));
    try {
      return master.derive(hdPath.strip()).privateKey();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--hd-path: " + e.getMessage());
    }
  }
}
