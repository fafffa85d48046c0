package io.merapi.state.op;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import java.util.Arrays;
import java.util.Optional;

/**
 * The calldata of the L1 attributes deposited transaction, the first transaction of every L2 block
 * (specs deposits.md "L1 Attributes Deposited Transaction", ecotone/l1-attributes.md): Bedrock's
 * ABI-encoded {@code setL1BlockValues} (260 bytes), or from the block after Ecotone's activation
 * the packed {@code setL1BlockValuesEcotone} (164 bytes). The node reads the L1 fee parameters of
 * receipts from it; sequencers and tests build it.
 */
public sealed interface L1Attributes {
  /** {@code setL1BlockValues(uint64,uint64,uint256,bytes32,uint64,bytes32,uint256,uint256)}. */
  Bytes BEDROCK_SELECTOR = Bytes.fromHex("0x015d8eb9");

  /** {@code setL1BlockValuesEcotone()}. */
  Bytes ECOTONE_SELECTOR = Bytes.fromHex("0x440a5e20");

  int BEDROCK_LENGTH = 4 + 8 * 32;
  int ECOTONE_LENGTH = 164;

  /** The deposit's gas limit from Regolith on; 150,000,000 (and a system transaction) before. */
  long REGOLITH_GAS_LIMIT = 1_000_000;

  long BEDROCK_GAS_LIMIT = 150_000_000;

  long number();

  long timestamp();

  UInt256 baseFee();

  Hash hash();

  long sequenceNumber();

  Hash batcherHash();

  /** The calldata. */
  Bytes encode();

  /**
   * The source hash of the deposit carrying these attributes: {@code keccak256(bytes32(1) ||
   * keccak256(l1BlockHash || bytes32(sequenceNumber)))} (deposits.md "Source hash computation").
   */
  default Hash sourceHash() {
    return DepositSource.l1Info(hash(), sequenceNumber());
  }

  /**
   * The L1 attributes deposited transaction: from the depositor account to the L1Block predeploy,
   * no mint or value, 1,000,000 gas from Regolith; before Regolith 150,000,000 gas and a system
   * transaction.
   */
  default DepositTransaction deposit(boolean regolith) {
    return new DepositTransaction(
        sourceHash(),
        Predeploys.L1_ATTRIBUTES_DEPOSITOR,
        Optional.of(Predeploys.L1_BLOCK),
        UInt256.ZERO,
        UInt256.ZERO,
        regolith ? REGOLITH_GAS_LIMIT : BEDROCK_GAS_LIMIT,
        !regolith,
        encode());
  }

  /**
   * Reads calldata by its selector.
   *
   * @throws IllegalArgumentException for another selector or a wrong length
   */
  static L1Attributes decode(Bytes data) {
    if (data.length() >= 4 && data.slice(0, 4).equals(ECOTONE_SELECTOR)) {
      return Ecotone.decode(data);
    }
    if (data.length() >= 4 && data.slice(0, 4).equals(BEDROCK_SELECTOR)) {
      return Bedrock.decode(data);
    }
    throw new IllegalArgumentException(
        "not L1 attributes calldata: selector "
            + (data.length() >= 4 ? data.slice(0, 4).toHex() : data.toHex()));
  }

