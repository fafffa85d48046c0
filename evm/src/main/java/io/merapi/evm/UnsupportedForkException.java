package io.merapi.evm;

import io.merapi.types.config.Fork;

/** A fork whose rules this EVM does not implement (before Berlin, or not yet: Prague). */
public final class UnsupportedForkException extends RuntimeException {
  public UnsupportedForkException(Fork fork) {
    super("fork " + fork.testName() + " is not supported (supported: Berlin to Osaka)");
  }
}
