package io.merapi.base.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * BIP-39 "From mnemonic to seed": PBKDF2 with HMAC-SHA512, 2048 iterations, the NFKD-normalized
 * mnemonic as password and {@code "mnemonic" + passphrase} as salt, 64 bytes out. The words are not
 * checked against a word list: the seed is defined over the sentence as given, and the dev chain
 * only ever derives from its fixed, well-known mnemonic.
 */
public final class Bip39Seed {
  static final int ITERATIONS = 2048;
  static final int SEED_BITS = 512;

  private Bip39Seed() {}

  public static byte[] of(String mnemonic, String passphrase) {
    String password = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD);
    byte[] salt =
        Normalizer.normalize("mnemonic" + passphrase, Normalizer.Form.NFKD)
            .getBytes(StandardCharsets.UTF_8);
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, SEED_BITS);
    try {
      // SunJCE's PBKDF2 turns the password characters into UTF-8 bytes, as BIP-39 wants.
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides PBKDF2WithHmacSHA512", e);
    } finally {
      spec.clearPassword();
    }
  }
}
