package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.Objects;
import java.util.Optional;

/**
 * An EIP-7702 authorization: the signer (the "authority") lets its account delegate to the code at
 * {@code address}. RLP: {@code [chainId, address, nonce, yParity, r, s]}. A chain id of 0 is valid
 * on every chain.
 *
 * <p>An authorization with a bad signature does not make its transaction invalid; it is skipped
 * during execution, so {@link #authority()} reports it as empty rather than throwing.
 */
public record Authorization(
    UInt256 chainId, Address address, long nonce, int yParity, UInt256 r, UInt256 s) {

  /** EIP-7702 {@code MAGIC}: the domain prefix of the authorization signing hash. */
  public static final byte MAGIC = 0x05;

  public Authorization {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(s, "s");
    if (yParity < 0 || yParity > 0xff) {
      throw new IllegalArgumentException("yParity is a uint8, got " + yParity);
    }
  }

  /** Signs an authorization with {@code key}. */
  public static Authorization sign(
      UInt256 chainId, Address address, long nonce, Secp256k1.PrivateKey key) {
    Signature signature = Secp256k1.sign(signingHash(chainId, address, nonce), key);
    return new Authorization(
        chainId, address, nonce, signature.recoveryId(), signature.r(), signature.s());
  }

  /** {@code keccak256(MAGIC || rlp([chainId, address, nonce]))}. */
  public Hash signingHash() {
    return signingHash(chainId, address, nonce);
  }

  private static Hash signingHash(UInt256 chainId, Address address, long nonce) {
    RlpWriter writer = new RlpWriter(64).writeRaw(new byte[] {MAGIC});
    writer.startList().writeUInt256(chainId).writeAddress(address).writeLong(nonce).endList();
    return Keccak256.digest(writer.toByteArray());
  }

  /**
   * The authority that signed this authorization, or empty if the signature is not valid: {@code
   * yParity} not 0 or 1, {@code r} not in [1, n-1], {@code s} not in [1, n/2] (EIP-2 low s), or no
   * public key recovers.
   */
  public Optional<Address> authority() {
    if (yParity > 1
        || r.isZero()
        || r.compareTo(Secp256k1.ORDER) >= 0
        || s.isZero()
        || s.compareTo(Secp256k1.HALF_ORDER) > 0) {
      return Optional.empty();
    }
    return Secp256k1.recoverAddress(signingHash(), new Signature(r, s, yParity));
  }

  public void writeTo(RlpWriter writer) {
    writer
        .startList()
        .writeUInt256(chainId)
        .writeAddress(address)
        .writeLong(nonce)
        .writeLong(yParity)
        .writeUInt256(r)
        .writeUInt256(s)
        .endList();
  }

  public static Authorization readFrom(RlpReader reader) {
    RlpReader list = reader.readList();
    UInt256 chainId = list.readUInt256();
    Address address = list.readAddress();
    long nonce = list.readLong();
    int position = list.position();
    long yParity = list.readLong();
    if (Long.compareUnsigned(yParity, 0xff) > 0) {
      throw new RlpException(
          "authorization yParity is a uint8, found " + Long.toUnsignedString(yParity), position);
    }
    UInt256 r = list.readUInt256();
    UInt256 s = list.readUInt256();
    list.ensureEnd();
    return new Authorization(chainId, address, nonce, (int) yParity, r, s);
  }
}
