package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.state.BlobGas;
import io.merapi.state.block.BlockExecution;
import io.merapi.state.block.ChainRules;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.transaction.Transaction;
import java.util.List;

/**
 * The checks of a block that need no execution, and of its results after execution: the header
 * against its parent (geth's beacon {@code verifyHeader} plus the chain's own rules), the body
 * against the header ({@code ValidateBody}), and the executed block's gas, bloom, receipts root and
 * state root against the header ({@code ValidateState}). Only proof-of-stake blocks are accepted:
 * proof-of-work validation (ethash) is not built.
 */
final class BlockValidator {
  private BlockValidator() {}

  /**
   * Yellow Paper 4.3.4 after the merge (EIP-3675) with the fields each later fork added.
   *
   * @throws InvalidBlockException naming the first rule broken
   */
  static void validateHeader(ChainRules rules, Header parent, Header header) {
    if (header.number() != parent.number() + 1) {
      throw new InvalidBlockException(
          "invalid block number " + header.number() + " after parent " + parent.number());
    }
    if (Long.compareUnsigned(header.timestamp(), parent.timestamp()) <= 0) {
      throw new InvalidBlockException(
          "timestamp "
              + Long.toUnsignedString(header.timestamp())
              + " not after parent's "
              + Long.toUnsignedString(parent.timestamp()));
    }
    if (header.gasLimit() < 0) {
      throw new InvalidBlockException(
          "invalid gasLimit: have "
              + Long.toUnsignedString(header.gasLimit())
              + ", max "
              + Long.MAX_VALUE);
    }
    if (Long.compareUnsigned(header.gasUsed(), header.gasLimit()) > 0) {
      throw new InvalidBlockException(
          "invalid gasUsed: have "
              + Long.toUnsignedString(header.gasUsed())
              + ", gasLimit "
              + header.gasLimit());
    }
    Fork fork = rules.fork(header.number(), header.timestamp());
    if (fork.isBefore(Fork.PARIS) || !header.difficulty().isZero()) {
      throw new InvalidBlockException(
          "proof-of-work block (difficulty "
              + header.difficulty().toDecimalString()
              + ", fork "
              + fork.testName()
              + "): only proof-of-stake blocks are supported");
    }
    if (header.nonce() != 0) {
      throw new InvalidBlockException("invalid nonce: proof-of-stake blocks have nonce 0");
    }
    if (!header.ommersHash().equals(Header.EMPTY_OMMERS_HASH)) {
      throw new InvalidBlockException("invalid uncle hash: proof-of-stake blocks have no ommers");
    }
    requirePresence("baseFeePerGas", header.baseFeePerGas().isPresent(), true);
    requirePresence(
        "withdrawalsRoot", header.withdrawalsRoot().isPresent(), fork.isAtLeast(Fork.SHANGHAI));
    boolean cancun = fork.isAtLeast(Fork.CANCUN);
    requirePresence("blobGasUsed", header.blobGasUsed().isPresent(), cancun);
    requirePresence("excessBlobGas", header.excessBlobGas().isPresent(), cancun);
    requirePresence("parentBeaconBlockRoot", header.parentBeaconBlockRoot().isPresent(), cancun);
    requirePresence("requestsHash", header.requestsHash().isPresent(), fork.isAtLeast(Fork.PRAGUE));
    rules.validateHeader(parent, header);
  }

  private static void requirePresence(String field, boolean present, boolean expected) {
    if (present != expected) {
      throw new InvalidBlockException(
          expected ? "header is missing " + field : "header has " + field + " before its fork");
    }
  }

