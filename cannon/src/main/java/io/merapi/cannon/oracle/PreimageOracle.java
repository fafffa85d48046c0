package io.merapi.cannon.oracle;

import io.merapi.cannon.VmException;

/**
 * The host side of the VM's fds 3–6: hints written to fd 4 and pre-images requested by key on fd 6.
 * The VM knows nothing of where pre-images come from; {@link StreamPreimageOracle} speaks
 * op-program's wire protocol to a host process.
 */
public interface PreimageOracle {
  /** Passes one complete hint (without its length prefix) to the host. */
  void hint(byte[] hint);

  /** The pre-image for a 32-byte key; the host must have it (a missing one is an error). */
  byte[] getPreimage(byte[] key);

  /** An oracle for programs that do no pre-image I/O: every request is an error. */
  PreimageOracle NONE =
      new PreimageOracle() {
        @Override
        public void hint(byte[] hint) {}

        @Override
        public byte[] getPreimage(byte[] key) {
          throw new VmException("the program asked for a pre-image but no host is connected");
        }
      };
}
