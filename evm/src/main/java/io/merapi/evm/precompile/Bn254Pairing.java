package io.merapi.evm.precompile;

import io.merapi.evm.precompile.bn254.Bn254;
import io.merapi.evm.precompile.bn254.InvalidPointException;
import java.util.OptionalInt;

/**
 * ECPAIRING at 0x08 (EIP-197): checks that the product of the pairings of k (G1, G2) pairs is one
 * and returns the word 1 or 0; k = 0 gives 1. The input length must be a multiple of 192 and every
 * point valid, else the call fails. Priced at {@code baseGas + k * pairGas}: 100000 + 80000k in
 * Byzantium, 45000 + 34000k from Istanbul (EIP-1108).
 *
 * <p>OP Stack chains also bound the input length (specs/protocol/granite/exec-engine.md: 112687
 * bytes from Granite; specs/protocol/jovian/exec-engine.md: 81984 bytes from Jovian); a longer
 * input fails the call.
 */
public record Bn254Pairing(long baseGas, long pairGas, OptionalInt maxInputLength)
    implements Precompile {
  public static final Bn254Pairing BYZANTIUM =
      new Bn254Pairing(100_000, 80_000, OptionalInt.empty());
  public static final Bn254Pairing ISTANBUL = new Bn254Pairing(45_000, 34_000, OptionalInt.empty());

  private static final byte[] TRUE = word(1);
  private static final byte[] FALSE = word(0);

  public Bn254Pairing {
    if (maxInputLength.isPresent() && maxInputLength.getAsInt() < 0) {
      throw new IllegalArgumentException("negative pairing input limit");
    }
  }

  /** The same prices with an input length limit (OP Granite and later). */
  public Bn254Pairing withMaxInputLength(int limit) {
    return new Bn254Pairing(baseGas, pairGas, OptionalInt.of(limit));
  }

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    // Priced on whole pairs, as geth does; a ragged length fails below and consumes all gas anyway.
    long gas = baseGas + pairGas * (input.length / Bn254.PAIR_ENCODED_LENGTH);
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    if (maxInputLength.isPresent() && input.length > maxInputLength.getAsInt()) {
      return new PrecompileResult.Failure(
          "pairing input of "
              + input.length
              + " bytes exceeds the limit of "
              + maxInputLength.getAsInt());
    }
    if (input.length % Bn254.PAIR_ENCODED_LENGTH != 0) {
      return new PrecompileResult.Failure(
          "pairing input length " + input.length + " is not a multiple of 192");
    }
    try {
      boolean one = Bn254.pairingCheck(input);
      return new PrecompileResult.Success((one ? TRUE : FALSE).clone(), gas);
    } catch (InvalidPointException invalid) {
      return new PrecompileResult.Failure(invalid.getMessage());
    }
  }

  private static byte[] word(int value) {
    byte[] word = new byte[32];
    word[31] = (byte) value;
    return word;
  }
}
