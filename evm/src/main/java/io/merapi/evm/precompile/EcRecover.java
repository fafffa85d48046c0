package io.merapi.evm.precompile;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import java.util.Optional;

/**
 * ECRECOVER at 0x01 (Yellow Paper, appendix E): input {@code hash, v, r, s} as four 32-byte words
 * (short input is zero-padded), 3000 gas. Returns the signer's address left-padded to 32 bytes, or
 * empty output when the signature does not recover; that is still a successful call that pays full
 * price. {@code v} must be the word 27 or 28, and r and s must lie in [1, n-1]; unlike transaction
 * signatures, a high s is accepted (EIP-2 applies to transactions only).
 */
public final class EcRecover implements Precompile {
  static final long GAS = 3000;
  private static final int INPUT_LENGTH = 128;
  private static final byte[] NO_OUTPUT = new byte[0];

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (GAS > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    byte[] padded = Inputs.padded(input, 0, INPUT_LENGTH);
    return new PrecompileResult.Success(recover(padded).orElse(NO_OUTPUT), GAS);
  }

  private static Optional<byte[]> recover(byte[] in) {
    for (int i = 32; i < 63; i++) {
      if (in[i] != 0) {
        return Optional.empty();
      }
    }
    int v = in[63] & 0xff;
    if (v != 27 && v != 28) {
      return Optional.empty();
    }
    Signature signature =
        new Signature(UInt256.fromBytes(in, 64, 32), UInt256.fromBytes(in, 96, 32), v - 27);
    Optional<Address> signer = Secp256k1.recoverAddress(Hash.copyOf(in, 0), signature);
    return signer.map(Address::toWord).map(Hash::toArray);
  }
}
