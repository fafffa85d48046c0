package io.merapi.derive.testing;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.batch.SpanBatchElement;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.AccessListTransaction;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SetCodeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random transactions of every type a span batch carries, and random singular and span batches, as
 * op-node's {@code RandomSingularBatch} and {@code RandomSpanBatch} make them. Signatures are
 * random words (decoding does not check them); values are sometimes 0, sometimes large.
 */
public final class RandomBatches {
  private RandomBatches() {}

  public static Hash hash(Random random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash.wrap(b);
  }

  public static Address address(Random random) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    return Address.wrap(b);
  }

  public static Bytes bytes(Random random, int maxLength) {
    byte[] b = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(b);
    return Bytes.wrap(b);
  }

  /** 0, a small number, a uint64, or a full 256-bit word. */
  public static UInt256 uint256(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> UInt256.ZERO;
      case 1 -> UInt256.valueOf(random.nextInt(1000));
      case 2 -> UInt256.valueOf(random.nextLong());
      default -> UInt256.fromBytes(hash(random).array());
    };
  }

  /** A word as a signature value: usually 32 bytes, sometimes short (leading zeros). */
  static UInt256 signatureWord(Random random) {
    return random.nextInt(8) == 0 ? UInt256.valueOf(random.nextInt(300)) : uint256(random);
  }

  static long uint64(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> 0;
      case 1 -> random.nextInt(100_000);
      default -> random.nextLong();
    };
  }

  static Optional<Address> to(Random random) {
    return random.nextInt(5) == 0 ? Optional.empty() : Optional.of(address(random));
  }

  static AccessList accessList(Random random) {
    int entries = random.nextInt(3);
    List<AccessList.Entry> list = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      List<Hash> keys = new ArrayList<>();
      int count = random.nextInt(3);
      for (int k = 0; k < count; k++) {
        keys.add(hash(random));
      }
      list.add(new AccessList.Entry(address(random), keys));
    }
    return new AccessList(list);
  }

  static List<Authorization> authorizations(Random random) {
    List<Authorization> list = new ArrayList<>();
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      list.add(
          new Authorization(
              uint256(random),
              address(random),
              uint64(random),
              random.nextInt(2),
              signatureWord(random),
              signatureWord(random)));
    }
    return list;
  }

  /**
   * A transaction a span batch for {@code chainId} can carry: legacy (protected or not), EIP-2930,
   * EIP-1559 or, with {@code setCode}, EIP-7702.
   */
  public static Transaction transaction(Random random, long chainId, boolean setCode) {
    int kind = random.nextInt(setCode ? 5 : 4);
    UInt256 yParity = UInt256.valueOf(random.nextInt(2));
    UInt256 r = signatureWord(random);
    UInt256 s = signatureWord(random);
    long nonce = uint64(random);
    long gas = uint64(random);
    UInt256 value = uint256(random);
    Bytes data = bytes(random, 64);
    return switch (kind) {
      case 0 ->
          new LegacyTransaction(
              nonce,
              uint256(random),
              gas,
              to(random),
              value,
              data,
              UInt256.valueOf(27).add(yParity),
              r,
              s);
      case 1 ->
          new LegacyTransaction(
              nonce,
              uint256(random),
              gas,
              to(random),
              value,
              data,
              UInt256.valueOf(chainId).multiply(2).add(UInt256.valueOf(35)).add(yParity),
              r,
              s);
      case 2 ->
          new AccessListTransaction(
              chainId,
              nonce,
              uint256(random),
              gas,
              to(random),
              value,
              data,
              accessList(random),
              yParity,
              r,
              s);
      case 3 ->
          new DynamicFeeTransaction(
              chainId,
              nonce,
              uint256(random),
              uint256(random),
              gas,
              to(random),
              value,
              data,
              accessList(random),
              yParity,
              r,
              s);
      default ->
          new SetCodeTransaction(
              chainId,
              nonce,
              uint256(random),
              uint256(random),
              gas,
              address(random),
              value,
              data,
              accessList(random),
              authorizations(random),
              yParity,
              r,
              s);
    };
  }

  public static List<Bytes> transactions(Random random, int count, long chainId, boolean setCode) {
    List<Bytes> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      txs.add(Bytes.wrap(transaction(random, chainId, setCode).encoded()));
    }
    return txs;
  }

  public static SingularBatch singularBatch(Random random, int txCount, long chainId) {
    return new SingularBatch(
        hash(random),
        random.nextInt(1_000_000),
        hash(random),
        1_700_000_000L + random.nextInt(1_000_000),
        transactions(random, txCount, chainId, true));
  }

  /**
   * A span batch that the wire form can express: consecutive timestamps {@code blockTime} apart
   * from {@code genesisTime + relTimestamp}, epochs advancing by 0 or 1 per block.
   */
  public static SpanBatch spanBatch(
      Random random, int blocks, long genesisTime, long blockTime, long chainId, boolean setCode) {
    long timestamp = genesisTime + random.nextInt(10_000_000);
    long epoch = random.nextInt(1_000_000);
    List<SpanBatchElement> elements = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      if (i > 0 && random.nextBoolean()) {
        epoch++;
      }
      elements.add(
          new SpanBatchElement(
              timestamp + blockTime * i,
              epoch,
              transactions(random, random.nextInt(4), chainId, setCode)));
    }
    return new SpanBatch(
        Bytes.wrap(hash(random).array()).slice(0, 20),
        Bytes.wrap(hash(random).array()).slice(0, 20),
        elements);
  }
}