  /**
   * The body against the header: no ommers, the transactions and withdrawals roots, no blob
   * sidecars, and as many blobs as the header's blob gas says.
   */
  static void validateBody(Block block) {
    Header header = block.header();
    if (!block.ommers().isEmpty()) {
      throw new InvalidBlockException("proof-of-stake blocks have no ommers");
    }
    Hash ommersHash = ommersHash(block.ommers());
    if (!ommersHash.equals(header.ommersHash())) {
      throw new InvalidBlockException("uncle root hash mismatch");
    }
    List<Transaction> txs = block.transactions();
    Hash txRoot = OrderedListRoot.of(txs.size(), i -> txs.get(i).encoded());
    if (!txRoot.equals(header.transactionsRoot())) {
      throw new InvalidBlockException(
          "transaction root hash mismatch (header value "
              + header.transactionsRoot()
              + ", calculated "
              + txRoot
              + ")");
    }
    if (header.withdrawalsRoot().isPresent()) {
      if (block.withdrawals().isEmpty()) {
        throw new InvalidBlockException("missing withdrawals in block body");
      }
      Hash root = BlockExecution.withdrawalsRoot(block.withdrawals().get());
      if (!root.equals(header.withdrawalsRoot().get())) {
        throw new InvalidBlockException(
            "withdrawals root hash mismatch (header value "
                + header.withdrawalsRoot().get()
                + ", calculated "
                + root
                + ")");
      }
    } else if (block.withdrawals().isPresent()) {
      throw new InvalidBlockException("withdrawals present in block body");
    }
    long blobs = 0;
    for (Transaction tx : txs) {
      blobs += tx.blobVersionedHashes().size();
    }
    if (header.blobGasUsed().isPresent()) {
      long want = Long.divideUnsigned(header.blobGasUsed().getAsLong(), BlobGas.GAS_PER_BLOB);
      if (blobs != want) {
        throw new InvalidBlockException(
            "blob gas used mismatch (header "
                + Long.toUnsignedString(header.blobGasUsed().getAsLong())
                + ", calculated "
                + blobs * BlobGas.GAS_PER_BLOB
                + ")");
      }
    } else if (blobs > 0) {
      throw new InvalidBlockException("data blobs present in block body");
    }
  }

  /** The executed block against its header (geth {@code ValidateState}), before the state root. */
  static void validateResults(Header header, BlockExecution result) {
    if (header.gasUsed() != result.gasUsed()) {
      throw new InvalidBlockException(
          "invalid gas used (remote: "
              + Long.toUnsignedString(header.gasUsed())
              + " local: "
              + result.gasUsed()
              + ")");
    }
    if (!header.logsBloom().equals(result.logsBloom())) {
      throw new InvalidBlockException("invalid bloom");
    }
    Hash receiptsRoot = result.receiptsRoot();
    if (!receiptsRoot.equals(header.receiptsRoot())) {
      throw new InvalidBlockException(
          "invalid receipt root hash (remote: "
              + header.receiptsRoot()
              + " local: "
              + receiptsRoot
              + ")");
    }
    if (header.blobGasUsed().isPresent()
        && header.blobGasUsed().getAsLong() != result.blobGasUsed()) {
      throw new InvalidBlockException(
          "invalid blob gas used (remote: "
              + header.blobGasUsed().getAsLong()
              + " local: "
              + result.blobGasUsed()
              + ")");
    }
    // EIP-7685: the header commits to the requests the execution produced.
    if (result.requestsHash().isPresent() && !result.requestsHash().equals(header.requestsHash())) {
      throw new InvalidBlockException(
          "invalid requests hash (remote: "
              + header.requestsHash().map(Hash::toString).orElse("none")
              + " local: "
              + result.requestsHash().get()
              + ")");
    }
  }

  static void validateStateRoot(Header header, Hash stateRoot) {
    if (!stateRoot.equals(header.stateRoot())) {
      throw new InvalidBlockException(
          "invalid merkle root (remote: " + header.stateRoot() + " local: " + stateRoot + ")");
    }
  }

  static Hash ommersHash(List<Header> ommers) {
    RlpWriter writer = new RlpWriter();
    writer.startList();
    for (Header ommer : ommers) {
      ommer.writeTo(writer);
    }
    return Keccak256.digest(writer.endList().toByteArray());
  }
}
