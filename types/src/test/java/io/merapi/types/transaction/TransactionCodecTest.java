package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each signed type through its shared field description: the codec's field list is the EIP's, and
 * encoding, signing hash and decoding agree with an encoding written out by hand here from the
 * EIP's field order.
 */
class TransactionCodecTest {
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
  private static final Address TO = Address.fromHex("0x000000000000000000000000000000000000beef");
  private static final Bytes DATA = Bytes.fromHex("0xc0ffee");
  private static final UInt256 TIP = UInt256.valueOf(2_000_000_000L);
  private static final UInt256 FEE_CAP = UInt256.valueOf(30_000_000_000L);
  private static final UInt256 VALUE = UInt256.valueOf(123_456_789L);
  private static final Hash KEY_1 =
      Hash.fromHex("0x0000000000000000000000000000000000000000000000000000000000000001");
  private static final AccessList ACCESS_LIST =
      new AccessList(List.of(new AccessList.Entry(TO, List.of(KEY_1))));
  private static final Hash BLOB_HASH =
      Hash.fromHex("0x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  private static final Authorization AUTHORIZATION =
      Authorization.sign(UInt256.valueOf(10), TO, 9, KEY);

  /** A type, an unsigned instance, its codec, its EIP field names and the fields by hand. */
  record Case(
      String name,
      SignedTransaction unsigned,
      TransactionCodec<?> codec,
      List<String> eipFields,
      Consumer<RlpWriter> signedFieldsByHand) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "legacy",
            LegacyTransaction.unsigned(
                OptionalLong.of(10), 7, FEE_CAP, 50_000, Optional.of(TO), VALUE, DATA),
            LegacyTransaction.CODEC,
            List.of("nonce", "gasPrice", "gasLimit", "to", "value", "data"),
            w ->
                w.writeLong(7)
                    .writeUInt256(FEE_CAP)
                    .writeLong(50_000)
                    .writeAddress(TO)
                    .writeUInt256(VALUE)
                    .writeBytes(DATA)),
        new Case(
            "access list (create)",
            new AccessListTransaction(
                10,
                7,
                FEE_CAP,
                50_000,
                Optional.empty(),
                VALUE,
                DATA,
                ACCESS_LIST,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO),
            AccessListTransaction.CODEC,
            List.of(
                "chainId", "nonce", "gasPrice", "gasLimit", "to", "value", "data", "accessList"),
            w -> {
              w.writeLong(10).writeLong(7).writeUInt256(FEE_CAP).writeLong(50_000).writeEmpty();
              w.writeUInt256(VALUE).writeBytes(DATA);
              ACCESS_LIST.writeTo(w);
            }),
        new Case(
            "dynamic fee",
            new DynamicFeeTransaction(
                10,
                7,
                TIP,
                FEE_CAP,
                50_000,
                Optional.of(TO),
                VALUE,
                DATA,
                ACCESS_LIST,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO),
            DynamicFeeTransaction.CODEC,
            dynamicFeeNames(),
            TransactionCodecTest::writeDynamicFeeFields),
        new Case(
            "blob",
            new BlobTransaction(
                10,
                7,
                TIP,
                FEE_CAP,
                50_000,
                TO,
                VALUE,
                DATA,
                ACCESS_LIST,
                UInt256.valueOf(3),
                List.of(BLOB_HASH),
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO,
                Optional.empty()),
            BlobTransaction.CODEC,
            concat(dynamicFeeNames(), "maxFeePerBlobGas", "blobVersionedHashes"),
            w -> {
              writeDynamicFeeFields(w);
              w.writeUInt256(UInt256.valueOf(3)).startList().writeHash(BLOB_HASH).endList();
            }),
        new Case(
            "set code",
            new SetCodeTransaction(
                10,
                7,
                TIP,
                FEE_CAP,
                50_000,
                TO,
                VALUE,
                DATA,
                ACCESS_LIST,
                List.of(AUTHORIZATION),
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO),
            SetCodeTransaction.CODEC,
            concat(dynamicFeeNames(), "authorizationList"),
            w -> {
              writeDynamicFeeFields(w);
              w.startList();
              AUTHORIZATION.writeTo(w);
              w.endList();
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fieldListIsTheEips(Case c) {
    List<String> names = c.codec().fields().stream().map(TransactionCodecTest::eipName).toList();
    assertThat(names).isEqualTo(c.eipFields());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signingHashIsOverTheSignedFieldsInOrder(Case c) {
    RlpWriter preimage = new RlpWriter();
    boolean legacy = c.unsigned().type() == TransactionType.LEGACY;
    if (!legacy) {
      preimage.writeRaw(new byte[] {(byte) c.unsigned().type().value()});
    }
    preimage.startList();
    c.signedFieldsByHand().accept(preimage);
    if (legacy) {
      preimage.writeLong(10).writeEmpty().writeEmpty(); // EIP-155: chainId, 0, 0
    }
    preimage.endList();

    assertThat(c.unsigned().signingHash()).isEqualTo(Keccak256.digest(preimage.toByteArray()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signedTransactionEncodesDecodesAndRecoversItsSigner(Case c) {
    SignedTransaction signed = c.unsigned().sign(KEY);
    assertThat(signed.getClass()).isEqualTo(c.unsigned().getClass());
    assertThat(signed.signingHash()).isEqualTo(c.unsigned().signingHash());
    assertThat(signed.sender()).isEqualTo(KEY.address());

    RlpWriter payload = new RlpWriter().startList();
    c.signedFieldsByHand().accept(payload);
    payload.writeUInt256(signed.v()).writeUInt256(signed.r()).writeUInt256(signed.s()).endList();
    byte[] expected = payload.toByteArray();
    if (signed.type() != TransactionType.LEGACY) {
      expected =
          new RlpWriter()
              .writeRaw(new byte[] {(byte) signed.type().value()})
              .writeRaw(expected)
              .toByteArray();
    }
    assertThat(signed.encoded()).isEqualTo(expected);

    Transaction decoded = TransactionDecoder.decode(signed.encoded());
    assertThat(decoded).isEqualTo(signed);
    assertThat(((SignedTransaction) decoded).sender()).isEqualTo(KEY.address());
    int prefix = signed.type() == TransactionType.LEGACY ? 0 : 1;
    RlpReader list = RlpReader.of(expected, prefix, expected.length).readList();
    assertThat(c.codec().read(list)).isEqualTo(signed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reSigningKeepsEveryOtherField(Case c) {
    SignedTransaction signed = c.unsigned().sign(KEY);
    SignedTransaction again = signed.withSignature(signed.signature().orElseThrow());
    assertThat(again).isEqualTo(signed);
    assertThat(again.encoded()).isEqualTo(signed.encoded());
  }

  private static String eipName(TransactionField field) {
    // CONSTANT_CASE to the EIPs' lowerCamelCase; GAS_PRICE and TO_REQUIRED are spelled as in RLP.
    if (field == TransactionField.TO_REQUIRED) {
      return "to";
    }
    String[] words = field.name().toLowerCase(java.util.Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  private static List<String> dynamicFeeNames() {
    return List.of(
        "chainId",
        "nonce",
        "maxPriorityFeePerGas",
        "maxFeePerGas",
        "gasLimit",
        "to",
        "value",
        "data",
        "accessList");
  }

  private static List<String> concat(List<String> head, String... tail) {
    return Stream.concat(head.stream(), Stream.of(tail)).toList();
  }

  private static void writeDynamicFeeFields(RlpWriter w) {
    w.writeLong(10).writeLong(7).writeUInt256(TIP).writeUInt256(FEE_CAP).writeLong(50_000);
    w.writeAddress(TO).writeUInt256(VALUE).writeBytes(DATA);
    ACCESS_LIST.writeTo(w);
  }
}
