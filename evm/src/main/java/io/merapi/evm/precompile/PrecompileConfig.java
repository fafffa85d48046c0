package io.merapi.evm.precompile;

import io.merapi.types.config.Fork;
import java.util.OptionalInt;

/**
 * Which precompiles run and how they are priced, as data: the L1 rule set, plus what OP Stack
 * hardforks add on top. The interpreter derives one per block from the chain config and asks {@link
 * PrecompileSet#of} for the matching set.
 *
 * @param fork the L1 rules: Homestead's four, Byzantium's EIP-196/197/198, Istanbul's EIP-152 and
 *     EIP-1108 prices, Berlin's EIP-2565 pricing, Cancun's EIP-4844 point evaluation
 * @param p256Verify RIP-7212 P256VERIFY at 0x100 (OP Fjord and later); from Osaka L1 has EIP-7951's
 *     own at 0x100 whatever this says
 * @param bn254PairingMaxInputLength a bound on ECPAIRING's input length (OP Granite: {@value
 *     #GRANITE_BN254_PAIRING_MAX_INPUT_LENGTH}, OP Jovian: {@value
 *     #JOVIAN_BN254_PAIRING_MAX_INPUT_LENGTH}); empty on L1
 */
public record PrecompileConfig(
    Fork fork, boolean p256Verify, OptionalInt bn254PairingMaxInputLength) {

  /** specs/protocol/granite/exec-engine.md, "bn256Pairing precompile input restriction". */
  public static final int GRANITE_BN254_PAIRING_MAX_INPUT_LENGTH = 112_687;

  /** specs/protocol/jovian/exec-engine.md, "Precompile Input Size Restrictions" (427 pairs). */
  public static final int JOVIAN_BN254_PAIRING_MAX_INPUT_LENGTH = 81_984;

  public PrecompileConfig {
    if (bn254PairingMaxInputLength.isPresent() && bn254PairingMaxInputLength.getAsInt() < 0) {
      throw new IllegalArgumentException("negative bn254 pairing input limit");
    }
  }

  /** Ethereum's precompiles at {@code fork}, without OP additions. */
  public static PrecompileConfig l1(Fork fork) {
    return new PrecompileConfig(fork, false, OptionalInt.empty());
  }

  public PrecompileConfig withP256Verify(boolean enabled) {
    return new PrecompileConfig(fork, enabled, bn254PairingMaxInputLength);
  }

  public PrecompileConfig withBn254PairingMaxInputLength(int limit) {
    return new PrecompileConfig(fork, p256Verify, OptionalInt.of(limit));
  }
}
