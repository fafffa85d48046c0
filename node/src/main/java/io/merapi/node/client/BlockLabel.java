package io.merapi.node.client;

/**
 * The moving block tags of {@code eth_getBlockByNumber} that the node follows, on L1 (the chain's
 * head, safe and finalized blocks) and on the L2 engine (its forkchoice read back).
 */
public enum BlockLabel {
  LATEST("latest"),
  SAFE("safe"),
  FINALIZED("finalized");

  private final String tag;

  BlockLabel(String tag) {
    this.tag = tag;
  }

  /** The JSON-RPC block tag. */
  public String tag() {
    return tag;
  }
}
