package io.merapi.node.l1;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import java.util.Optional;

/**
 * The L1 chain as the rollup node reads it: what derivation needs ({@link L1Source}) plus the
 * chain's moving labels, which only a live node asks for. Failures to reach the L1 are {@link
 * io.merapi.derive.DerivationException.Temporary}.
 */
public interface L1Client extends L1Source, AutoCloseable {
  /** The block tags of {@code eth_getBlockByNumber} that the node follows. */
  enum Label {
    LATEST("latest"),
    SAFE("safe"),
    FINALIZED("finalized");

    private final String tag;

    Label(String tag) {
      this.tag = tag;
    }

    /** The JSON-RPC block tag. */
    public String tag() {
      return tag;
    }
  }

  /** The block the L1 currently labels so, or empty if it has none (no safe block yet). */
  Optional<L1BlockRef> blockRefByLabel(Label label);

  @Override
  void close();
}