  /** Bedrock's ABI-encoded arguments, each a 32-byte word. */
  record Bedrock(
      long number,
      long timestamp,
      UInt256 baseFee,
      Hash hash,
      long sequenceNumber,
      Hash batcherHash,
      UInt256 l1FeeOverhead,
      UInt256 l1FeeScalar)
      implements L1Attributes {

    static Bedrock decode(Bytes data) {
      // op-geth accepts trailing bytes here (at least 260); so do we.
      if (data.length() < BEDROCK_LENGTH) {
        throw new IllegalArgumentException(
            "expected at least " + BEDROCK_LENGTH + " L1 info bytes, got " + data.length());
      }
      byte[] b = data.array();
      return new Bedrock(
          uint64Word(b, 4, "number"),
          uint64Word(b, 36, "timestamp"),
          word(b, 68),
          Hash.wrap(Arrays.copyOfRange(b, 100, 132)),
          uint64Word(b, 132, "sequenceNumber"),
          Hash.wrap(Arrays.copyOfRange(b, 164, 196)),
          word(b, 196),
          word(b, 228));
    }

    @Override
    public Bytes encode() {
      byte[] out = new byte[BEDROCK_LENGTH];
      System.arraycopy(BEDROCK_SELECTOR.array(), 0, out, 0, 4);
      put(out, 4, UInt256.valueOf(number).toBytes());
      put(out, 36, UInt256.valueOf(timestamp).toBytes());
      put(out, 68, baseFee.toBytes());
      put(out, 100, hash.toArray());
      put(out, 132, UInt256.valueOf(sequenceNumber).toBytes());
      put(out, 164, batcherHash.toArray());
      put(out, 196, l1FeeOverhead.toBytes());
      put(out, 228, l1FeeScalar.toBytes());
      return Bytes.wrap(out);
    }
  }

  /** Ecotone's packed layout (ecotone/l1-attributes.md), also used by Fjord through Holocene. */
  record Ecotone(
      long baseFeeScalar,
      long blobBaseFeeScalar,
      long sequenceNumber,
      long timestamp,
      long number,
      UInt256 baseFee,
      UInt256 blobBaseFee,
      Hash hash,
      Hash batcherHash)
      implements L1Attributes {

    public Ecotone {
      if (baseFeeScalar < 0 || baseFeeScalar > 0xffffffffL) {
        throw new IllegalArgumentException("baseFeeScalar must be a uint32");
      }
      if (blobBaseFeeScalar < 0 || blobBaseFeeScalar > 0xffffffffL) {
        throw new IllegalArgumentException("blobBaseFeeScalar must be a uint32");
      }
    }

    static Ecotone decode(Bytes data) {
      if (data.length() != ECOTONE_LENGTH) {
        throw new IllegalArgumentException(
            "expected " + ECOTONE_LENGTH + " L1 info bytes, got " + data.length());
      }
      byte[] b = data.array();
      return new Ecotone(
          uint(b, 4, 4),
          uint(b, 8, 4),
          uint(b, 12, 8),
          uint(b, 20, 8),
          uint(b, 28, 8),
          word(b, 36),
          word(b, 68),
          Hash.wrap(Arrays.copyOfRange(b, 100, 132)),
          Hash.wrap(Arrays.copyOfRange(b, 132, 164)));
    }

    @Override
    public Bytes encode() {
      byte[] out = new byte[ECOTONE_LENGTH];
      System.arraycopy(ECOTONE_SELECTOR.array(), 0, out, 0, 4);
      putUint(out, 4, 4, baseFeeScalar);
      putUint(out, 8, 4, blobBaseFeeScalar);
      putUint(out, 12, 8, sequenceNumber);
      putUint(out, 20, 8, timestamp);
      putUint(out, 28, 8, number);
      put(out, 36, baseFee.toBytes());
      put(out, 68, blobBaseFee.toBytes());
      put(out, 100, hash.toArray());
      put(out, 132, batcherHash.toArray());
      return Bytes.wrap(out);
    }
  }

  private static UInt256 word(byte[] b, int offset) {
    return UInt256.fromBytes(Arrays.copyOfRange(b, offset, offset + 32));
  }

  private static long uint64Word(byte[] b, int offset, String name) {
    for (int i = offset; i < offset + 24; i++) {
      if (b[i] != 0) {
        throw new IllegalArgumentException("L1 info field '" + name + "' exceeds uint64");
      }
    }
    return uint(b, offset + 24, 8);
  }

  private static long uint(byte[] b, int offset, int length) {
    long v = 0;
    for (int i = 0; i < length; i++) {
      v = (v << 8) | (b[offset + i] & 0xffL);
    }
    return v;
  }

  private static void putUint(byte[] out, int offset, int length, long value) {
    for (int i = length - 1; i >= 0; i--) {
      out[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  private static void put(byte[] out, int offset, byte[] value) {
    System.arraycopy(value, 0, out, offset, value.length);
  }
}
