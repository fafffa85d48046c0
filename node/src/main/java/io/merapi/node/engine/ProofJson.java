package io.merapi.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.trie.proof.AccountProof;
import java.util.List;

/**
 * Reads an {@code eth_getProof} answer (EIP-1186) asked for no storage slots: the account, its
 * proof and fields. The node needs only the account's {@code storageHash}, after checking the proof
 * against the block's state root.
 */
final class ProofJson {
  private ProofJson() {}

  /**
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  static AccountProof read(JsonNode json) {
    JsonReads.requireObject(json, "the proof");
    JsonNode slots = json.get("storageProof");
    if (slots != null && !slots.isNull() && (!slots.isArray() || !slots.isEmpty())) {
      throw new IllegalArgumentException(
          "field 'storageProof': must be an empty array, no slots were asked for");
    }
    return new AccountProof(
        JsonReads.address(json, "address"),
        JsonReads.dataList(json, "accountProof"),
        JsonReads.uint256(json, "balance"),
        JsonReads.hash(json, "codeHash"),
        JsonReads.quantity(json, "nonce"),
        JsonReads.hash(json, "storageHash"),
        List.of());
  }
}
