package io.merapi.types.transaction;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import java.nio.charset.StandardCharsets;

/**
 * The source hash of a deposited transaction, which makes every deposit unique (specs deposits.md
 * "Source hash computation"): {@code keccak256(bytes32(domain) ++ keccak256(...))} with domain 0
 * for user deposits (by L1 block hash and log index), 1 for the L1 attributes deposit (by L1 block
 * hash and sequence number) and 2 for network upgrade transactions (by their intent).
 */
public final class DepositSource {
  public static final int USER_DEPOSIT = 0;
  public static final int L1_INFO = 1;
  public static final int UPGRADE = 2;

  private DepositSource() {}

  /** A user deposit: the {@code logIndex}-th log of the L1 block {@code l1BlockHash}. */
  public static Hash userDeposit(Hash l1BlockHash, long logIndex) {
    return byBlock(USER_DEPOSIT, l1BlockHash, logIndex);
  }

  /** The L1 attributes deposit of the L2 block with {@code sequenceNumber} in its epoch. */
  public static Hash l1Info(Hash l1BlockHash, long sequenceNumber) {
    return byBlock(L1_INFO, l1BlockHash, sequenceNumber);
  }

  /** A network upgrade transaction, named by its intent (e.g. "Ecotone: L1 Block Deployment"). */
  public static Hash upgrade(String intent) {
    return withDomain(UPGRADE, Keccak256.hash(intent.getBytes(StandardCharsets.UTF_8)));
  }

  private static Hash byBlock(int domain, Hash l1BlockHash, long index) {
    byte[] inner = new byte[64];
    System.arraycopy(l1BlockHash.array(), 0, inner, 0, 32);
    UInt256.valueOf(index).toBytes(inner, 32);
    return withDomain(domain, Keccak256.hash(inner));
  }

  private static Hash withDomain(int domain, byte[] innerHash) {
    byte[] outer = new byte[64];
    UInt256.valueOf(domain).toBytes(outer, 0);
    System.arraycopy(innerHash, 0, outer, 32, 32);
    return Keccak256.digest(outer);
  }
}
