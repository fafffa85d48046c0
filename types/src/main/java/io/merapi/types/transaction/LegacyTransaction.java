package io.merapi.types.transaction;

import static io.merapi.types.transaction.TransactionField.DATA;
import static io.merapi.types.transaction.TransactionField.GAS_LIMIT;
import static io.merapi.types.transaction.TransactionField.GAS_PRICE;
import static io.merapi.types.transaction.TransactionField.NONCE;
import static io.merapi.types.transaction.TransactionField.TO;
import static io.merapi.types.transaction.TransactionField.VALUE;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The original transaction: {@code rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s])}.
 * Before EIP-155 {@code v} is 27 or 28 and the signature is valid on every chain; with EIP-155 it
 * is {@code chainId * 2 + 35} or {@code + 36} and the signing hash also commits to {@code [chainId,
 * 0, 0]}.
 */
public final class LegacyTransaction extends SignedTransaction {
  private static final UInt256 V27 = UInt256.valueOf(27);
  private static final UInt256 V35 = UInt256.valueOf(35);
  private static final UInt256 TWO = UInt256.valueOf(2);
  private static final UInt256 MAX_CHAIN_ID = UInt256.valueOf(-1L);

  static final TransactionCodec<LegacyTransaction> CODEC =
      new TransactionCodec<>(
          TransactionType.LEGACY,
          List.of(NONCE, GAS_PRICE, GAS_LIMIT, TO, VALUE, DATA),
          v ->
              new LegacyTransaction(
                  v.nonce, v.maxFeePerGas, v.gasLimit, v.to, v.value, v.data, v.v, v.r, v.s));

  private final UInt256 gasPrice;

  public LegacyTransaction(
      long nonce,
      UInt256 gasPrice,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      UInt256 v,
      UInt256 r,
      UInt256 s) {
    super(nonce, gasLimit, to, value, data, v, r, s);
    this.gasPrice = Objects.requireNonNull(gasPrice, "gasPrice");
  }

  /**
   * An unsigned transaction, to be signed with {@link #sign}: replay-protected for {@code chainId}
   * if present (EIP-155), else valid on every chain.
   */
  public static LegacyTransaction unsigned(
      OptionalLong chainId,
      long nonce,
      UInt256 gasPrice,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data) {
    return new LegacyTransaction(
        nonce, gasPrice, gasLimit, to, value, data, baseV(chainId), UInt256.ZERO, UInt256.ZERO);
  }

  private static UInt256 baseV(OptionalLong chainId) {
    return chainId.isPresent() ? UInt256.valueOf(chainId.getAsLong()).multiply(TWO).add(V35) : V27;
  }

  @Override
  public TransactionType type() {
    return TransactionType.LEGACY;
  }

  public UInt256 gasPrice() {
    return gasPrice;
  }

  @Override
  public UInt256 maxFeePerGas() {
    return gasPrice;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return gasPrice;
  }

  /** True if {@code v} is 27 or 28: a signature without a chain id (before EIP-155). */
  public boolean isPreEip155() {
    return v().equals(V27) || v().equals(V27.add(UInt256.ONE));
  }

  /**
   * {@code (v - 35) / 2} for an EIP-155 {@code v}; empty for 27/28 and for values that name no
   * chain (below 35, or a chain id beyond 64 bits).
   */
  @Override
  public OptionalLong chainId() {
    UInt256 v = v();
    if (v.compareTo(V35) < 0) {
      return OptionalLong.empty();
    }
    UInt256 chainId = v.subtract(V35).divide(TWO);
    return chainId.compareTo(MAX_CHAIN_ID) <= 0
        ? OptionalLong.of(chainId.toLongExact())
        : OptionalLong.empty();
  }

  @Override
  public Optional<Integer> recoveryId() {
    if (isPreEip155()) {
      return Optional.of((int) (v().toLongExact() - 27));
    }
    if (chainId().isPresent()) {
      return Optional.of((int) (v().limb(0) - 35) & 1);
    }
    return Optional.empty();
  }

  @Override
  public Hash signingHash() {
    RlpWriter writer = new RlpWriter(estimatedSize());
    writer.startList();
    CODEC.writeSignedFields(writer, this);
    OptionalLong chainId = chainId();
    if (chainId.isPresent()) {
      writer.writeLong(chainId.getAsLong()).writeEmpty().writeEmpty();
    }
    writer.endList();
    return Keccak256.digest(writer.toByteArray());
  }

  @Override
  public LegacyTransaction withSignature(Signature signature) {
    UInt256 v = baseV(chainId()).add(UInt256.valueOf(signature.recoveryId()));
    return new LegacyTransaction(
        nonce(), gasPrice, gasLimit(), to(), value(), data(), v, signature.r(), signature.s());
  }

  @Override
  void writePayload(RlpWriter writer) {
    CODEC.writePayload(writer, this);
  }
}
