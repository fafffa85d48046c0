package io.merapi.node.l1;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What kind of L1 node {@code --l1} points at ({@code --l1.rpckind}, op-service {@code
 * RPCProviderKind}): it decides which receipt methods are tried. A method the node refuses is
 * dropped until all are, then the set starts over.
 */
public enum RpcKind {
  ALCHEMY("alchemy"),
  QUICKNODE("quicknode"),
  INFURA("infura"),
  PARITY("parity"),
  NETHERMIND("nethermind"),
  DEBUG_GETH("debug_geth"),
  ERIGON("erigon"),
  /** Only per-transaction {@code eth_getTransactionReceipt}, in batches. */
  BASIC("basic"),
  /** Every method, best first. */
  ANY("any"),
  /** The standard methods: {@code eth_getBlockReceipts}, falling back to per-transaction. */
  STANDARD("standard");

  private final String flag;

  RpcKind(String flag) {
    this.flag = flag;
  }

  /** The name {@code --l1.rpckind} takes. */
  public String flag() {
    return flag;
  }

  /** The kind named {@code flag}, as {@code --l1.rpckind} spells it. */
  public static RpcKind fromFlag(String flag) {
    for (RpcKind kind : values()) {
      if (kind.flag.equals(flag)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown L1 RPC kind '"
            + flag
            + "', expected one of "
            + Arrays.stream(values()).map(RpcKind::flag).collect(Collectors.joining(", ")));
  }

  /** The receipt methods worth trying on this kind of node (op-node's table). */
  public Set<ReceiptsMethod> receiptsMethods() {
    EnumSet<ReceiptsMethod> methods =
        switch (this) {
          case ALCHEMY ->
              EnumSet.of(
                  ReceiptsMethod.ALCHEMY_GET_TRANSACTION_RECEIPTS,
                  ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS);
          case QUICKNODE ->
              EnumSet.of(
                  ReceiptsMethod.DEBUG_GET_RAW_RECEIPTS, ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS);
          case INFURA, BASIC -> EnumSet.noneOf(ReceiptsMethod.class);
          case PARITY, NETHERMIND -> EnumSet.of(ReceiptsMethod.PARITY_GET_BLOCK_RECEIPTS);
          case DEBUG_GETH -> EnumSet.of(ReceiptsMethod.DEBUG_GET_RAW_RECEIPTS);
          case ERIGON -> EnumSet.of(ReceiptsMethod.ERIGON_GET_BLOCK_RECEIPTS_BY_BLOCK_HASH);
          case ANY -> EnumSet.allOf(ReceiptsMethod.class);
          case STANDARD -> EnumSet.of(ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS);
        };
    methods.add(ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH);
    return methods;
  }

  /**
   * The method to use for a block of {@code txCount} transactions among those still {@code
   * available}. Alchemy and QuickNode bill per call, so there a whole-block method pays only for
   * blocks with enough transactions (op-node's thresholds); elsewhere the enum order decides.
   */
  ReceiptsMethod pick(Set<ReceiptsMethod> available, int txCount) {
    if (this == ALCHEMY) {
      if (available.contains(ReceiptsMethod.ALCHEMY_GET_TRANSACTION_RECEIPTS)
          && txCount > 250 / 15) {
        return ReceiptsMethod.ALCHEMY_GET_TRANSACTION_RECEIPTS;
      }
      if (available.contains(ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS) && txCount > 500 / 15) {
        return ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS;
      }
      return ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH;
    }
    if (this == QUICKNODE) {
      if (available.contains(ReceiptsMethod.DEBUG_GET_RAW_RECEIPTS)) {
        return ReceiptsMethod.DEBUG_GET_RAW_RECEIPTS;
      }
      if (available.contains(ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS) && txCount > 59 / 2) {
        return ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS;
      }
      return ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH;
    }
    for (ReceiptsMethod method : ReceiptsMethod.values()) {
      if (available.contains(method)) {
        return method;
      }
    }
    return ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH;
  }
}
