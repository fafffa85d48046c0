package io.merapi.proposer.contract;

/** A contract read that reverted or returned what its ABI does not allow. */
public final class ContractReadException extends RuntimeException {
  public ContractReadException(String message) {
    super(message);
  }
}
