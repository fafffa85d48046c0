package io.merapi.base.crypto;

import io.merapi.base.uint.UInt256;

/**
 * An ECDSA signature over secp256k1 with its recovery id ({@code yParity}: 0 or 1, the parity of
 * the y coordinate of the point R). How a transaction type writes {@code v} is the transaction's
 * concern.
 */
public record Signature(UInt256 r, UInt256 s, int recoveryId) {
  public Signature {
    if (recoveryId != 0 && recoveryId != 1) {
      throw new IllegalArgumentException("recovery id must be 0 or 1, got " + recoveryId);
    }
  }

  /** EIP-2 (Homestead): s must be in the lower half of the curve order. */
  public boolean hasLowS() {
    return s.compareTo(Secp256k1.HALF_ORDER) <= 0;
  }

  /** 65 bytes: r, s, recovery id (the form of ecrecover tools and {@code eth_sign}). */
  public byte[] toBytes() {
    byte[] out = new byte[65];
    r.toBytes(out, 0);
    s.toBytes(out, 32);
    out[64] = (byte) recoveryId;
    return out;
  }
}
