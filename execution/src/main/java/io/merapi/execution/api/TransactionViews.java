package io.merapi.execution.api;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Evm;
import io.merapi.state.BlobGas;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.json.L1FeeInfo;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcLog;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON-RPC views of what a stored block holds: its transactions with their positions, and
 * receipts with the fields a node derives (geth {@code marshalReceipt}): the gas a transaction used
 * (from the cumulative gas of its receipt and the one before), its sender, the created contract,
 * the price it paid, where its logs sit in the block, and the blob gas it bought.
 */
public final class TransactionViews {
  private TransactionViews() {}

  public static RpcTransaction transaction(Block block, int index, List<Receipt> receipts) {
    Transaction tx = block.transactions().get(index);
    Optional<Receipt> receipt =
        index < receipts.size() ? Optional.of(receipts.get(index)) : Optional.empty();
    return RpcTransaction.included(
        tx, block.hash(), block.number(), index, block.header().baseFeePerGas(), receipt);
  }

  /** Whether views of {@code block}'s transactions need its receipts (deposit nonces). */
  public static boolean needsReceipts(Block block) {
    for (Transaction tx : block.transactions()) {
      if (tx.type() == TransactionType.DEPOSIT) {
        return true;
      }
    }
    return false;
  }

  public static RpcBlock block(Block block, boolean fullTransactions, List<Receipt> receipts) {
    return RpcBlock.of(block, fullTransactions, receipts);
  }

  /**
   * The receipts of {@code block} (its hash given, as it is known already) in JSON-RPC form, with
   * the L1 fee fields on an OP chain ({@link OpReceiptFields}).
   */
  public static List<RpcReceipt> receipts(
      ChainConfig config, Block block, Hash blockHash, List<Receipt> receipts) {
    List<Optional<L1FeeInfo>> l1Fees = l1Fees(config, block);
    UInt256 blobFee = BlobGas.baseFee(block.header(), config);
    List<RpcReceipt> out = new ArrayList<>(receipts.size());
    long logIndex = 0;
    for (int i = 0; i < receipts.size(); i++) {
      out.add(receipt(block, blockHash, receipts, i, logIndex, l1Fees.get(i), blobFee));
      logIndex += receipts.get(i).logs().size();
    }
    return out;
  }

  /** The receipt of transaction {@code index} of {@code block}. */
  public static RpcReceipt receipt(
      ChainConfig config, Block block, Hash blockHash, List<Receipt> receipts, int index) {
    long logIndex = 0;
    for (int i = 0; i < index; i++) {
      logIndex += receipts.get(i).logs().size();
    }
    Optional<L1FeeInfo> l1Fee;
    try {
      l1Fee =
          OpReceiptFields.derive(
              config, block.number(), block.header().timestamp(), block.transactions(), index);
    } catch (IllegalArgumentException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
    return receipt(
        block,
        blockHash,
        receipts,
        index,
        logIndex,
        l1Fee,
        BlobGas.baseFee(block.header(), config));
  }

  private static List<Optional<L1FeeInfo>> l1Fees(ChainConfig config, Block block) {
    try {
      return OpReceiptFields.derive(
          config, block.number(), block.header().timestamp(), block.transactions());
    } catch (IllegalArgumentException e) {
      // op-geth fails the receipt lookup when the info transaction cannot be read.
      throw ChainAccess.serverError(e.getMessage());
    }
  }

  /**
   * @param blobBaseFee the block's blob base fee under its fork's blob parameters, which a blob
   *     transaction's receipt reports
   */
  private static RpcReceipt receipt(
      Block block,
      Hash blockHash,
      List<Receipt> receipts,
      int index,
      long firstLogIndex,
      Optional<L1FeeInfo> l1Fee,
      UInt256 blobBaseFee) {
    Header header = block.header();
    Transaction tx = block.transactions().get(index);
    Receipt receipt = receipts.get(index);
    long previous = index == 0 ? 0 : receipts.get(index - 1).cumulativeGasUsed();
    Address from = tx.sender();
    Optional<Address> contract = Optional.empty();
    if (tx.isContractCreation()) {
      long nonce =
          tx.type() == TransactionType.DEPOSIT ? receipt.depositNonce().orElse(0) : tx.nonce();
      contract = Optional.of(Evm.createAddress(from, nonce));
    }
    UInt256 price =
        switch (tx.type()) {
          case DEPOSIT -> UInt256.ZERO;
          default -> header.baseFeePerGas().map(tx::effectiveGasPrice).orElseGet(tx::maxFeePerGas);
        };
    boolean blob = tx.type() == TransactionType.BLOB;
    return new RpcReceipt(
        receipt,
        tx.hash(),
        index,
        blockHash,
        header.number(),
        from,
        tx.to(),
        receipt.cumulativeGasUsed() - previous,
        price,
        contract,
        firstLogIndex,
        blob ? OptionalLong.of(tx.blobGas()) : OptionalLong.empty(),
        blob ? Optional.of(blobBaseFee) : Optional.empty(),
        l1Fee);
  }

  /** Every log of a block's receipts, positioned in the chain. */
  public static List<RpcLog> logs(Block block, Hash blockHash, List<Receipt> receipts) {
    List<RpcLog> logs = new ArrayList<>();
    long logIndex = 0;
    for (int i = 0; i < receipts.size(); i++) {
      // Only the logs are wanted: no fee goes into them.
      logs.addAll(
          receipt(block, blockHash, receipts, i, logIndex, Optional.empty(), UInt256.ZERO)
              .rpcLogs());
      logIndex += receipts.get(i).logs().size();
    }
    return logs;
  }
}
