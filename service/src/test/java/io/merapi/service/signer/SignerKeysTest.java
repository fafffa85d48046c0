package io.merapi.service.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.crypto.Secp256k1;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignerKeysTest {
  private static final String DEV_MNEMONIC =
      "test test test test test test test test test test test junk";
  private static final String ACCOUNT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  private static final String KEY_0 =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @Test
  void theDevMnemonicsFirstAccount() {
    Secp256k1.PrivateKey key =
        SignerKeys.load(
            Optional.empty(), Optional.of(DEV_MNEMONIC), Optional.of("m/44'/60'/0'/0/0"));
    assertThat(key.address().toChecksumHex()).isEqualTo(ACCOUNT_0);
    Secp256k1.PrivateKey second = SignerKeys.fromMnemonic(DEV_MNEMONIC, "m/44'/60'/0'/0/1");
    assertThat(second.address().toChecksumHex())
        .isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  }

  @Test
  void privateKeysWithOrWithoutPrefix() {
    assertThat(SignerKeys.fromPrivateKey(KEY_0).address().toChecksumHex()).isEqualTo(ACCOUNT_0);
    assertThat(SignerKeys.fromPrivateKey("0x" + KEY_0 + "\n").address().toChecksumHex())
        .isEqualTo(ACCOUNT_0);
  }

  @Test
  void badPrivateKeysAreNamedWithoutEchoingThem() {
    assertThatThrownBy(() -> SignerKeys.fromPrivateKey(KEY_0.substring(2)))
        .hasMessage("--private-key must be 64 hex digits (32 bytes), got 62 characters");
    String notHex = "zz" + KEY_0.substring(2);
    assertThatThrownBy(() -> SignerKeys.fromPrivateKey(notHex))
        .hasMessageContaining("not hex")
        .hasMessageNotContaining(notHex);
    assertThatThrownBy(() -> SignerKeys.fromPrivateKey("00".repeat(32)))
        .hasMessageContaining("not a valid secp256k1 key");
  }

  @Test
  void badMnemonicsAndPaths() {
    assertThatThrownBy(
            () ->
                SignerKeys.fromMnemonic(
                    "test test test test test test test test test test test test",
                    "m/44'/60'/0'/0/0"))
        .hasMessageStartingWith("--mnemonic: ")
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> SignerKeys.fromMnemonic(DEV_MNEMONIC, "44'/60'/0'/0/0"))
        .hasMessageStartingWith("--hd-path: ");
    assertThatThrownBy(() -> SignerKeys.fromMnemonic(DEV_MNEMONIC, "m/44'/sixty'/0'"))
        .hasMessageStartingWith("--hd-path: ")
        .hasMessageContaining("sixty");
  }

  @Test
  void flagCombinations() {
    assertThatThrownBy(() -> SignerKeys.load(Optional.empty(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("--private-key or --mnemonic");
    assertThatThrownBy(
            () -> SignerKeys.load(Optional.of(KEY_0), Optional.of(DEV_MNEMONIC), Optional.empty()))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () -> SignerKeys.load(Optional.empty(), Optional.of(DEV_MNEMONIC), Optional.empty()))
        .hasMessageContaining("--mnemonic needs --hd-path");
    assertThatThrownBy(
            () -> SignerKeys.load(Optional.of(KEY_0), Optional.empty(), Optional.of("m/0")))
        .hasMessageContaining("--hd-path needs --mnemonic");
  }
}
