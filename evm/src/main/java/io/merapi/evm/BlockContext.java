package io.merapi.evm;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;

/**
 * What the EVM sees of the block it runs in. {@code prevRandao} is read by opcode 0x44 after the
 * merge and {@code difficulty} before it; {@code blobBaseFee} is derived from the header's excess
 * blob gas (EIP-4844). {@code blockHashes} answers BLOCKHASH for the 256 blocks before {@code
 * number}.
 */
public record BlockContext(
    Address coinbase,
    long number,
    long timestamp,
    long gasLimit,
    UInt256 baseFee,
    UInt256 difficulty,
    Hash prevRandao,
    UInt256 blobBaseFee,
    BlockHashLookup blockHashes) {

  /** The hash of an ancestor block by number. */
  @FunctionalInterface
  public interface BlockHashLookup {
    /** The hash of block {@code number}, which the EVM guarantees is one of the last 256. */
    Hash hashOf(long number);
  }
}
