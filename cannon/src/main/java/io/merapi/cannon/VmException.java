package io.merapi.cannon;

/**
 * A step the spec declares invalid (an invalid instruction, an unsupported syscall, a branch in a
 * delay slot, a pre-image read past its end, an empty active thread stack): the VM stops here and
 * produces no post-state, as the on-chain step would revert.
 */
public final class VmException extends RuntimeException {
  public VmException(String message) {
    super(message);
  }
}
