package io.merapi.execution.engine;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Payload ids as op-geth computes them ({@code BuildPayloadArgs.Id}): SHA-256 over the parent hash,
 * the timestamp (8 bytes big-endian), prevRandao, the fee recipient, the RLP list of withdrawals
 * (empty when absent), the beacon root if given, and, when the OP Stack fields are used, {@code
 * noTxPool}, the number and hashes of the forced transactions, the gas limit and the EIP-1559
 * parameters; the first 8 bytes, with the first replaced by the method version.
 */
public final class PayloadIds {
  private PayloadIds() {}

  public static PayloadId of(Hash parent, PayloadAttributes attributes, int version) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
    sha.update(parent.array());
    sha.update(ByteBuffer.allocate(8).putLong(attributes.timestamp()).array());
    sha.update(attributes.prevRandao().array());
    sha.update(attributes.suggestedFeeRecipient().array());
    RlpWriter withdrawals = new RlpWriter(64);
    Withdrawal.writeListTo(withdrawals, attributes.withdrawals().orElse(List.of()));
    sha.update(withdrawals.toByteArray());
    attributes.parentBeaconBlockRoot().ifPresent(root -> sha.update(root.array()));
    if (attributes.noTxPool() || !attributes.transactions().isEmpty()) {
      sha.update((byte) (attributes.noTxPool() ? 1 : 0));
      sha.update(ByteBuffer.allocate(8).putLong(attributes.transactions().size()).array());
      for (Bytes tx : attributes.transactions()) {
        sha.update(Keccak256.hash(tx.array()));
      }
    }
    attributes
        .gasLimit()
        .ifPresent(limit -> sha.update(ByteBuffer.allocate(8).putLong(limit).array()));
    attributes
        .eip1559Params()
        .filter(params -> !params.isEmpty())
        .ifPresent(params -> sha.update(params.array()));
    long id = ByteBuffer.wrap(sha.digest()).getLong();
    return new PayloadId((id & 0x00ff_ffff_ffff_ffffL) | ((long) (version & 0xff) << 56));
  }
}
