package io.merapi.node.l1;

/**
 * The ways an L1 node can hand over a block's receipts (op-service {@code ReceiptsFetchingMethod}),
 * in op-node's order of preference when several are available. All but {@link
 * #ETH_GET_TRANSACTION_RECEIPT_BATCH} fetch the whole block in one call.
 */
public enum ReceiptsMethod {
  /** Alchemy's {@code alchemy_getTransactionReceipts({blockHash})}, a {@code {receipts}} object. */
  ALCHEMY_GET_TRANSACTION_RECEIPTS("alchemy_getTransactionReceipts"),
  /** geth's {@code debug_getRawReceipts(hash)}: the consensus encodings, no metadata. */
  DEBUG_GET_RAW_RECEIPTS("debug_getRawReceipts"),
  /** Erigon's {@code erigon_getBlockReceiptsByBlockHash(hash)}. */
  ERIGON_GET_BLOCK_RECEIPTS_BY_BLOCK_HASH("erigon_getBlockReceiptsByBlockHash"),
  /** The standard {@code eth_getBlockReceipts(hash)} (execution-apis, geth since 1.13). */
  ETH_GET_BLOCK_RECEIPTS("eth_getBlockReceipts"),
  /** OpenEthereum's {@code parity_getBlockReceipts(hash)}, also served by Nethermind. */
  PARITY_GET_BLOCK_RECEIPTS("parity_getBlockReceipts"),
  /** {@code eth_getTransactionReceipt} for each transaction, sent in batches: works everywhere. */
  ETH_GET_TRANSACTION_RECEIPT_BATCH("eth_getTransactionReceipt");

  private final String rpcMethod;

  ReceiptsMethod(String rpcMethod) {
    this.rpcMethod = rpcMethod;
  }

  public String rpcMethod() {
    return rpcMethod;
  }
}
