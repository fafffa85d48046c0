package io.merapi.types.engine;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.transaction.Transaction;
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
