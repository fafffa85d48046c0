package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Known-answer tests from the EIPs, and the decoder's strictness on hand-made inputs. */
class TransactionVectorsTest {

  /** The worked example of EIP-155 ("Example" section): signing hash and signed bytes. */
  @Test
  void eip155Example() {
    Secp256k1.PrivateKey key =
        Secp256k1.PrivateKey.fromHex(
            "0x4646464646464646464646464646464646464646464646464646464646464646");
    LegacyTransaction unsigned =
        LegacyTransaction.unsigned(
            OptionalLong.of(1),
            9,
            UInt256.valueOf(20_000_000_000L),
            21_000,
            Optional.of(Address.fromHex("0x3535353535353535353535353535353535353535")),
            UInt256.valueOf(1_000_000_000_000_000_000L),
            Bytes.EMPTY);
    assertThat(unsigned.signingHash())
        .isEqualTo(
            Hash.fromHex("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
    LegacyTransaction signed = (LegacyTransaction) unsigned.sign(key);
    assertThat(Hex.encode(signed.encoded()))
        .isEqualTo(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    assertThat(signed.v()).isEqualTo(UInt256.valueOf(37));
    assertThat(signed.chainId()).hasValue(1);
    assertThat(signed.sender()).isEqualTo(key.address());
  }

  @Test
  void typedHashIsKeccakOfTheEnvelope() {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            1,
            0,
            UInt256.ONE,
            UInt256.valueOf(100),
            21_000,
            Optional.of(Address.ZERO),
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.ONE);
    byte[] encoded = tx.encoded();
    assertThat(encoded[0]).isEqualTo((byte) 2);
    assertThat(tx.hash()).isEqualTo(Keccak256.digest(encoded));
    assertThat(tx.networkEncoded()).isEqualTo(encoded);
  }

  @Test
  void blobNetworkFormCarriesTheSidecarButNotInTheHash() {
    Bytes commitment = Bytes.wrap(new byte[48]);
    BlobSidecar sidecar =
        new BlobSidecar(
            0,
            List.of(Bytes.wrap(new byte[BlobSidecar.BYTES_PER_BLOB])),
            List.of(commitment),
            List.of(Bytes.wrap(new byte[48])));
    BlobTransaction bare =
        new BlobTransaction(
            1,
            0,
            UInt256.ONE,
            UInt256.ONE,
            21_000,
            Address.ZERO,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ONE,
            sidecar.versionedHashes(),
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.ONE,
            Optional.empty());
    BlobTransaction withSidecar = bare.withSidecar(Optional.of(sidecar));
    assertThat(withSidecar.hash()).isEqualTo(bare.hash());
    assertThat(withSidecar).isNotEqualTo(bare);
    byte[] network = withSidecar.networkEncoded();
    assertThat(network.length).isGreaterThan(BlobSidecar.BYTES_PER_BLOB);
    assertThat(TransactionDecoder.decodeNetwork(network)).isEqualTo(withSidecar);
    assertThat(TransactionDecoder.decodeNetwork(bare.encoded())).isEqualTo(bare);
    assertThatThrownBy(() -> TransactionDecoder.decode(network))
        .isInstanceOf(RlpException.class)
        .hasMessageContaining("network form");
    // EIP-4844 kzg_to_versioned_hash: version byte, then sha256(commitment)[1:].
    assertThat(sidecar.versionedHashes().get(0).get(0)).isEqualTo((byte) 1);
  }

  @Test
  void osakaSidecarCarriesCellProofsAndItsVersion() {
    int cells = BlobSidecar.CELLS_PER_EXT_BLOB;
    BlobSidecar sidecar =
        new BlobSidecar(
            1,
            List.of(Bytes.wrap(new byte[BlobSidecar.BYTES_PER_BLOB])),
            List.of(Bytes.wrap(new byte[48])),
            java.util.Collections.nCopies(cells, Bytes.wrap(new byte[48])));
    BlobTransaction tx =
        new BlobTransaction(
                1,
                0,
                UInt256.ONE,
                UInt256.ONE,
                21_000,
                Address.ZERO,
                UInt256.ZERO,
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.ONE,
                sidecar.versionedHashes(),
                UInt256.ZERO,
                UInt256.ONE,
                UInt256.ONE,
                Optional.empty())
            .withSidecar(Optional.of(sidecar));
    assertThat(TransactionDecoder.decodeNetwork(tx.networkEncoded())).isEqualTo(tx);
  }

  record Malformed(String name, String hex, String messagePart) {}

  @Test
  void decoderRefusesMalformedInputWithRlpException() {
    List<Malformed> cases =
        List.of(
            new Malformed("empty", "", "empty input"),
            new Malformed("RLP string", "8180", "RLP string"),
            new Malformed("unknown type", "05c0", "type 0x5"),
            new Malformed("type without payload", "02", "without a payload"),
            new Malformed("legacy with too few fields", "c3808080", "end of input"),
            new Malformed("typed payload not a list", "0280", "expected a list"),
            new Malformed("trailing bytes after typed payload", "7ec000", "trailing"));
    for (Malformed c : cases) {
      assertThatThrownBy(() -> TransactionDecoder.decode(Hex.decode(c.hex())))
          .as(c.name())
          .isInstanceOf(RlpException.class)
          .hasMessageContaining(c.messagePart());
    }
  }
}
