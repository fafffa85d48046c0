package io.merapi.service.txmgr;

import io.merapi.base.uint.UInt256;
import java.util.Objects;

/**
 * The fee fields of one version of a transaction: {@code maxPriorityFeePerGas}, {@code
 * maxFeePerGas} and, for blob transactions, {@code maxFeePerBlobGas} (zero otherwise).
 */
public record FeeCaps(UInt256 tipCap, UInt256 feeCap, UInt256 blobFeeCap) {
  public FeeCaps {
    Objects.requireNonNull(tipCap, "tipCap");
    Objects.requireNonNull(feeCap, "feeCap");
    Objects.requireNonNull(blobFeeCap, "blobFeeCap");
  }

  @Override
  public String toString() {
    return "tip "
        + tipCap.toDecimalString()
        + " wei, fee cap "
        + feeCap.toDecimalString()
        + " wei"
        + (blobFeeCap.isZero() ? "" : ", blob fee cap " + blobFeeCap.toDecimalString() + " wei");
  }
}
