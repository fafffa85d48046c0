package io.merapi.derive.attributes;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.EcotoneScalars;
import io.merapi.derive.L2BlockRef;
import io.merapi.state.op.Eip1559Params;
import io.merapi.state.op.L1Attributes;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an L2 block says about its derivation, read back from its L1 info deposit (op-node {@code
 * PayloadToBlockRef} and {@code PayloadToSystemConfig}): the inverse of {@link AttributesBuilder}
 * that an {@link io.merapi.derive.source.L2Source} needs. The rollup's genesis block has no L1 info
 * deposit; its L1 origin and system config are the rollup config's.
 */
public final class L2BlockInfo {
  private L2BlockInfo() {}

  /** The block's reference with its L1 origin and sequence number. */
  public static L2BlockRef blockRef(RollupConfig rollup, Block block) {
    return blockRef(rollup, block.header(), block.hash(), block.transactions());
  }

  /**
   * The reference of the block with {@code header} (hash {@code hash}) and {@code transactions}.
   *
   * @throws IllegalArgumentException if the block is the genesis number with another hash, or does
   *     not start with an L1 info deposit of its fork's form
   */
  public static L2BlockRef blockRef(
      RollupConfig rollup, Header header, Hash hash, List<Transaction> transactions) {
    if (header.number() == rollup.genesis().l2().number()) {
      checkGenesis(rollup, hash);
      return new L2BlockRef(
          hash, header.number(), header.parentHash(), header.timestamp(), rollup.genesis().l1(), 0);
    }
    L1Attributes info = l1Info(rollup, header, transactions);
    return new L2BlockRef(
        hash,
        header.number(),
        header.parentHash(),
        header.timestamp(),
        new BlockId(info.hash(), info.number()),
        info.sequenceNumber());
  }

  /** The system config the block was built with. */
  public static SystemConfig systemConfig(RollupConfig rollup, Block block) {
    return systemConfig(rollup, block.header(), block.hash(), block.transactions());
  }

  /**
   * The system config of the block: the batcher and the fee parameters from its L1 info deposit
   * (from Ecotone the two scalars as a version 1 scalar word, which a version 0 word decodes to the
   * same fees), the gas limit from its header, and from Holocene the EIP-1559 parameters from its
   * {@code extraData}. Fields from later forks are not in the block and stay empty.
   *
   * @throws IllegalArgumentException as {@link #blockRef}, or for Holocene {@code extraData} that
   *     is not valid
   */
  public static SystemConfig systemConfig(
      RollupConfig rollup, Header header, Hash hash, List<Transaction> transactions) {
    if (header.number() == rollup.genesis().l2().number()) {
      checkGenesis(rollup, hash);
      return rollup.genesis().systemConfig();
    }
    L1Attributes info = l1Info(rollup, header, transactions);
    Hash overhead;
    Hash scalar;
    switch (info) {
      case L1Attributes.Bedrock b -> {
        overhead = b.l1FeeOverhead().toHash();
        scalar = b.l1FeeScalar().toHash();
      }
      case L1Attributes.Ecotone e -> {
        overhead = Hash.ZERO;
        scalar = new EcotoneScalars(e.baseFeeScalar(), e.blobBaseFeeScalar()).encode();
      }
    }
    Optional<Bytes> eip1559Params =
        rollup.isActive(OpFork.HOLOCENE, header.timestamp())
            ? Optional.of(Eip1559Params.fromExtraData(header.extraData()).toAttributes())
            : Optional.empty();
    return new SystemConfig(
        Address.fromWord(info.batcherHash()),
        overhead,
        scalar,
        header.gasLimit(),
        eip1559Params,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  private static void checkGenesis(RollupConfig rollup, Hash hash) {
    if (!hash.equals(rollup.genesis().l2().hash())) {
      throw new IllegalArgumentException(
          "L2 block "
              + hash
              + " has the genesis number but not the genesis hash "
              + rollup.genesis().l2().hash());
    }
  }

  /** The L1 info deposit's values, in the form the block's time calls for. */
  private static L1Attributes l1Info(
      RollupConfig rollup, Header header, List<Transaction> transactions) {
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException(
          "L2 block " + header.number() + " is missing the L1 info deposit");
    }
    if (!(transactions.get(0) instanceof DepositTransaction deposit)) {
      throw new IllegalArgumentException(
          "the first transaction of L2 block "
              + header.number()
              + " is of type "
              + transactions.get(0).type()
              + ", not the L1 info deposit");
    }
    L1Attributes info = L1Attributes.decode(deposit.data());
    boolean ecotoneForm =
        rollup.isActive(OpFork.ECOTONE, header.timestamp())
            && !rollup.isActivationBlock(OpFork.ECOTONE, header.timestamp());
    if (ecotoneForm != info instanceof L1Attributes.Ecotone) {
      throw new IllegalArgumentException(
          "L2 block "
              + header.number()
              + " carries the "
              + (ecotoneForm ? "Bedrock" : "Ecotone")
              + " L1 info form where its time calls for the other");
    }
    return info;
  }
}
