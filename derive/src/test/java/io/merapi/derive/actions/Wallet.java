package io.merapi.derive.actions;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A key that signs EIP-1559 transactions on one chain, its nonces counted by the chain it sends to
 * (op-e2e's {@code BasicUser}, reduced to what the scenarios do).
 */
final class Wallet {
  static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final Secp256k1.PrivateKey key;
  private final long chainId;
  private final LongSupplier nextNonce;

  Wallet(Secp256k1.PrivateKey key, long chainId, LongSupplier nextNonce) {
    this.key = key;
    this.chainId = chainId;
    this.nextNonce = nextNonce;
  }

  Address address() {
    return key.address();
  }

  Secp256k1.PrivateKey key() {
    return key;
  }

  long chainId() {
    return chainId;
  }

  long nextNonce() {
    return nextNonce.getAsLong();
  }

  /** A call (or transfer) paying up to 100 gwei per gas with a 1 gwei tip. */
  Transaction call(Address to, UInt256 value, Bytes data, long gas) {
    return new DynamicFeeTransaction(
            chainId,
            nextNonce.getAsLong(),
            GWEI,
            GWEI.multiply(UInt256.valueOf(100)),
            gas,
            Optional.of(to),
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  Transaction transfer(Address to, UInt256 value) {
    return call(to, value, Bytes.EMPTY, 21_000);
  }
}
