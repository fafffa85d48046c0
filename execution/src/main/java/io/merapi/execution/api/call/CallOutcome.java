package io.merapi.execution.api.call;

import io.merapi.base.bytes.Address;
import io.merapi.evm.Halt;
import io.merapi.types.receipt.Log;
import java.util.List;
import java.util.Optional;

/**
 * A call that ran: how its frame ended, the gas it used after the refund (the gas a receipt would
 * show), the refund, its return or revert data, the contract it created and its logs.
 */
public record CallOutcome(
    Halt halt,
    long gasUsed,
    long gasRefunded,
    byte[] output,
    Optional<Address> createdAddress,
    List<Log> logs) {
  public CallOutcome {
    logs = List.copyOf(logs);
  }

  public boolean isSuccess() {
    return halt.isSuccess();
  }

  /** The revert data, empty unless the call reverted with some. */
  public byte[] revertData() {
    return halt == Halt.REVERT ? output : new byte[0];
  }

  /** geth's error text for a failed call ({@code execution reverted}, {@code out of gas}, ...). */
  public String error() {
    return halt.message();
  }
}
