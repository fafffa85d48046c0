package io.merapi.derive.attributes;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.EcotoneScalars;
import io.merapi.state.op.L1Attributes;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.transaction.DepositTransaction;

/**
 * The L1 attributes deposited transaction that opens every L2 block (specs deposits.md "L1
 * Attributes Deposited Transaction", ecotone/l1-attributes.md; op-node {@code L1InfoDeposit}): the
 * epoch's L1 block number, time, base fee and hash, the sequence number, the batcher hash and the
 * fee parameters of the system config.
 *
 * <p>Bedrock's {@code setL1BlockValues} form up to and including the Ecotone activation block (the
 * L1Block contract that reads the Ecotone form is deployed by that block's upgrade transactions),
 * Ecotone's packed {@code setL1BlockValuesEcotone} after it, with the two scalars decoded from the
 * system config's versioned scalar and the L1 blob base fee.
 */
public final class L1InfoDeposit {
  private L1InfoDeposit() {}

  /**
   * The calldata values for an L2 block at {@code l2Time} with L1 origin {@code l1Header} (whose
   * hash is {@code l1Hash}).
   *
   * @throws IllegalArgumentException if the L1 header has no base fee (pre-London) or, from
   *     Ecotone, the system config's scalar is not a valid versioned scalar
   */
  public static L1Attributes attributes(
      RollupConfig rollup,
      SystemConfig sysConfig,
      long sequenceNumber,
      Header l1Header,
      Hash l1Hash,
      long l2Time,
      L1BlobFees blobFees) {
    UInt256 baseFee =
        l1Header
            .baseFeePerGas()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "L1 block " + l1Header.number() + " has no base fee"));
    Hash batcherHash = Hash.leftPad(sysConfig.batcherAddr().toArray());
    if (rollup.isActive(OpFork.ECOTONE, l2Time)
        && !rollup.isActivationBlock(OpFork.ECOTONE, l2Time)) {
      EcotoneScalars scalars = EcotoneScalars.decode(sysConfig.scalar());
      return new L1Attributes.Ecotone(
          scalars.baseFeeScalar(),
          scalars.blobBaseFeeScalar(),
          sequenceNumber,
          l1Header.timestamp(),
          l1Header.number(),
          baseFee,
          blobFees.blobBaseFee(rollup, l1Header),
          l1Hash,
          batcherHash);
    }
    return new L1Attributes.Bedrock(
        l1Header.number(),
        l1Header.timestamp(),
        baseFee,
        l1Hash,
        sequenceNumber,
        batcherHash,
        UInt256.fromHash(sysConfig.overhead()),
        UInt256.fromHash(sysConfig.scalar()));
  }

  /**
   * The deposit carrying {@link #attributes}: from Regolith (by the L2 block's time) it uses
   * 1,000,000 gas and is no system transaction; before, 150,000,000 gas as a system transaction.
   */
  public static DepositTransaction deposit(
      RollupConfig rollup,
      SystemConfig sysConfig,
      long sequenceNumber,
      Header l1Header,
      Hash l1Hash,
      long l2Time,
      L1BlobFees blobFees) {
    return attributes(rollup, sysConfig, sequenceNumber, l1Header, l1Hash, l2Time, blobFees)
        .deposit(rollup.isActive(OpFork.REGOLITH, l2Time));
  }
}
