package io.merapi.node.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code eth_getBlockBy*} answer and checks it as op-node does when it does not trust the
 * RPC: the header must hash to the block hash the node reported, each full transaction object must
 * hash to its {@code hash}, and the transactions must have the header's transactions root. A failed
 * check is an {@link L1DataException}: the node sent data no block on the chain has.
 */
final class L1BlockJson {
  private L1BlockJson() {}

  /** A block's header, with the hash the node reported for it. */
  record HeaderWithHash(Header header, Hash hash) {
    L1BlockRef ref() {
      return new L1BlockRef(hash, header.number(), header.parentHash(), header.timestamp());
    }
  }

  /**
   * The header of {@code block}. With {@code trustRpc} the reported hash is kept as it is (so a
   * header with fields this code does not know still works); otherwise it must equal the hash of
   * the header as read.
   */
  static HeaderWithHash header(JsonNode block, boolean trustRpc) {
    if (!block.isObject()) {
      throw new L1DataException("the block is not a JSON object");
    }
    JsonNode reported = block.get("hash");
    if (reported == null || !reported.isTextual()) {
      throw new L1DataException("the block has no hash");
    }
    Hash hash;
    Header header;
    try {
      hash = Hash.fromHex(reported.textValue());
      ObjectNode fields = ((ObjectNode) block).deepCopy();
      // The hash is checked below, with a message that names both hashes.
      fields.remove("hash");
      fields.remove("transactions");
      header = Json.mapper().convertValue(fields, Header.class);
    } catch (IllegalArgumentException e) {
      throw new L1DataException("the block header is malformed: " + e.getMessage(), e);
    }
    if (!trustRpc) {
      Hash computed = header.hash();
      if (!computed.equals(hash)) {
        throw new L1DataException(
            "block "
                + header.number()
                + ": the header hashes to "
                + computed
                + " but the L1 node says its hash is "
                + hash);
      }
    }
    return new HeaderWithHash(header, hash);
  }

  /**
   * The transactions of a block read with full transaction objects; unless {@code trustRpc}, their
   * root must be the header's.
   */
  static List<Transaction> transactions(JsonNode block, HeaderWithHash header, boolean trustRpc) {
    JsonNode txs = block.get("transactions");
    if (txs == null || !txs.isArray()) {
      throw new L1DataException("block " + header.hash() + " has no transaction list");
    }
    List<Transaction> out = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      JsonNode tx = txs.get(i);
      if (!tx.isObject()) {
        throw new L1DataException(
            "block " + header.hash() + " transaction " + i + " is not a full transaction object");
      }
      try {
        // Each object is checked against its "hash": the re-encoded transaction hashes to what
        // the node says, so every signed field was read exactly.
        out.add(Json.mapper().convertValue(tx, RpcTransaction.class).transaction());
      } catch (IllegalArgumentException e) {
        throw new L1DataException(
            "block " + header.hash() + " transaction " + i + ": " + e.getMessage(), e);
      }
    }
    if (!trustRpc) {
      Hash root = OrderedListRoot.of(out.size(), i -> out.get(i).encoded());
      if (!root.equals(header.header().transactionsRoot())) {
        throw new L1DataException(
            "block "
                + header.hash()
                + ": its "
                + out.size()
                + " transactions have root "
                + root
                + " but the header says "
                + header.header().transactionsRoot());
      }
    }
    return List.copyOf(out);
  }

  /** The transaction hashes of a block, from hashes or full objects. */
  static List<Hash> transactionHashes(JsonNode block) {
    JsonNode txs = block.path("transactions");
    List<Hash> hashes = new ArrayList<>(txs.size());
    for (JsonNode tx : txs) {
      JsonNode hash = tx.isObject() ? tx.get("hash") : tx;
      if (hash == null || !hash.isTextual()) {
        throw new L1DataException("a transaction of the block has no hash");
      }
      hashes.add(Hash.fromHex(hash.textValue()));
    }
    return hashes;
  }
}
