package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.InvalidTransactionException.Reason;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules TransactionTests does not reach: blobs, set-code, the Prague floor, Osaka's caps. */
class TransactionValidatorTest {
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
  private static final long CHAIN = 1;
  private static final Hash BLOB_HASH =
      Hash.fromHex("0x0100000000000000000000000000000000000000000000000000000000000001");

  record Case(String name, Transaction tx, Fork fork, Optional<Reason> reason, long gas) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Bytes calldata = Bytes.wrap(new byte[1000]); // 1000 zero bytes: 4000 gas, 1000 tokens
    return Stream.of(
        new Case("1559 call, Cancun", call(21_000, Bytes.EMPTY), Fork.CANCUN, ok(), 21_000),
        new Case(
            "1559 before London",
            call(21_000, Bytes.EMPTY),
            Fork.BERLIN,
            fail(Reason.TYPE_NOT_SUPPORTED),
            0),
        new Case(
            "calldata, Cancun: 21000 + 4000", call(25_000, calldata), Fork.CANCUN, ok(), 25_000),
        new Case(
            "calldata, Prague: EIP-7623 floor 21000 + 10 * 1000",
            call(25_000, calldata),
            Fork.PRAGUE,
            fail(Reason.INTRINSIC_GAS_TOO_LOW),
            0),
        new Case("calldata at the Prague floor", call(31_000, calldata), Fork.PRAGUE, ok(), 31_000),
        new Case("blob, Cancun", blob(1), Fork.CANCUN, ok(), 21_000),
        new Case("blob before Cancun", blob(1), Fork.SHANGHAI, fail(Reason.TYPE_NOT_SUPPORTED), 0),
        new Case("blob without blobs", blob(0), Fork.CANCUN, fail(Reason.TYPE_3_TX_ZERO_BLOBS), 0),
        new Case(
            "7 blobs, Cancun (max 6)",
            blob(7),
            Fork.CANCUN,
            fail(Reason.TYPE_3_TX_BLOB_COUNT_EXCEEDED),
            0),
        new Case("7 blobs, Prague (max 9)", blob(7), Fork.PRAGUE, ok(), 21_000),
        new Case(
            "7 blobs, Osaka (max 6 a tx)",
            blob(7),
            Fork.OSAKA,
            fail(Reason.TYPE_3_TX_BLOB_COUNT_EXCEEDED),
            0),
        new Case(
            "blob hash with version 0",
            blobWithHashes(List.of(Hash.ZERO)),
            Fork.CANCUN,
            fail(Reason.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH),
            0),
        new Case("set-code, Prague: 21000 + 25000", setCode(1, 46_000), Fork.PRAGUE, ok(), 46_000),
        new Case(
            "set-code before Prague",
            setCode(1, 46_000),
            Fork.CANCUN,
            fail(Reason.TYPE_NOT_SUPPORTED),
            0),
        new Case(
            "set-code without authorizations",
            setCode(0, 46_000),
            Fork.PRAGUE,
            fail(Reason.TYPE_4_EMPTY_AUTHORIZATION_LIST),
            0),
        new Case(
            "set-code short of the authorization cost",
            setCode(2, 46_000),
            Fork.PRAGUE,
            fail(Reason.INTRINSIC_GAS_TOO_LOW),
            0),
        new Case(
            "gas limit above 2^24, Osaka",
            call((1L << 24) + 1, Bytes.EMPTY),
            Fork.OSAKA,
            fail(Reason.GAS_LIMIT_EXCEEDS_MAXIMUM),
            0),
        new Case(
            "gas limit above 2^24, Prague",
            call((1L << 24) + 1, Bytes.EMPTY),
            Fork.PRAGUE,
            ok(),
            21_000),
        new Case("another chain", onChain(5), Fork.CANCUN, fail(Reason.INVALID_CHAINID), 0));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void validates(Case c) {
    TransactionValidator validator = TransactionValidator.l1(CHAIN, c.fork());
    if (c.reason().isPresent()) {
      assertThatThrownBy(() -> validator.validate(c.tx()))
          .isInstanceOfSatisfying(
              InvalidTransactionException.class,
              e -> assertThat(e.reason()).isEqualTo(c.reason().get()));
    } else {
      assertThat(validator.validate(c.tx()).minimumGasLimit()).isEqualTo(c.gas());
    }
  }

  @org.junit.jupiter.api.Test
  void blobTransactionsAreRefusedOnOpStackChains() {
    assertThatThrownBy(() -> TransactionValidator.opStack(CHAIN, Fork.CANCUN).validate(blob(1)))
        .isInstanceOfSatisfying(
            InvalidTransactionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TYPE_NOT_SUPPORTED));
  }

  private static Optional<Reason> ok() {
    return Optional.empty();
  }

  private static Optional<Reason> fail(Reason reason) {
    return Optional.of(reason);
  }

  private static Transaction call(long gas, Bytes data) {
    return new DynamicFeeTransaction(
            CHAIN,
            0,
            UInt256.ONE,
            UInt256.valueOf(10),
            gas,
            Optional.of(Address.ZERO),
            UInt256.ZERO,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(KEY);
  }

  private static Transaction onChain(long chainId) {
    return new DynamicFeeTransaction(
            chainId,
            0,
            UInt256.ONE,
            UInt256.valueOf(10),
            21_000,
            Optional.of(Address.ZERO),
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(KEY);
  }

  private static Transaction blob(int count) {
    return blobWithHashes(Collections.nCopies(count, BLOB_HASH));
  }

  private static Transaction blobWithHashes(List<Hash> hashes) {
    return new BlobTransaction(
            CHAIN,
            0,
            UInt256.ONE,
            UInt256.valueOf(10),
            21_000,
            Address.ZERO,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ONE,
            hashes,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            Optional.empty())
        .sign(KEY);
  }

  private static Transaction setCode(int authorizations, long gas) {
    Authorization authorization = Authorization.sign(UInt256.valueOf(CHAIN), Address.ZERO, 0, KEY);
    return new SetCodeTransaction(
            CHAIN,
            0,
            UInt256.ONE,
            UInt256.valueOf(10),
            gas,
            Address.ZERO,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            Collections.nCopies(authorizations, authorization),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(KEY);
  }
}
