package io.merapi.execution.api.sign;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import java.nio.charset.StandardCharsets;

/**
 * Signatures over messages rather than transactions: EIP-191 version 0x45 ({@code eth_sign}, {@code
 * personal_sign}) and EIP-712 ({@code eth_signTypedData_v4}), in the 65-byte form wallets return,
 * {@code r || s || v} with {@code v} 27 or 28 (what {@code ecrecover} and viem's {@code
 * recoverMessageAddress} take).
 */
public final class MessageSignatures {
  private MessageSignatures() {}

  /** {@code keccak256("\x19Ethereum Signed Message:\n" || len(message) || message)}. */
  public static Hash personalHash(byte[] message) {
    byte[] prefix =
        ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[prefix.length + message.length];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    System.arraycopy(message, 0, input, prefix.length, message.length);
    return Keccak256.digest(input);
  }

  /** {@code hash} signed by {@code key}, as 65 bytes with {@code v} 27 or 28. */
  public static byte[] sign(Hash hash, Secp256k1.PrivateKey key) {
    Signature signature = Secp256k1.sign(hash, key);
    byte[] out = signature.toBytes();
    out[64] = (byte) (27 + signature.recoveryId());
    return out;
  }
}
