package io.merapi.node.l1;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.node.client.BlockLabel;
import java.util.Optional;

/**
 * The L1 chain as the rollup node reads it: what derivation needs ({@link L1Source}) plus the
 * chain's moving labels, which only a live node asks for. Failures to reach the L1 are {@link
 * io.merapi.derive.DerivationException.Temporary}.
 */
public interface L1Client extends L1Source, AutoCloseable {
  /** The block the L1 currently labels so, or empty if it has none (no safe block yet). */
  Optional<L1BlockRef> blockRefByLabel(BlockLabel label);

  @Override
  void close();
}
