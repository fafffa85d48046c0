package io.merapi.execution.engine;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.uint.UInt256;
import io.merapi.state.block.BlockExecution;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code ExecutionPayloadV1..V3} (execution-apis {@code paris.md}, {@code shanghai.md}, {@code
 * cancun.md}): a block as the consensus layer carries it. {@code withdrawals} is present from V2,
 * {@code blobGasUsed} and {@code excessBlobGas} from V3; the parent beacon block root travels
 * beside the payload ({@code engine_newPayloadV3}'s third argument).
 */
public record ExecutionPayload(
    Hash parentHash,
    Address feeRecipient,
    Hash stateRoot,
    Hash receiptsRoot,
    Bytes logsBloom,
    Hash prevRandao,
    long blockNumber,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    UInt256 baseFeePerGas,
    Hash blockHash,
    List<Bytes> transactions,
    Optional<List<Withdrawal>> withdrawals,
    OptionalLong blobGasUsed,
    OptionalLong excessBlobGas) {

  /** Yellow Paper / geth {@code MaximumExtraDataSize}. */
  static final int MAX_EXTRA_DATA = 32;

  public ExecutionPayload {
    transactions = List.copyOf(transactions);
    withdrawals = withdrawals.map(List::copyOf);
  }

  /** The payload of a stored or built block. */
  public static ExecutionPayload of(Block block, Hash blockHash) {
    Header h = block.header();
    List<Bytes> txs = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      txs.add(Bytes.wrap(tx.encoded()));
    }
    return new ExecutionPayload(
        h.parentHash(),
        h.coinbase(),
        h.stateRoot(),
        h.receiptsRoot(),
        Bytes.wrap(h.logsBloom().toArray()),
        h.mixHash(),
        h.number(),
        h.gasLimit(),
        h.gasUsed(),
        h.timestamp(),
        h.extraData(),
        h.baseFeePerGas().orElse(UInt256.ZERO),
        blockHash,
        txs,
        block.withdrawals(),
        h.blobGasUsed(),
        h.excessBlobGas());
  }

  /**
   * The block this payload stands for, its header built from the payload's fields and the constants
   * of a proof-of-stake block (EIP-3675, EIP-4399), with the transactions and withdrawals roots
   * computed. The result's hash still has to be compared with {@link #blockHash}.
   *
   * @throws InvalidPayloadException if a transaction is empty or does not decode, or a field is out
   *     of range
   */
  public Block toBlock(Optional<Hash> parentBeaconBlockRoot) {
    if (extraData.length() > MAX_EXTRA_DATA) {
      throw new InvalidPayloadException("invalid extradata length: " + extraData.length());
    }
    if (logsBloom.length() != LogsBloom.BYTES) {
      throw new InvalidPayloadException("invalid logsBloom length: " + logsBloom.length());
    }
    List<Transaction> txs = decodeTransactions();
    Header header;
    try {
      header =
          Header.builder()
              .parentHash(parentHash)
              .coinbase(feeRecipient)
              .stateRoot(stateRoot)
              .transactionsRoot(OrderedListRoot.of(txs.size(), i -> transactions.get(i).array()))
              .receiptsRoot(receiptsRoot)
              .logsBloom(LogsBloom.wrap(logsBloom.toArray()))
              .number(blockNumber)
              .gasLimit(gasLimit)
              .gasUsed(gasUsed)
              .timestamp(timestamp)
              .extraData(extraData)
              .mixHash(prevRandao)
              .baseFeePerGas(Optional.of(baseFeePerGas))
              .withdrawalsRoot(withdrawals.map(BlockExecution::withdrawalsRoot))
              .blobGasUsed(blobGasUsed)
              .excessBlobGas(excessBlobGas)
              .parentBeaconBlockRoot(parentBeaconBlockRoot)
              .build();
    } catch (IllegalArgumentException e) {
      throw new InvalidPayloadException("invalid payload: " + e.getMessage());
    }
    return new Block(header, new BlockBody(txs, List.of(), withdrawals));
  }

  private List<Transaction> decodeTransactions() {
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

  /**
   * The blob versioned hashes of the payload's transactions in order (EIP-4844), which {@code
   * engine_newPayloadV3} compares with its expected list.
   */
  public static List<Hash> blobVersionedHashes(Block block) {
    List<Hash> hashes = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      hashes.addAll(tx.blobVersionedHashes());
    }
    return hashes;
  }
}
