package io.merapi.explorer;

/** The two chains a rollup explorer follows; {@code tag} is the byte that keys the index. */
public enum Chain {
  L1((byte) 1, "l1", "L1"),
  L2((byte) 2, "l2", "L2");

  private final byte tag;
  private final String path;
  private final String label;

  Chain(byte tag, String path, String label) {
    this.tag = tag;
    this.path = path;
    this.label = label;
  }

  public byte tag() {
    return tag;
  }

  /** The URL segment of the chain's pages: {@code /l1/...}, {@code /l2/...}. */
  public String path() {
    return path;
  }

  public String label() {
    return label;
  }

  public Chain other() {
    return this == L1 ? L2 : L1;
  }
}
