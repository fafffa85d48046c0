package io.merapi.state.tool.t8n;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.types.receipt.Receipt;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a t8n run produces: geth's {@code result} object, the post-state {@code alloc}, and the
 * {@code body} (RLP list of the included transactions).
 */
public record T8nResult(
    Hash stateRoot,
    Hash txRoot,
    Hash receiptsRoot,
    Hash logsHash,
    LogsBloom logsBloom,
    List<IncludedReceipt> receipts,
    List<Rejected> rejected,
    Optional<UInt256> currentDifficulty,
    long gasUsed,
    Optional<UInt256> currentBaseFee,
    Optional<Hash> withdrawalsRoot,
    OptionalLong currentExcessBlobGas,
    OptionalLong blobGasUsed,
    InMemoryState alloc,
    byte[] body) {

  /** A receipt with what t8n prints next to it. */
  public record IncludedReceipt(
      Receipt receipt,
      Hash transactionHash,
      Optional<Address> contractAddress,
      long gasUsed,
      int transactionIndex,
      long blockNumber,
      long firstLogIndex) {}

  /** A transaction that was not included, by its index in the input, and why. */
  public record Rejected(int index, String error) {}
}
