package io.merapi.service.txmgr;

import io.merapi.base.uint.UInt256;
import java.util.Objects;

/**
 * What the L1 suggests now, after the configured floors: the tip, the base fee of the latest block
 * and its blob base fee (op-service {@code SuggestGasPriceCaps}).
 */
public record GasPriceEstimate(UInt256 tipCap, UInt256 baseFee, UInt256 blobBaseFee) {
  public GasPriceEstimate {
    Objects.requireNonNull(tipCap, "tipCap");
    Objects.requireNonNull(baseFee, "baseFee");
    Objects.requireNonNull(blobBaseFee, "blobBaseFee");
  }
}
