package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Header;

/** A stored block's header with its hash (computed once). */
public record ChainHead(Hash hash, Header header) {
  public long number() {
    return header.number();
  }
}
