package io.merapi.state.block;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * EIP-7685 execution-layer requests of one block, each its type byte followed by its data, in
 * ascending type order; a type with no data is left out. The header commits to them with {@link
 * #hash()}.
 */
public record ExecutionRequests(List<Bytes> requests) {
  /** EIP-6110 deposits. */
  public static final byte DEPOSIT_TYPE = 0x00;

  /** EIP-7002 withdrawals. */
  public static final byte WITHDRAWAL_TYPE = 0x01;

  /** EIP-7251 consolidations. */
  public static final byte CONSOLIDATION_TYPE = 0x02;

  public static final ExecutionRequests EMPTY = new ExecutionRequests(List.of());

  public ExecutionRequests {
    requests = List.copyOf(requests);
    int previous = -1;
    for (Bytes request : requests) {
      if (request.length() < 2) {
        throw new IllegalArgumentException("a request is its type byte and non-empty data");
      }
      int type = request.get(0) & 0xff;
      if (type <= previous) {
        throw new IllegalArgumentException("requests out of type order at type " + type);
      }
      previous = type;
    }
  }

  /** {@code sha256(sha256(r_0) || sha256(r_1) || ...)}; the empty list hashes to sha256(""). */
  public Hash hash() {
    MessageDigest outer = sha256();
    for (Bytes request : requests) {
      outer.update(sha256().digest(request.array()));
    }
    return Hash.wrap(outer.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
