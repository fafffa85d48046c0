package io.merapi.types.json;

import io.merapi.base.bytes.Hash;
import io.merapi.types.receipt.Log;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A log as JSON-RPC returns it ({@code eth_getLogs}, receipts): the log and where it was emitted.
 * {@code blockTimestamp} is printed by newer clients and is optional.
 */
public record RpcLog(
    Log log,
    long blockNumber,
    Hash transactionHash,
    long transactionIndex,
    Hash blockHash,
    long logIndex,
    boolean removed,
    OptionalLong blockTimestamp) {
  public RpcLog {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(transactionHash, "transactionHash");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(blockTimestamp, "blockTimestamp");
  }
}
