package io.merapi.storage;

/**
 * The key spaces of the node's database, one RocksDB column family each, so that each is tuned,
 * compacted and iterated on its own and a key in one never collides with a key in another.
 */
public enum Column {
  /** Small named values: the head block, the genesis hash, the schema version. */
  METADATA("default"),
  /** Trie nodes by keccak-256 of their RLP (state, storage, transaction and receipt tries). */
  TRIE_NODES("trie-nodes"),
  /** Contract code by its keccak-256. */
  CODE("code"),
  /** The flat state for reads: account RLP by keccak(address). */
  ACCOUNTS("accounts"),
  /** The flat state for reads: slot values by keccak(address) ++ keccak(slot). */
  STORAGE("storage"),
  /** Block headers by number ++ hash. */
  HEADERS("headers"),
  /** Block bodies (transactions, ommers, withdrawals) by number ++ hash. */
  BODIES("bodies"),
  /** Block receipts by number ++ hash. */
  RECEIPTS("receipts"),
  /** The canonical chain: block hash by number. */
  CANONICAL("canonical"),
  /** Where a transaction is: block number and index by transaction hash. */
  TX_LOOKUP("tx-lookup"),
  /** Block numbers by block hash, to find a header, body or receipts from a hash alone. */
  HEADER_NUMBERS("header-numbers"),
  /**
   * Per block, by number ++ hash: the flat-state entries the block changed, with their values
   * before and after, so the flat view can be moved back and forth across a reorg.
   */
  STATE_DIFFS("state-diffs"),
  /**
   * The log-search index (geth's bloombits): per section of canonical blocks and per bloom bit,
   * which blocks of the section have that bit set, so a log query reads one vector per bit instead
   * of every header.
   */
  BLOOM_BITS("bloom-bits"),
  /**
   * The blob sidecars (blobs, KZG commitments and proofs) of the blob transactions of a block this
   * node built, by number ++ hash, kept so that the dev chain's beacon API can serve them. Last in
   * the list: a store written before it existed opens with the families in the same order.
   */
  BLOB_SIDECARS("blob-sidecars");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  /** The RocksDB column family; METADATA is RocksDB's default family, which always exists. */
  public String familyName() {
    return familyName;
  }
}
