package io.merapi.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Bip39MnemonicTest {
  @Test
  void acceptsValidMnemonicsAndNormalizesSpacing() {
    assertThat(
            Bip39Mnemonic.validate("test test test test test test test test test test test junk"))
        .isEqualTo("test test test test test test test test test test test junk");
    // BIP-39 reference vectors (Trezor's vectors.json): 12 and 24 words.
    assertThat(
            Bip39Mnemonic.validate(
                "  Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                    + " abandon   about "))
        .isEqualTo(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                + " abandon about");
    Bip39Mnemonic.validate(
        "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo"
            + " zoo vote");
  }

  @Test
  void refusesAWrongChecksum() {
    assertThatThrownBy(
            () ->
                Bip39Mnemonic.validate(
                    "test test test test test test test test test test test test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void refusesUnknownWordsAndWrongCounts() {
    assertThatThrownBy(
            () ->
                Bip39Mnemonic.validate(
                    "test test test test test test test test test test test junkk"))
        .hasMessageContaining("word 12")
        .hasMessageContaining("junkk");
    assertThatThrownBy(() -> Bip39Mnemonic.validate("test test test"))
        .hasMessageContaining("has 3");
    assertThatThrownBy(() -> Bip39Mnemonic.validate("")).hasMessageContaining("has 0");
  }
}
