package io.merapi.execution.chain;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Withdrawal;
import java.util.List;
import java.util.Optional;

/**
 * What a block builder is told about the block to build on a parent (the Engine API's payload
 * attributes, plus the gas limit and extra data a node chooses): the rest of the header follows
 * from the parent and the chain's rules.
 */
public record BlockAttributes(
    long timestamp,
    Address feeRecipient,
    Hash prevRandao,
    long gasLimit,
    Bytes extraData,
    Optional<List<Withdrawal>> withdrawals,
    Optional<Hash> parentBeaconBlockRoot) {
  public BlockAttributes {
    withdrawals = withdrawals.map(List::copyOf);
  }
}
