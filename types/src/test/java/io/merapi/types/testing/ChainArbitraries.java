package io.merapi.types.testing;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.AccessListTransaction;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SetCodeTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for chain values. Numbers favour the edges (0, 1, byte boundaries, the maximum)
 * where encodings change length.
 */
public final class ChainArbitraries {
  private ChainArbitraries() {}

  public static Arbitrary<Long> uint64() {
    return Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, 0x7fL, 0x80L, 0xffL, 0x100L, -1L, Long.MAX_VALUE),
        Arbitraries.longs().between(0, 1L << 40),
        Arbitraries.longs());
  }

  public static Arbitrary<UInt256> uint256() {
    return Arbitraries.oneOf(
        Arbitraries.of(UInt256.ZERO, UInt256.ONE, UInt256.MAX_VALUE, UInt256.valueOf(0x80)),
        uint64().map(UInt256::valueOf),
        Arbitraries.bigIntegers()
            .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))
            .map(UInt256::valueOf));
  }

  public static Arbitrary<Bytes> bytes(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize).map(Bytes::wrap);
  }

  public static Arbitrary<Hash> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
  }

  public static Arbitrary<Address> addresses() {
    return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::wrap);
  }

  public static Arbitrary<Optional<Address>> optionalAddresses() {
    return addresses().optional(0.8);
  }

  public static Arbitrary<AccessList> accessLists() {
    Arbitrary<AccessList.Entry> entry =
        Combinators.combine(addresses(), hashes().list().ofMaxSize(3)).as(AccessList.Entry::new);
    return entry.list().ofMaxSize(3).map(AccessList::new);
  }

  public static Arbitrary<Authorization> authorizations() {
    return Combinators.combine(
            uint256(),
            addresses(),
            uint64(),
            Arbitraries.integers().between(0, 255),
            uint256(),
            uint256())
        .as(Authorization::new);
  }

  public static Arbitrary<LegacyTransaction> legacy() {
    return Builders.withBuilder(() -> new Object[9])
        .use(uint64())
        .in((a, v) -> set(a, 0, v))
        .use(uint256())
        .in((a, v) -> set(a, 1, v))
        .use(uint64())
        .in((a, v) -> set(a, 2, v))
        .use(optionalAddresses())
        .in((a, v) -> set(a, 3, v))
        .use(uint256())
        .in((a, v) -> set(a, 4, v))
        .use(bytes(100))
        .in((a, v) -> set(a, 5, v))
        .use(uint256())
        .in((a, v) -> set(a, 6, v))
        .use(uint256())
        .in((a, v) -> set(a, 7, v))
        .use(uint256())
        .in((a, v) -> set(a, 8, v))
        .build(
            a ->
                new LegacyTransaction(
                    (Long) a[0],
                    (UInt256) a[1],
                    (Long) a[2],
                    optional(a[3]),
                    (UInt256) a[4],
                    (Bytes) a[5],
                    (UInt256) a[6],
                    (UInt256) a[7],
                    (UInt256) a[8]));
  }

  /** The fields every EIP-1559-style type shares, drawn once. */
  private record FeeFields(
      long chainId,
      long nonce,
      UInt256 tip,
      UInt256 feeCap,
      long gas,
      Address to,
      UInt256 value,
      Bytes data,
      AccessList accessList,
      UInt256 yParity,
      UInt256 r,
      UInt256 s) {}

  private static Arbitrary<FeeFields> feeFields() {
    return Builders.withBuilder(() -> new Object[12])
        .use(uint64())
        .in((a, v) -> set(a, 0, v))
        .use(uint64())
        .in((a, v) -> set(a, 1, v))
        .use(uint256())
        .in((a, v) -> set(a, 2, v))
        .use(uint256())
        .in((a, v) -> set(a, 3, v))
        .use(uint64())
        .in((a, v) -> set(a, 4, v))
        .use(addresses())
        .in((a, v) -> set(a, 5, v))
        .use(uint256())
        .in((a, v) -> set(a, 6, v))
        .use(bytes(100))
        .in((a, v) -> set(a, 7, v))
        .use(accessLists())
        .in((a, v) -> set(a, 8, v))
        .use(Arbitraries.of(UInt256.ZERO, UInt256.ONE))
        .in((a, v) -> set(a, 9, v))
        .use(uint256())
        .in((a, v) -> set(a, 10, v))
        .use(uint256())
        .in((a, v) -> set(a, 11, v))
        .build(
            a ->
                new FeeFields(
                    (Long) a[0],
                    (Long) a[1],
                    (UInt256) a[2],
                    (UInt256) a[3],
                    (Long) a[4],
                    (Address) a[5],
                    (UInt256) a[6],
                    (Bytes) a[7],
                    (AccessList) a[8],
                    (UInt256) a[9],
                    (UInt256) a[10],
                    (UInt256) a[11]));
  }

  public static Arbitrary<AccessListTransaction> accessListTransactions() {
    return Combinators.combine(feeFields(), optionalAddresses())
        .as(
            (f, to) ->
                new AccessListTransaction(
                    f.chainId,
                    f.nonce,
                    f.feeCap,
                    f.gas,
                    to,
                    f.value,
                    f.data,
                    f.accessList,
                    f.yParity,
                    f.r,
                    f.s));
  }

  public static Arbitrary<DynamicFeeTransaction> dynamicFeeTransactions() {
    return Combinators.combine(feeFields(), optionalAddresses())
        .as(
            (f, to) ->
                new DynamicFeeTransaction(
                    f.chainId,
                    f.nonce,
                    f.tip,
                    f.feeCap,
                    f.gas,
                    to,
                    f.value,
                    f.data,
                    f.accessList,
                    f.yParity,
                    f.r,
                    f.s));
  }

  public static Arbitrary<BlobTransaction> blobTransactions() {
    return Combinators.combine(feeFields(), uint256(), hashes().list().ofMaxSize(4))
        .as(
            (f, blobFee, hashes) ->
                new BlobTransaction(
                    f.chainId,
                    f.nonce,
                    f.tip,
                    f.feeCap,
                    f.gas,
                    f.to,
                    f.value,
                    f.data,
                    f.accessList,
                    blobFee,
                    hashes,
                    f.yParity,
                    f.r,
                    f.s,
                    Optional.empty()));
  }

  public static Arbitrary<SetCodeTransaction> setCodeTransactions() {
    return Combinators.combine(feeFields(), authorizations().list().ofMaxSize(3))
        .as(
            (f, auths) ->
                new SetCodeTransaction(
                    f.chainId,
                    f.nonce,
                    f.tip,
                    f.feeCap,
                    f.gas,
                    f.to,
                    f.value,
                    f.data,
                    f.accessList,
                    auths,
                    f.yParity,
                    f.r,
                    f.s));
  }

  public static Arbitrary<DepositTransaction> deposits() {
    return Builders.withBuilder(() -> new Object[8])
        .use(hashes())
        .in((a, v) -> set(a, 0, v))
        .use(addresses())
        .in((a, v) -> set(a, 1, v))
        .use(optionalAddresses())
        .in((a, v) -> set(a, 2, v))
        .use(uint256())
        .in((a, v) -> set(a, 3, v))
        .use(uint256())
        .in((a, v) -> set(a, 4, v))
        .use(uint64())
        .in((a, v) -> set(a, 5, v))
        .use(Arbitraries.of(true, false))
        .in((a, v) -> set(a, 6, v))
        .use(bytes(100))
        .in((a, v) -> set(a, 7, v))
        .build(
            a ->
                new DepositTransaction(
                    (Hash) a[0],
                    (Address) a[1],
                    optional(a[2]),
                    (UInt256) a[3],
                    (UInt256) a[4],
                    (Long) a[5],
                    (Boolean) a[6],
                    (Bytes) a[7]));
  }

  /** Transactions of every type. */
  public static Arbitrary<Transaction> transactions() {
    return Arbitraries.oneOf(
        legacy(),
        accessListTransactions(),
        dynamicFeeTransactions(),
        blobTransactions(),
        setCodeTransactions(),
        deposits());
  }

  public static Arbitrary<Log> logs() {
    return Combinators.combine(addresses(), hashes().list().ofMaxSize(4), bytes(80)).as(Log::new);
  }

  public static Arbitrary<Receipt> receipts() {
    Arbitrary<TransactionType> types = Arbitraries.of(TransactionType.class);
    Arbitrary<Receipt.Outcome> outcomes =
        Arbitraries.oneOf(
            Arbitraries.of(true, false).map(Receipt.Status::new),
            hashes().map(Receipt.PostState::new));
    return Combinators.combine(
            types,
            outcomes,
            uint64(),
            logs().list().ofMaxSize(3),
            Arbitraries.integers().between(0, 2),
            uint64())
        .as(
            (type, outcome, gas, logs, depositFields, nonce) -> {
              OptionalLong depositNonce = OptionalLong.empty();
              OptionalLong version = OptionalLong.empty();
              if (type == TransactionType.DEPOSIT && depositFields >= 1) {
                depositNonce = OptionalLong.of(nonce);
              }
              if (type == TransactionType.DEPOSIT && depositFields == 2) {
                version = OptionalLong.of(1);
              }
              return new Receipt(
                  type, outcome, gas, Receipt.bloomOf(logs), logs, depositNonce, version);
            });
  }

  public static Arbitrary<Withdrawal> withdrawals() {
    return Combinators.combine(uint64(), uint64(), addresses(), uint64()).as(Withdrawal::new);
  }

  /** Headers of every era: each has the first {@code n} optional fields, n from 0 to 6. */
  public static Arbitrary<Header> headers() {
    Arbitrary<Header.Builder> base =
        Combinators.combine(
                hashes(), addresses(), hashes(), uint256(), uint64(), uint64(), uint64(), bytes(32))
            .as(
                (parent, coinbase, root, difficulty, number, gasLimit, time, extra) ->
                    Header.builder()
                        .parentHash(parent)
                        .coinbase(coinbase)
                        .stateRoot(root)
                        .difficulty(difficulty)
                        .number(number)
                        .gasLimit(gasLimit)
                        .gasUsed(gasLimit / 2)
                        .timestamp(time)
                        .extraData(extra)
                        .logsBloom(LogsBloom.EMPTY)
                        .nonce(number ^ time));
    return Combinators.combine(
            base, Arbitraries.integers().between(0, 6), hashes(), uint256(), uint64(), uint64())
        .as(
            (builder, era, hash, baseFee, blobGas, excess) -> {
              if (era >= 1) {
                builder.baseFeePerGas(Optional.of(baseFee));
              }
              if (era >= 2) {
                builder.withdrawalsRoot(Optional.of(hash));
              }
              if (era >= 3) {
                builder.blobGasUsed(OptionalLong.of(blobGas));
              }
              if (era >= 4) {
                builder.excessBlobGas(OptionalLong.of(excess));
              }
              if (era >= 5) {
                builder.parentBeaconBlockRoot(Optional.of(hash));
              }
              if (era >= 6) {
                builder.requestsHash(Optional.of(hash));
              }
              return builder.build();
            });
  }

  private static Object[] set(Object[] array, int index, Object value) {
    array[index] = value;
    return array;
  }

  @SuppressWarnings("unchecked")
  private static Optional<Address> optional(Object value) {
    return (Optional<Address>) value;
  }
}
