package io.merapi.types.json;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A receipt as JSON-RPC returns it ({@code eth_getTransactionReceipt}, {@code
 * eth_getBlockReceipts}): the consensus receipt plus what the node derives from the block and the
 * transaction.
 *
 * @param firstLogIndex the block-wide index of the receipt's first log ({@code logIndex})
 * @param blobGasUsed for blob transactions
 * @param blobGasPrice for blob transactions, the block's blob base fee
 * @param l1Fee on OP chains, for non-deposit transactions
 */
public record RpcReceipt(
    Receipt receipt,
    Hash transactionHash,
    long transactionIndex,
    Hash blockHash,
    long blockNumber,
    Address from,
    Optional<Address> to,
    long gasUsed,
    UInt256 effectiveGasPrice,
    Optional<Address> contractAddress,
    long firstLogIndex,
    OptionalLong blobGasUsed,
    Optional<UInt256> blobGasPrice,
    Optional<L1FeeInfo> l1Fee) {
  public RpcReceipt {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(transactionHash, "transactionHash");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice");
    Objects.requireNonNull(contractAddress, "contractAddress");
    Objects.requireNonNull(blobGasUsed, "blobGasUsed");
    Objects.requireNonNull(blobGasPrice, "blobGasPrice");
    Objects.requireNonNull(l1Fee, "l1Fee");
  }

  /** The receipt's logs with their positions in the chain. */
  public List<RpcLog> rpcLogs() {
    List<RpcLog> out = new ArrayList<>(receipt.logs().size());
    long index = firstLogIndex;
    for (Log log : receipt.logs()) {
      out.add(
          new RpcLog(
              log,
              blockNumber,
              transactionHash,
              transactionIndex,
              blockHash,
              index++,
              false,
              OptionalLong.empty()));
    }
    return out;
  }
}
