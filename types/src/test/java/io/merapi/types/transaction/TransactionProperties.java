package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.testing.ChainArbitraries;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TransactionProperties {

  @Property(tries = 300)
  void canonicalEncodingRoundTrips(@ForAll("transactions") Transaction tx) {
    byte[] encoded = tx.encoded();
    Transaction decoded = TransactionDecoder.decode(encoded);
    assertThat(decoded).isEqualTo(tx);
    assertThat(decoded.getClass()).isEqualTo(tx.getClass());
    assertThat(decoded.encoded()).isEqualTo(encoded);
    assertThat(TransactionDecoder.decodeNetwork(tx.networkEncoded())).isEqualTo(tx);
  }

  @Property(tries = 300)
  void blockBodyFormRoundTrips(@ForAll("transactions") Transaction tx) {
    RlpWriter writer = new RlpWriter().startList();
    tx.writeTo(writer);
    tx.writeTo(writer);
    byte[] list = writer.endList().toByteArray();
    assertThat(TransactionDecoder.readListFrom(RlpReader.of(list))).containsExactly(tx, tx);
    if (tx.type() != TransactionType.LEGACY) {
      // A typed transaction in a body is the byte string of its canonical encoding.
      assertThat(RlpReader.of(list).readList().readBytes()).isEqualTo(tx.encoded());
    }
  }

  @Property(tries = 300)
  void truncatedEncodingsAreRefusedWithRlpException(@ForAll("transactions") Transaction tx) {
    byte[] encoded = tx.encoded();
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransactionDecoder.decode(truncated))
        .isInstanceOf(io.merapi.base.rlp.RlpException.class);
  }

  @Property(tries = 40)
  void signedTransactionsRecoverTheirSigner(
      @ForAll("signable") SignedTransaction unsigned, @ForAll("keys") Secp256k1.PrivateKey key) {
    SignedTransaction signed = unsigned.sign(key);
    assertThat(signed.signingHash()).isEqualTo(unsigned.signingHash());
    assertThat(signed.sender()).isEqualTo(key.address());
    assertThat(signed.signature()).isPresent();
    assertThat(signed.chainId()).isEqualTo(unsigned.chainId());
    SignedTransaction decoded = (SignedTransaction) TransactionDecoder.decode(signed.encoded());
    assertThat(decoded.sender()).isEqualTo(key.address());
  }

  @Property(tries = 200)
  void jsonRoundTrips(@ForAll("transactions") Transaction tx) throws Exception {
    RpcTransaction view = RpcTransaction.pending(tx);
    String json = Json.mapper().writeValueAsString(view);
    RpcTransaction read = Json.mapper().readValue(json, RpcTransaction.class);
    assertThat(read.transaction()).isEqualTo(tx);
    assertThat(Json.mapper().writeValueAsString(read)).isEqualTo(json);
  }

  @Property(tries = 100)
  void effectiveGasPriceIsCappedByTheFeeCap(
      @ForAll("transactions") Transaction tx, @ForAll("fees") UInt256 baseFee) {
    UInt256 price = tx.effectiveGasPrice(baseFee);
    if (tx instanceof DepositTransaction) {
      assertThat(price).isEqualTo(UInt256.ZERO);
      return;
    }
    BigInteger expected =
        tx.maxFeePerGas()
            .toBigInteger()
            .min(baseFee.toBigInteger().add(tx.maxPriorityFeePerGas().toBigInteger()));
    assertThat(price.toBigInteger()).isEqualTo(expected);
    Optional<UInt256> tip = tx.effectiveGasTip(baseFee);
    assertThat(tip.isPresent()).isEqualTo(tx.maxFeePerGas().compareTo(baseFee) >= 0);
    tip.ifPresent(t -> assertThat(t.add(baseFee)).isEqualTo(price));
  }

  @Provide
  Arbitrary<Transaction> transactions() {
    return ChainArbitraries.transactions();
  }

  @Provide
  Arbitrary<UInt256> fees() {
    return ChainArbitraries.uint256();
  }

  @Provide
  Arbitrary<Secp256k1.PrivateKey> keys() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(32)
        .filter(b -> b[0] != 0 && (b[0] & 0xff) < 0xf0)
        .map(Secp256k1.PrivateKey::fromBytes);
  }

  /** Unsigned transactions of every signed type (legacy with and without a chain id). */
  @Provide
  Arbitrary<SignedTransaction> signable() {
    Arbitrary<SignedTransaction> legacy =
        Arbitraries.of(
                OptionalLong.empty(), OptionalLong.of(1), OptionalLong.of(10), OptionalLong.of(-2L))
            .map(
                chainId ->
                    LegacyTransaction.unsigned(
                        chainId,
                        7,
                        UInt256.valueOf(1_000_000_000),
                        21_000,
                        Optional.of(io.merapi.base.bytes.Address.ZERO),
                        UInt256.ONE,
                        Bytes.of((byte) 1, (byte) 2)));
    return Arbitraries.oneOf(
        legacy,
        ChainArbitraries.accessListTransactions().map(t -> t),
        ChainArbitraries.dynamicFeeTransactions().map(t -> t),
        ChainArbitraries.blobTransactions().map(t -> t),
        ChainArbitraries.setCodeTransactions().map(t -> t));
  }
}
