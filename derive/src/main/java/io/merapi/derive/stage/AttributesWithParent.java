package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.engine.PayloadAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The pipeline's output (op-node's {@code AttributesWithParent}): payload attributes for the block
 * after {@code parent}, whether they conclude what the safe head may advance to ({@link
 * NextBatch#concluding()}), and the L1 block they were derived from.
 */
public record AttributesWithParent(
    PayloadAttributes attributes, L2BlockRef parent, boolean concluding, L1BlockRef derivedFrom) {
  private static final int DEPOSIT_TYPE = 0x7e;

  public AttributesWithParent {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(derivedFrom, "derivedFrom");
  }

  /**
   * The same attributes with only their deposit transactions, in order (holocene/derivation.md
   * "Engine Queue": an invalid payload is replaced by "a payload with the same fields, except for
   * the transaction_list, which is trimmed to include only its deposit transactions").
   */
  public AttributesWithParent withDepositsOnly() {
    List<Bytes> deposits = new ArrayList<>();
    for (Bytes tx : attributes.transactions()) {
      if (isDeposit(tx)) {
        deposits.add(tx);
      }
    }
    return new AttributesWithParent(
        attributes.withTransactions(deposits), parent, concluding, derivedFrom);
  }

  /** Whether every transaction is a deposit: a failure to build such a block is critical. */
  public boolean isDepositsOnly() {
    for (Bytes tx : attributes.transactions()) {
      if (!isDeposit(tx)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDeposit(Bytes tx) {
    return !tx.isEmpty() && (tx.get(0) & 0xff) == DEPOSIT_TYPE;
  }
}
