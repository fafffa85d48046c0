package io.merapi.faultproof.preimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keys against encodings written out by hand from the spec's text ("Pre-image key types"): the type
 * byte, then the index or the digest's last 31 bytes.
 */
class PreimageKeyTest {
  @Test
  void localKeyIsTypeOneThenTheIndexAsBigEndianUint64() {
    assertThat(PreimageKey.local(1).toHex())
        .isEqualTo("0x0100000000000000000000000000000000000000000000000000000000000001");
    assertThat(PreimageKey.local(7).toHex())
        .isEqualTo("0x0100000000000000000000000000000000000000000000000000000000000007");
    assertThat(PreimageKey.local(0x0102030405060708L).toHex())
        .isEqualTo("0x0100000000000000000000000000000000000000000000000102030405060708");
    assertThat(PreimageKey.local(1).type()).contains(KeyType.LOCAL);
  }

  @Test
  void keccakKeyOverwritesTheFirstByteOfTheDigest() {
    // keccak256("") = c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470
    assertThat(PreimageKey.keccak256Of(new byte[0]).toHex())
        .isEqualTo("0x02d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(PreimageKey.keccak256Of(new byte[0]).type()).contains(KeyType.KECCAK256);
  }

  @Test
  void sha256KeyOverwritesTheFirstByteOfTheDigest() {
    // sha256("") = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
    assertThat(PreimageKey.sha256Of(new byte[0]).toHex())
        .isEqualTo("0x04b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(PreimageKey.sha256Of("abc".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("0x047816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void blobKeyIsTypeFiveOverKeccakOfCommitmentAndZ() {
    byte[] commitment = new byte[48];
    commitment[0] = (byte) 0xc0;
    Hash z = Hash.leftPad(new byte[] {0x01});
    byte[] concatenated = Hex.decode("0xc0" + "00".repeat(47) + "00".repeat(31) + "01");
    byte[] digest = Keccak256.hash(concatenated);
    digest[0] = 5;
    assertThat(PreimageKey.blob(commitment, z).raw()).isEqualTo(Hash.wrap(digest));
    assertThat(PreimageKey.blobKeyPreimage(commitment, z)).isEqualTo(concatenated);
  }

  @Test
  void precompileKeyIsTypeSixOverKeccakOfAddressAndInput() {
    Address ecrecover = Address.fromHex("0x0000000000000000000000000000000000000001");
    byte[] input = Hex.decode("0xdeadbeef");
    byte[] digest =
        Keccak256.hash(Hex.decode("0x0000000000000000000000000000000000000001deadbeef"));
    digest[0] = 6;
    assertThat(PreimageKey.precompile(ecrecover, input).raw()).isEqualTo(Hash.wrap(digest));
  }

  @Test
  void globalGenericKeyIsTypeThreeOverKeccakOfXAndSender() {
    Hash x = Hash.fromHex("0x" + "11".repeat(32));
    Hash sender = Hash.leftPad(Hex.decode("0x" + "22".repeat(20)));
    byte[] digest =
        Keccak256.hash(Hex.decode("0x" + "11".repeat(32) + "00".repeat(12) + "22".repeat(20)));
    digest[0] = 3;
    assertThat(PreimageKey.globalGeneric(x, sender).raw()).isEqualTo(Hash.wrap(digest));
  }

  @Test
  void typeZeroIsIllegalAndReservedTypesHaveNoKeyType() {
    assertThatThrownBy(() -> PreimageKey.of(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type 0");
    byte[] reserved = new byte[32];
    reserved[0] = 7;
    assertThat(PreimageKey.of(reserved).type()).isEmpty();
    reserved[0] = (byte) 200;
    assertThat(PreimageKey.of(reserved).type()).isEmpty();
  }
}
