package io.merapi.state.op;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;

/**
 * The L1 fee parameters in the storage of the L1Block predeploy, and the L1 cost function they
 * select (specs exec-engine.md "L1-Cost fees", ecotone/l1-attributes.md; op-geth {@code
 * NewL1CostFunc}). Slots: 1 the L1 base fee, 3 the Ecotone scalars packed with the sequence number,
 * 5 the overhead, 6 the scalar, 7 the L1 blob base fee.
 *
 * <p>The values are read after the block's deposits ran (the L1 attributes deposit writes them),
 * which is consensus critical: a block executor reads them at its first non-deposit transaction.
 */
public final class L1BlockInfo {
  /** The L1Block predeploy (specs predeploys.md). */
  public static final Address L1_BLOCK_ADDRESS = Predeploys.L1_BLOCK;

  static final UInt256 L1_BASE_FEE_SLOT = UInt256.valueOf(1);
  static final UInt256 FEE_SCALARS_SLOT = UInt256.valueOf(3);
  static final UInt256 OVERHEAD_SLOT = UInt256.valueOf(5);
  static final UInt256 SCALAR_SLOT = UInt256.valueOf(6);
  static final UInt256 L1_BLOB_BASE_FEE_SLOT = UInt256.valueOf(7);

  /**
   * In slot 3 the two uint32 scalars sit at Solidity offsets 12 ({@code baseFeeScalar}) and 8
   * ({@code blobBaseFeeScalar}) counted from the end of the word: bytes [16, 20) and [20, 24).
   */
  private static final int BASE_FEE_SCALAR_BYTE = 16;

  private static final int BLOB_BASE_FEE_SCALAR_BYTE = 20;

  /** Reads one storage word of an account. */
  @FunctionalInterface
  public interface StorageView {
    UInt256 storage(Address address, UInt256 key);
  }

  private L1BlockInfo() {}

  /**
   * The cost function of a block: Bedrock's before Ecotone, and also in the first Ecotone block
   * (recognised by the Ecotone values being unset: the L1Block upgrade and the first Ecotone-style
   * L1 attributes come only with the next block); Ecotone's, or Fjord's from Fjord.
   */
  public static L1CostFunction costFunction(
      StorageView storage, boolean regolith, boolean ecotone, boolean fjord) {
    BigInteger l1BaseFee = word(storage, L1_BASE_FEE_SLOT);
    if (ecotone) {
      BigInteger blobBaseFee = word(storage, L1_BLOB_BASE_FEE_SLOT);
      byte[] scalars = storage.storage(L1_BLOCK_ADDRESS, FEE_SCALARS_SLOT).toHash().toArray();
      long baseFeeScalar = uint32(scalars, BASE_FEE_SCALAR_BYTE);
      long blobBaseFeeScalar = uint32(scalars, BLOB_BASE_FEE_SCALAR_BYTE);
      boolean firstEcotoneBlock =
          blobBaseFee.signum() == 0 && baseFeeScalar == 0 && blobBaseFeeScalar == 0;
      if (!firstEcotoneBlock) {
        return fjord
            ? new L1CostFunction.Fjord(l1BaseFee, blobBaseFee, baseFeeScalar, blobBaseFeeScalar)
            : new L1CostFunction.Ecotone(l1BaseFee, blobBaseFee, baseFeeScalar, blobBaseFeeScalar);
      }
    }
    return new L1CostFunction.Bedrock(
        l1BaseFee, word(storage, OVERHEAD_SLOT), word(storage, SCALAR_SLOT), regolith);
  }

  private static BigInteger word(StorageView storage, UInt256 slot) {
    return storage.storage(L1_BLOCK_ADDRESS, slot).toBigInteger();
  }

  private static long uint32(byte[] word, int offset) {
    return ((word[offset] & 0xffL) << 24)
        | ((word[offset + 1] & 0xffL) << 16)
        | ((word[offset + 2] & 0xffL) << 8)
        | (word[offset + 3] & 0xffL);
  }

  /** Packs the Ecotone scalars into slot 3's layout (for genesis allocations and tests). */
  public static Hash packScalars(long sequenceNumber, long baseFeeScalar, long blobBaseFeeScalar) {
    byte[] word = new byte[Hash.LENGTH];
    for (int i = 0; i < 4; i++) {
      word[BASE_FEE_SCALAR_BYTE + i] = (byte) (baseFeeScalar >>> (24 - 8 * i));
      word[BLOB_BASE_FEE_SCALAR_BYTE + i] = (byte) (blobBaseFeeScalar >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      word[24 + i] = (byte) (sequenceNumber >>> (56 - 8 * i));
    }
    return Hash.wrap(word);
  }
}
