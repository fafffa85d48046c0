package io.merapi.state.tool.t8n;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;
import java.math.BigInteger;

/**
 * Proof-of-work difficulty from Byzantium's formula (EIP-100, uncle-aware) with the difficulty bomb
 * delayed as each fork set it. t8n computes it when a pre-merge environment gives no {@code
 * currentDifficulty}.
 */
final class Difficulty {
  private static final BigInteger MINIMUM = BigInteger.valueOf(131_072);
  private static final BigInteger BOUND_DIVISOR = BigInteger.valueOf(2048);

  /** keccak256(rlp([])): the uncle hash of a block without uncles. */
  static final Hash EMPTY_UNCLE_HASH =
      Hash.fromHex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  private Difficulty() {}

  /** The bomb delay in blocks: EIP-2384 (Muir Glacier), EIP-3554, EIP-4345, EIP-5133. */
  static long bombDelay(Fork fork) {
    if (fork.isAtLeast(Fork.GRAY_GLACIER)) {
      return 11_400_000;
    }
    if (fork.isAtLeast(Fork.ARROW_GLACIER)) {
      return 10_700_000;
    }
    if (fork.isAtLeast(Fork.LONDON)) {
      return 9_700_000;
    }
    return 9_000_000;
  }

  static UInt256 calculate(
      Fork fork,
      long number,
      long timestamp,
      long parentTimestamp,
      UInt256 parentDifficulty,
      Hash parentUncleHash) {
    BigInteger parent = parentDifficulty.toBigInteger();
    long x = (timestamp - parentTimestamp) / 9;
    // An environment without parentUncleHash means no uncles, as in geth's t8n.
    boolean noUncles = parentUncleHash.equals(EMPTY_UNCLE_HASH) || parentUncleHash.isZero();
    x = (noUncles ? 1 : 2) - x;
    if (x < -99) {
      x = -99;
    }
    BigInteger difficulty =
        parent.add(parent.divide(BOUND_DIVISOR).multiply(BigInteger.valueOf(x)));
    if (difficulty.compareTo(MINIMUM) < 0) {
      difficulty = MINIMUM;
    }
    long fakeBlockNumber = Math.max(0, (number - 1) - (bombDelay(fork) - 1));
    long periodCount = fakeBlockNumber / 100_000;
    if (periodCount > 1) {
      difficulty = difficulty.add(BigInteger.ONE.shiftLeft((int) (periodCount - 2)));
    }
    return UInt256.valueOf(difficulty);
  }
}
