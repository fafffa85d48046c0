package io.merapi.evm;

import io.merapi.base.bytes.Address;
import java.util.Optional;

/**
 * The outcome of a message: why it halted, its output (return or revert data; empty after an
 * exceptional halt), the gas it did not use, and for a successful creation the new address.
 */
public record CallResult(Halt halt, byte[] output, long gasLeft, Optional<Address> createdAddress) {
  public boolean isSuccess() {
    return halt.isSuccess();
  }
}
