package io.merapi.service.txmgr;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;

/**
 * The receipt of the version of a candidate that was mined and confirmed.
 *
 * @param txHash the hash of the mined version (fee bumps give each version its own hash)
 * @param success the receipt's status: false if the transaction reverted (it still used its nonce)
 * @param nonce the nonce the transaction used
 */
public record TxResult(
    Hash txHash,
    Hash blockHash,
    long blockNumber,
    boolean success,
    long gasUsed,
    UInt256 effectiveGasPrice,
    long blobGasUsed,
    long nonce) {}
