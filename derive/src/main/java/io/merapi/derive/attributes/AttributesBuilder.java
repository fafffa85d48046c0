package io.merapi.derive.attributes;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.contracts.l1.OptimismPortal2.Events.TransactionDeposited;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.SystemConfigUpdates;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.state.op.Predeploys;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.DepositTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Prepares the payload attributes of the next L2 block on a parent, with a given L1 origin (specs
 * derivation.md "Building Individual Payload Attributes"; op-node {@code
 * FetchingAttributesBuilder.PreparePayloadAttributes}): the deposits-only template that the
 * verifier fills with a batch's transactions and the sequencer with its transaction pool.
 *
 * <p>Transactions, in order: the L1 info deposit; in the first block of an epoch the user deposits
 * of the epoch's L1 block; the network upgrade transactions of an Ecotone or Fjord activation
 * block. {@code noTxPool} is true, the gas limit is the system config's, the fee recipient is the
 * sequencer fee vault, {@code prevRandao} the L1 origin's mix hash; Canyon adds an empty
 * withdrawals list, Ecotone the L1 origin's parent beacon block root, Holocene the EIP-1559
 * parameters.
 *
 * <p>Errors as op-node grades them: a source that cannot answer is {@link
 * DerivationException.Temporary}; an L1 origin that does not continue the parent's, or that is
 * ahead of the new block's time, is a {@link DerivationException.Reset}; deposits that do not
 * decode, an L1 info deposit that cannot be built, or a fork this node does not implement are
 * {@link DerivationException.Critical}.
 */
public final class AttributesBuilder {
  /** The highest OP fork whose attributes this builder knows how to make. */
  public static final OpFork LATEST_SUPPORTED_FORK = OpFork.HOLOCENE;

  private static final Bytes ZERO_EIP1559_PARAMS = Bytes.wrap(new byte[8]);

  private final RollupConfig rollup;
  private final L1Source l1;
  private final L2Source l2;
  private final L1BlobFees blobFees;

  /** A builder that reads the L1 blob fee schedule from the L1 headers themselves. */
  public AttributesBuilder(RollupConfig rollup, L1Source l1, L2Source l2) {
    this(rollup, l1, l2, L1BlobFees.fromHeaderFields());
  }

  public AttributesBuilder(RollupConfig rollup, L1Source l1, L2Source l2, L1BlobFees blobFees) {
    this.rollup = Objects.requireNonNull(rollup, "rollup");
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.blobFees = Objects.requireNonNull(blobFees, "blobFees");
  }

  /**
   * The attributes of the block after {@code parent} with L1 origin {@code epoch}: the parent's
   * origin (the next sequence number, no deposits) or its child (sequence number 0, the epoch's
   * deposits and system config updates).
   */
  public PayloadAttributes prepare(L2BlockRef parent, BlockId epoch) {
    SystemConfig sysConfig =
        fetch(
            () -> l2.systemConfigByL2Hash(parent.hash()),
            "failed to retrieve the system config of L2 block " + parent.hash());
    Header l1Header;
    List<DepositTransaction> userDeposits;
    long sequenceNumber;
    if (parent.l1Origin().number() != epoch.number()) {
      // The first block of a new epoch: it carries the epoch's deposits and config changes.
      l1Header =
          fetch(
              () -> l1.headerByHash(epoch.hash()),
              "failed to fetch L1 block info of " + describe(epoch));
      List<Receipt> receipts =
          fetch(
              () -> l1.receiptsByHash(epoch.hash()),
              "failed to fetch L1 receipts of " + describe(epoch));
      if (!parent.l1Origin().hash().equals(l1Header.parentHash())) {
        throw new DerivationException.Reset(
            "cannot create new block with L1 origin "
                + describe(epoch)
                + " (parent "
                + l1Header.parentHash()
                + ") on top of L1 origin "
                + describe(parent.l1Origin()));
      }
      userDeposits = userDeposits(epoch.hash(), receipts);
      sysConfig =
          SystemConfigUpdates.apply(
              sysConfig, receipts, rollup.l1SystemConfigAddress(), rollup, l1Header.timestamp());
      sequenceNumber = 0;
    } else {
      if (!parent.l1Origin().hash().equals(epoch.hash())) {
        throw new DerivationException.Reset(
            "cannot create new block with L1 origin "
                + describe(epoch)
                + " in conflict with L1 origin "
                + describe(parent.l1Origin()));
      }
      l1Header =
          fetch(
              () -> l1.headerByHash(epoch.hash()),
              "failed to fetch L1 block info of " + describe(epoch));
      userDeposits = List.of();
      sequenceNumber = parent.sequenceNumber() + 1;
    }

    // The L1 origin must not be ahead of the L2 block (derivation.md "Timestamps").
    long nextL2Time = parent.time() + rollup.blockTime();
    if (Long.compareUnsigned(nextL2Time, l1Header.timestamp()) < 0) {
      throw new DerivationException.Reset(
          "cannot build L2 block on top of "
              + parent.number()
              + " for time "
              + Long.toUnsignedString(nextL2Time)
              + " before L1 origin "
              + describe(epoch)
              + " at time "
              + Long.toUnsignedString(l1Header.timestamp()));
    }
    OpFork fork = rollup.opForkAt(nextL2Time);
    if (fork.compareTo(LATEST_SUPPORTED_FORK) > 0) {
      throw new DerivationException.Critical(
          fork.displayName()
              + " is active at L2 time "
              + Long.toUnsignedString(nextL2Time)
              + ": payload attributes are supported through "
              + LATEST_SUPPORTED_FORK.displayName());
    }

    DepositTransaction l1Info;
    try {
      l1Info =
          L1InfoDeposit.deposit(
              rollup, sysConfig, sequenceNumber, l1Header, epoch.hash(), nextL2Time, blobFees);
    } catch (IllegalArgumentException e) {
      throw new DerivationException.Critical("failed to create the L1 info deposit", e);
    }
    List<DepositTransaction> upgrades = NetworkUpgrades.at(rollup, nextL2Time);
    List<Bytes> transactions = new ArrayList<>(1 + userDeposits.size() + upgrades.size());
    transactions.add(Bytes.wrap(l1Info.encoded()));
    for (DepositTransaction deposit : userDeposits) {
      transactions.add(Bytes.wrap(deposit.encoded()));
    }
    for (DepositTransaction upgrade : upgrades) {
      transactions.add(Bytes.wrap(upgrade.encoded()));
    }

    return new PayloadAttributes(
        nextL2Time,
        l1Header.mixHash(),
        Predeploys.SEQUENCER_FEE_VAULT,
        rollup.isActive(OpFork.CANYON, nextL2Time) ? Optional.of(List.of()) : Optional.empty(),
        rollup.isActive(OpFork.ECOTONE, nextL2Time)
            // An L1 without beacon roots (before Cancun) gives the zero hash.
            ? Optional.of(l1Header.parentBeaconBlockRoot().orElse(Hash.ZERO))
            : Optional.empty(),
        transactions,
        true,
        OptionalLong.of(sysConfig.gasLimit()),
        eip1559Params(sysConfig, nextL2Time),
        Optional.empty());
  }

