package io.merapi.proposer.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.rpc.client.RpcClient;
import io.merapi.state.op.Predeploys;
import io.merapi.trie.InvalidProofException;
import io.merapi.trie.proof.AccountProof;
import io.merapi.trie.proof.StateProofs;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.rollup.OutputRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * The output root of an L2 block computed from an L2 execution engine's public JSON-RPC, without
 * the rollup node (specs proposals.md "L2 Output Commitment Construction", version 0): the header
 * from {@code eth_getBlockByNumber}, hashed here, gives the state root and block hash; {@code
 * eth_getProof} of the {@code L2ToL1MessagePasser}, checked against that state root, gives the
 * withdrawal storage root. The proposer compares the rollup node's answer with this one before it
 * signs anything, so a node that is wrong (or lies) cannot make it commit to a bad root.
 */
public final class EngineOutputs {
  private final RpcClient l2;

  public EngineOutputs(RpcClient l2) {
    this.l2 = l2;
  }

  /**
   * The output of L2 block {@code number} as the engine has it now.
   *
   * @throws BadEngineAnswerException if the engine has no such block or its answer does not hold
   *     together (a header whose hash is not the block hash it reports, a proof that does not match
   *     the state root)
   * @throws io.merapi.rpc.RpcException or {@link io.merapi.rpc.client.RpcTransportException} when
   *     the engine cannot be asked (temporary: the caller retries)
   */
  public OutputRoot outputAt(long number) {
    JsonNode json = l2.call("eth_getBlockByNumber", Hex.quantity(number), false);
    if (json == null || json.isNull()) {
      throw new BadEngineAnswerException("the L2 engine has no block " + number);
    }
    Header header;
    try {
      header = Json.mapper().treeToValue(json, Header.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new BadEngineAnswerException(
          "the L2 engine's block " + number + " is not a valid header: " + e.getMessage());
    }
    Hash hash = header.hash();
    if (header.number() != number) {
      throw new BadEngineAnswerException(
          "the L2 engine answered block " + header.number() + " when asked for " + number);
    }
    JsonNode reported = json.get("hash");
    if (reported == null || !reported.isTextual() || !hash.toHex().equals(reported.asText())) {
      throw new BadEngineAnswerException(
          "the L2 engine's block "
              + number
              + " reports hash "
              + reported
              + " but its header hashes to "
              + hash);
    }
    Address passer = Predeploys.L2_TO_L1_MESSAGE_PASSER;
    AccountProof proof =
        readProof(l2.call("eth_getProof", passer.toHex(), List.of(), hash.toHex()));
    if (!proof.address().equals(passer)) {
      throw new BadEngineAnswerException(
          "the L2 engine proved account " + proof.address() + " when asked for " + passer);
    }
    try {
      StateProofs.verify(header.stateRoot(), proof);
    } catch (InvalidProofException e) {
      throw new BadEngineAnswerException(
          "the L2 engine's proof of the L2ToL1MessagePasser at block "
              + number
              + " does not match the block's state root: "
              + e.getMessage());
    }
    return new OutputRoot(header.stateRoot(), proof.storageHash(), hash);
  }

  /** An {@code eth_getProof} answer asked for no slots (EIP-1186 field names). */
  static AccountProof readProof(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new BadEngineAnswerException("the L2 engine's eth_getProof answer is not an object");
    }
    try {
      List<Bytes> nodes = new ArrayList<>();
      JsonNode list = json.get("accountProof");
      if (list == null || !list.isArray()) {
        throw new IllegalArgumentException("field 'accountProof' must be an array");
      }
      for (JsonNode node : list) {
        nodes.add(Bytes.fromHex(node.asText()));
      }
      return new AccountProof(
          Address.fromHex(text(json, "address")),
          nodes,
          UInt256.fromQuantity(text(json, "balance")),
          Hash.fromHex(text(json, "codeHash")),
          Hex.parseQuantity(text(json, "nonce")),
          Hash.fromHex(text(json, "storageHash")),
          List.of());
    } catch (IllegalArgumentException e) {
      throw new BadEngineAnswerException(
          "the L2 engine's eth_getProof answer is malformed: " + e.getMessage());
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a hex string");
    }
    return value.asText();
  }
}
