package io.merapi.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

  // The first account of the mnemonic "test test ... junk" (Hardhat/Anvil account 0).
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  @Test
  void addressOfAKnownKey() {
    assertThat(KEY.address())
        .isEqualTo(Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
  }

  @Test
  void signaturesAreDeterministicAndLowS() {
    Hash message = Keccak256.digest("hello".getBytes());
    Signature a = Secp256k1.sign(message, KEY);
    Signature b = Secp256k1.sign(message, KEY);
    assertThat(a).isEqualTo(b);
    assertThat(a.hasLowS()).isTrue();
    assertThat(Secp256k1.recoverAddress(message, a)).contains(KEY.address());
  }

  @Test
  void outOfRangeSignaturesDoNotRecover() {
    Hash message = Keccak256.digest(new byte[] {1});
    assertThat(Secp256k1.recoverAddress(message, new Signature(UInt256.ZERO, UInt256.ONE, 0)))
        .isEmpty();
    assertThat(Secp256k1.recoverAddress(message, new Signature(UInt256.ONE, Secp256k1.ORDER, 0)))
        .isEmpty();
  }

  @Property(tries = 50)
  void signThenRecover(@ForAll @Size(32) byte[] keyBytes, @ForAll @Size(32) byte[] messageBytes) {
    UInt256 scalar = UInt256.fromBytes(keyBytes);
    Assume.that(!scalar.isZero() && scalar.compareTo(Secp256k1.ORDER) < 0);
    Secp256k1.PrivateKey key = Secp256k1.PrivateKey.fromBytes(keyBytes);
    Hash message = Hash.wrap(messageBytes);
    Signature signature = Secp256k1.sign(message, key);
    assertThat(signature.hasLowS()).isTrue();
    assertThat(Secp256k1.recoverAddress(message, signature)).contains(key.address());
    // The other recovery id yields a different key (or none).
    Signature flipped = new Signature(signature.r(), signature.s(), 1 - signature.recoveryId());
    assertThat(Secp256k1.recoverAddress(message, flipped))
        .isNotEqualTo(java.util.Optional.of(key.address()));
  }
}