  /**
   * Holocene's {@code eip1559Params} (holocene/derivation.md "Attributes Builder"): zero in the
   * activation block, so that the engine starts from the Canyon constants; after it the system
   * config's value, zero while the L1 contract has not set one (which the engine also reads as the
   * Canyon constants). Absent before Holocene.
   */
  private Optional<Bytes> eip1559Params(SystemConfig sysConfig, long nextL2Time) {
    if (!rollup.isActive(OpFork.HOLOCENE, nextL2Time)) {
      return Optional.empty();
    }
    if (rollup.isActivationBlock(OpFork.HOLOCENE, nextL2Time)) {
      return Optional.of(ZERO_EIP1559_PARAMS);
    }
    return Optional.of(sysConfig.eip1559Params().orElse(ZERO_EIP1559_PARAMS));
  }

  /**
   * The deposits of the portal's {@code TransactionDeposited} logs in the epoch's successful
   * receipts, in log order; a log's index counts every log of the block (derivation.md "Deriving
   * the Transaction List"). A deposit event that does not decode is critical: deposits may never be
   * skipped.
   */
  private List<DepositTransaction> userDeposits(Hash l1BlockHash, List<Receipt> receipts) {
    List<DepositTransaction> deposits = new ArrayList<>();
    long logIndex = 0;
    for (int i = 0; i < receipts.size(); i++) {
      Receipt receipt = receipts.get(i);
      boolean success = receipt.status().orElse(false);
      for (Log log : receipt.logs()) {
        if (success
            && log.address().equals(rollup.depositContractAddress())
            && TransactionDeposited.EVENT.matches(log.topics())) {
          try {
            deposits.add(UserDeposits.fromLog(log, l1BlockHash, logIndex));
          } catch (RuntimeException e) {
            // Whatever makes a portal log undecodable (InvalidDepositException, or an ABI error
            // that escapes it), the deposit cannot be skipped: critical.
            throw new DerivationException.Critical(
                "failed to derive the deposit of receipt " + i + ", log " + logIndex, e);
          }
        }
        logIndex++;
      }
    }
    return deposits;
  }

  /** Calls a source, naming what failed when it cannot answer now. */
  private static <T> T fetch(Supplier<T> call, String what) {
    try {
      return call.get();
    } catch (DerivationException.Temporary e) {
      throw new DerivationException.Temporary(what + ": " + e.getMessage(), e);
    }
  }

  private static String describe(BlockId id) {
    return id.hash() + ":" + Long.toUnsignedString(id.number());
  }
}
