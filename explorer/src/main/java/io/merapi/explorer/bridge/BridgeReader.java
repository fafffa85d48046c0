package io.merapi.explorer.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.RollupSource;
import io.merapi.proposer.contract.ContractReader;

/**
 * The bridge's contracts for the pages and the followers: read from L1 once they can be (the rollup
 * node and the L1 answer), then kept — they do not move while a chain runs.
 */
public final class BridgeReader {
  private final RollupSource rollup;
  private final ChainSource l1;
  private final ChainSource l2;
  private volatile BridgeContracts contracts;

  public BridgeReader(RollupSource rollup, ChainSource l1, ChainSource l2) {
    this.rollup = rollup;
    this.l1 = l1;
    this.l2 = l2;
  }

  /**
   * The contracts, read on first use.
   *
   * @throws RuntimeException from the rollup node or the L1 while they cannot be read
   */
  public BridgeContracts contracts() {
    BridgeContracts known = contracts;
    if (known == null) {
      known = BridgeContracts.read(rollup.rollupConfig(), l1::call);
      contracts = known;
    }
    return known;
  }

  /** A reader of the contract at {@code address} on L1. */
  public ContractReader onL1(Address address, String name) {
    return new ContractReader(l1::call, address, name);
  }

  /** A reader of the contract at {@code address} on L2. */
  public ContractReader onL2(Address address, String name) {
    return new ContractReader(l2::call, address, name);
  }

  public ChainSource l1() {
    return l1;
  }

  public ChainSource l2() {
    return l2;
  }
}
