package io.merapi.faultproof.hint;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.preimage.Hint;
import java.util.Optional;

/**
 * The hint routes the host serves, by their wire names (spec fault-proof "Pre-image hinting
 * routes", op-program's client {@code l1/hints.go} and {@code l2/hints.go}). What each one stores
 * is described on {@link io.merapi.faultproof.host.Prefetcher}.
 */
public enum HintType {
  /** {@code <blockhash>}: the header RLP. */
  L1_BLOCK_HEADER("l1-block-header"),
  /** {@code <blockhash>}: the transaction trie's nodes. */
  L1_TRANSACTIONS("l1-transactions"),
  /** {@code <blockhash>}: the receipt trie's nodes. */
  L1_RECEIPTS("l1-receipts"),
  /** {@code <versioned hash ++ timestamp>} (40 bytes; kona's 48 with the index in between too). */
  L1_BLOB("l1-blob"),
  /** {@code <address ++ input>}: a precompile result (op-program's first form). */
  L1_PRECOMPILE("l1-precompile"),
  /** {@code <address ++ requiredGas ++ input>}: a precompile result. */
  L1_PRECOMPILE_V2("l1-precompile-v2"),
  /** {@code <blockhash> <chainID>?}: the header RLP and the transaction trie's nodes. */
  L2_BLOCK_HEADER("l2-block-header"),
  /** {@code <blockhash> <chainID>?}: the same as {@link #L2_BLOCK_HEADER}. */
  L2_TRANSACTIONS("l2-transactions"),
  /** {@code <codehash> <chainID>?}: a contract's code. */
  L2_CODE("l2-code"),
  /** {@code <nodehash> <chainID>?}: one state or storage trie node. */
  L2_STATE_NODE("l2-state-node"),
  /** {@code <outputroot> <chainID>?}: the agreed output root's 128-byte pre-image. */
  L2_OUTPUT("l2-output"),
  /**
   * {@code <block number (uint64 BE)> <address>} (kona's form): the state trie nodes on the path to
   * the account at that block ({@code eth_getProof}'s account proof), for reads outside any block's
   * witness, such as the message passer's storage root in the claimed output.
   */
  L2_ACCOUNT_PROOF("l2-account-proof"),
  /**
   * JSON {@code {parentBlockHash, payloadAttributes, chainID?}}: every node and code a block reads.
   */
  L2_PAYLOAD_WITNESS("l2-payload-witness");

  private final String wireName;

  HintType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The hint of this type with {@code data}. */
  public Hint with(Bytes data) {
    return new Hint(wireName, data);
  }

  /** The hint of this type for a hash. */
  public Hint with(Hash hash) {
    return new Hint(wireName, Bytes.wrap(hash.toArray()));
  }

  public static Optional<HintType> byWireName(String name) {
    for (HintType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
