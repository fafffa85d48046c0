package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
  private static final Address DELEGATE =
      Address.fromHex("0x000000000000000000000000000000000000beef");

  @Test
  void signingHashIsMagicThenRlpOfChainAddressNonce() {
    Authorization auth = Authorization.sign(UInt256.valueOf(7), DELEGATE, 3, KEY);
    byte[] preimage =
        new RlpWriter()
            .writeRaw(new byte[] {0x05})
            .startList()
            .writeLong(7)
            .writeAddress(DELEGATE)
            .writeLong(3)
            .endList()
            .toByteArray();
    assertThat(auth.signingHash()).isEqualTo(Keccak256.digest(preimage));
    assertThat(auth.authority()).hasValue(KEY.address());
  }

  @Test
  void invalidSignaturesHaveNoAuthorityRatherThanThrowing() {
    Authorization good = Authorization.sign(UInt256.ZERO, DELEGATE, 0, KEY);
    UInt256 highS = Secp256k1.ORDER.subtract(good.s());
    assertThat(withSignature(good, 2, good.r(), good.s()).authority()).isEmpty();
    assertThat(withSignature(good, good.yParity(), UInt256.ZERO, good.s()).authority()).isEmpty();
    assertThat(withSignature(good, 1 - good.yParity(), good.r(), highS).authority())
        .as("EIP-2 high s is refused even with the matching parity")
        .isEmpty();
  }

  @Test
  void rlpRoundTrips() {
    Authorization auth = Authorization.sign(UInt256.MAX_VALUE, DELEGATE, -1L, KEY);
    RlpWriter writer = new RlpWriter();
    auth.writeTo(writer);
    assertThat(Authorization.readFrom(RlpReader.of(writer.toByteArray()))).isEqualTo(auth);
  }

  private static Authorization withSignature(Authorization a, int yParity, UInt256 r, UInt256 s) {
    return new Authorization(a.chainId(), a.address(), a.nonce(), yParity, r, s);
  }
}
