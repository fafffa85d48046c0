package io.merapi.execution.engine;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Withdrawal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The attributes of a payload to build ({@code PayloadAttributesV1..V3}), as given: {@code
 * withdrawals} (V2, Shanghai) and {@code parentBeaconBlockRoot} (V3, Cancun) are empty when the
 * call left them out, so each method version can check which ones it got.
 *
 * <p>The last four fields are the OP Stack's extensions (op-geth, specs {@code exec-engine.md}):
 * {@code transactions} forced into the block first (deposits and upgrades, raw EIP-2718 bytes),
 * {@code noTxPool} to build from those alone, {@code gasLimit} to set the block's gas limit, and
 * {@code eip1559Params} (Holocene). On an L1 chain they are empty / false.
 */
public record PayloadAttributes(
    long timestamp,
    Hash prevRandao,
    Address suggestedFeeRecipient,
    Optional<List<Withdrawal>> withdrawals,
    Optional<Hash> parentBeaconBlockRoot,
    List<Bytes> transactions,
    boolean noTxPool,
    OptionalLong gasLimit,
    Optional<Bytes> eip1559Params) {

  public PayloadAttributes {
    withdrawals = withdrawals.map(List::copyOf);
    transactions = List.copyOf(transactions);
  }

  /** Plain Ethereum attributes, without the OP Stack fields. */
  public static PayloadAttributes of(
      long timestamp,
      Hash prevRandao,
      Address suggestedFeeRecipient,
      Optional<List<Withdrawal>> withdrawals,
      Optional<Hash> parentBeaconBlockRoot) {
    return new PayloadAttributes(
        timestamp,
        prevRandao,
        suggestedFeeRecipient,
        withdrawals,
        parentBeaconBlockRoot,
        List.of(),
        false,
        OptionalLong.empty(),
        Optional.empty());
  }

  /** Whether any OP Stack field is used. */
  public boolean hasRollupFields() {
    return !transactions.isEmpty() || noTxPool || gasLimit.isPresent() || eip1559Params.isPresent();
  }
}
