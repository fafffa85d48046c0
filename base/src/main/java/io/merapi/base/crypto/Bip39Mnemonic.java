package io.merapi.base.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BIP-39 mnemonic checking against the English word list: 12 to 24 words (a multiple of three),
 * each from the list, whose last bits are the checksum of the entropy the others encode. A typo in
 * a key's mnemonic otherwise derives a valid but unfunded key without any error.
 *
 * <p>The word list is BIP-39's {@code english.txt} (resource {@code bip39-english.txt}, SHA-256
 * {@code 2f5eed53…24dbda}).
 */
public final class Bip39Mnemonic {
  private static final Map<String, Integer> INDEX = readWordList();

  private Bip39Mnemonic() {}

  /**
   * The mnemonic's words, normalized (NFKD, lower case, single spaces), once they pass BIP-39's
   * checks.
   *
   * @throws IllegalArgumentException naming the first failed check (count, unknown word, checksum)
   */
  public static String validate(String mnemonic) {
    String normalized =
        Normalizer.normalize(mnemonic, Normalizer.Form.NFKD).trim().toLowerCase(Locale.ROOT);
    List<String> words = normalized.isEmpty() ? List.of() : List.of(normalized.split("\\s+"));
    int count = words.size();
    if (count < 12 || count > 24 || count % 3 != 0) {
      throw new IllegalArgumentException(
          "a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words, this one has " + count);
    }
    // 11 bits a word: ENT bits of entropy followed by ENT/32 bits of checksum.
    int totalBits = count * 11;
    int checksumBits = totalBits / 33;
    int entropyBits = totalBits - checksumBits;
    byte[] bits = new byte[(totalBits + 7) / 8];
    for (int w = 0; w < count; w++) {
      Integer index = INDEX.get(words.get(w));
      if (index == null) {
        throw new IllegalArgumentException(
            "word " + (w + 1) + " of the mnemonic (\"" + words.get(w) + "\") is not a BIP-39 word");
      }
      for (int b = 0; b < 11; b++) {
        if ((index >> (10 - b) & 1) != 0) {
          int bit = w * 11 + b;
          bits[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
      }
    }
    byte[] entropy = Arrays.copyOf(bits, entropyBits / 8);
    byte[] digest = sha256(entropy);
    for (int i = 0; i < checksumBits; i++) {
      int expected = digest[i / 8] >> (7 - i % 8) & 1;
      int bit = entropyBits + i;
      int actual = bits[bit / 8] >> (7 - bit % 8) & 1;
      if (expected != actual) {
        throw new IllegalArgumentException(
            "the mnemonic's checksum does not match its words (a word is wrong or misplaced)");
      }
    }
    return String.join(" ", words);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  private static Map<String, Integer> readWordList() {
    try (InputStream stream = Bip39Mnemonic.class.getResourceAsStream("bip39-english.txt")) {
      if (stream == null) {
        throw new IllegalStateException("resource bip39-english.txt is missing");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
      Map<String, Integer> index = new HashMap<>(4096);
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          index.put(line.trim(), index.size());
        }
      }
      if (index.size() != 2048) {
        throw new IllegalStateException("the BIP-39 word list has " + index.size() + " words");
      }
      return Map.copyOf(index);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the BIP-39 word list", e);
    }
  }
}
