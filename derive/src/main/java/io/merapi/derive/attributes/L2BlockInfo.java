package io.merapi.derive.attributes;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
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
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
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
    L1Attributes info = l1Info(rollup, header.number(), header.timestamp(), transactions);
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
    L1Attributes info = l1Info(rollup, header.number(), header.timestamp(), transactions);
    return systemConfig(rollup, info, header.timestamp(), header.gasLimit(), header.extraData());
  }

  /**
   * The reference of the block an Engine API payload describes (op-node {@code PayloadToBlockRef}):
   * read from the payload itself, without asking the engine for the block.
   *
   * @throws IllegalArgumentException as {@link #blockRef(RollupConfig, Header, Hash, List)}, or if
   *     the first transaction does not decode
   */
  public static L2BlockRef blockRef(RollupConfig rollup, ExecutionPayload payload) {
    if (payload.blockNumber() == rollup.genesis().l2().number()) {
      checkGenesis(rollup, payload.blockHash());
      return new L2BlockRef(
          payload.blockHash(),
          payload.blockNumber(),
          payload.parentHash(),
          payload.timestamp(),
          rollup.genesis().l1(),
          0);
    }
    L1Attributes info = l1Info(rollup, payload);
    return new L2BlockRef(
        payload.blockHash(),
        payload.blockNumber(),
        payload.parentHash(),
        payload.timestamp(),
        new BlockId(info.hash(), info.number()),
        info.sequenceNumber());
  }

  /**
   * The system config of the block an Engine API payload describes (op-node {@code
   * PayloadToSystemConfig}), as {@link #systemConfig(RollupConfig, Header, Hash, List)} reads it
   * from a stored block.
   */
  public static SystemConfig systemConfig(RollupConfig rollup, ExecutionPayload payload) {
    if (payload.blockNumber() == rollup.genesis().l2().number()) {
      checkGenesis(rollup, payload.blockHash());
      return rollup.genesis().systemConfig();
    }
    return systemConfig(
        rollup,
        l1Info(rollup, payload),
        payload.timestamp(),
        payload.gasLimit(),
        payload.extraData());
  }

  /** Only the first transaction matters, and only it is decoded. */
  private static L1Attributes l1Info(RollupConfig rollup, ExecutionPayload payload) {
    List<Transaction> first;
    try {
      first =
          payload.transactions().isEmpty()
              ? List.of()
              : List.of(TransactionDecoder.decode(payload.transactions().get(0).toArray()));
    } catch (RlpException e) {
      throw new IllegalArgumentException(
          "the first transaction of L2 block "
              + payload.blockNumber()
              + " does not decode: "
              + e.getMessage(),
          e);
    }
    return l1Info(rollup, payload.blockNumber(), payload.timestamp(), first);
  }

  private static SystemConfig systemConfig(
      RollupConfig rollup, L1Attributes info, long timestamp, long gasLimit, Bytes extraData) {
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
        rollup.isActive(OpFork.HOLOCENE, timestamp)
            ? Optional.of(Eip1559Params.fromExtraData(extraData).toAttributes())
            : Optional.empty();
    return new SystemConfig(
        Address.fromWord(info.batcherHash()),
        overhead,
        scalar,
        gasLimit,
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
      RollupConfig rollup, long number, long timestamp, List<Transaction> transactions) {
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException("L2 block " + number + " is missing the L1 info deposit");
    }
    if (!(transactions.get(0) instanceof DepositTransaction deposit)) {
      throw new IllegalArgumentException(
          "the first transaction of L2 block "
              + number
              + " is of type "
              + transactions.get(0).type()
              + ", not the L1 info deposit");
    }
    L1Attributes info = L1Attributes.decode(deposit.data());
    boolean ecotoneForm =
        rollup.isActive(OpFork.ECOTONE, timestamp)
            && !rollup.isActivationBlock(OpFork.ECOTONE, timestamp);
    if (ecotoneForm != info instanceof L1Attributes.Ecotone) {
      throw new IllegalArgumentException(
          "L2 block "
              + number
              + " carries the "
              + (ecotoneForm ? "Bedrock" : "Ecotone")
              + " L1 info form where its time calls for the other");
    }
    return info;
  }
}
