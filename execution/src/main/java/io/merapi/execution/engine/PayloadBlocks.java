package io.merapi.execution.engine;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.state.block.BlockExecution;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Engine API payload turned into the block it stands for, with its roots computed — the engine's
 * side of {@link ExecutionPayload} (the record itself lives in {@code types}, shared with the
 * rollup node, which never needs this step).
 */
final class PayloadBlocks {
  /** Yellow Paper / geth {@code MaximumExtraDataSize}. */
  static final int MAX_EXTRA_DATA = 32;

  private PayloadBlocks() {}

  /**
   * The block this payload stands for, its header built from the payload's fields and the constants
   * of a proof-of-stake block (EIP-3675, EIP-4399), with the transactions and withdrawals roots
   * computed. The result's hash still has to be compared with {@link ExecutionPayload#blockHash}.
   *
   * @throws InvalidPayloadException if a transaction is empty or does not decode, or a field is out
   *     of range
   */
  public static Block toBlock(ExecutionPayload payload, Optional<Hash> parentBeaconBlockRoot) {
    if (payload.extraData().length() > MAX_EXTRA_DATA) {
      throw new InvalidPayloadException(
          "invalid extradata length: " + payload.extraData().length());
    }
    if (payload.logsBloom().length() != LogsBloom.BYTES) {
      throw new InvalidPayloadException(
          "invalid logsBloom length: " + payload.logsBloom().length());
    }
    List<Bytes> transactions = payload.transactions();
    List<Transaction> txs = decodeTransactions(transactions);
    Header header;
    try {
      header =
          Header.builder()
              .parentHash(payload.parentHash())
              .coinbase(payload.feeRecipient())
              .stateRoot(payload.stateRoot())
              .transactionsRoot(OrderedListRoot.of(txs.size(), i -> transactions.get(i).array()))
              .receiptsRoot(payload.receiptsRoot())
              .logsBloom(LogsBloom.wrap(payload.logsBloom().toArray()))
              .number(payload.blockNumber())
              .gasLimit(payload.gasLimit())
              .gasUsed(payload.gasUsed())
              .timestamp(payload.timestamp())
              .extraData(payload.extraData())
              .mixHash(payload.prevRandao())
              .baseFeePerGas(Optional.of(payload.baseFeePerGas()))
              .withdrawalsRoot(payload.withdrawals().map(BlockExecution::withdrawalsRoot))
              .blobGasUsed(payload.blobGasUsed())
              .excessBlobGas(payload.excessBlobGas())
              .parentBeaconBlockRoot(parentBeaconBlockRoot)
              .build();
    } catch (IllegalArgumentException e) {
      throw new InvalidPayloadException("invalid payload: " + e.getMessage());
    }
    return new Block(header, new BlockBody(txs, List.of(), payload.withdrawals()));
  }

  private static List<Transaction> decodeTransactions(List<Bytes> transactions) {
    List<Transaction> txs = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      Bytes encoded = transactions.get(i);
      if (encoded.isEmpty()) {
        throw new InvalidPayloadException("invalid transaction " + i + ": empty");
      }
      try {
        txs.add(TransactionDecoder.decode(encoded.array()));
      } catch (RlpException e) {
        throw new InvalidPayloadException("invalid transaction " + i + ": " + e.getMessage());
      }
    }
    return txs;
  }
}
