package io.merapi.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hex;
import org.junit.jupiter.api.Test;

class Bip32KeyTest {
  @Test
  void bip39SeedVector() {
    // BIP-39 reference vector (Trezor's vectors.json, passphrase "TREZOR"): all-"abandon" + about.
    String mnemonic =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
            + " about";
    assertThat(Hex.encode(Bip39Seed.of(mnemonic, "TREZOR")))
        .isEqualTo(
            "0xc55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
  }

  @Test
  void bip32TestVectorOne() {
    // BIP-32 test vector 1: seed 000102...0f, chain m/0'/1/2'/2/1000000000.
    Bip32Key master = Bip32Key.master(Hex.decode("0x000102030405060708090a0b0c0d0e0f"));
    assertThat(Hex.encode(master.privateKey().toBytes()))
        .isEqualTo("0xe8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35");
    assertThat(Hex.encode(master.chainCode()))
        .isEqualTo("0x873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508");
    Bip32Key leaf = master.derive("m/0'/1/2'/2/1000000000");
    assertThat(Hex.encode(leaf.privateKey().toBytes()))
        .isEqualTo("0x471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8");
    assertThat(Hex.encode(leaf.chainCode()))
        .isEqualTo("0xc783e67b921d2beb8f6b389cc646d7263b4145701dadd2161548a8b078e65e9e");
  }

  @Test
  void malformedPathsAreRefused() {
    Bip32Key master = Bip32Key.master(new byte[16]);
    assertThatThrownBy(() -> master.derive("44'/60'")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> master.derive("m/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> master.derive("m/2147483648"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
