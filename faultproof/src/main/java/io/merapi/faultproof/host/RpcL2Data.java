package io.merapi.faultproof.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.node.client.Retrier;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.TemporaryFailures;
import io.merapi.state.op.Predeploys;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.rollup.OutputRoot;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L2 execution node over JSON-RPC, with the methods op-geth serves to op-program's host: raw
 * blocks and headers ({@code debug_getRawBlock}, {@code debug_getRawHeader}), trie nodes and code
 * from its database ({@code debug_dbGet}, code under geth's {@code 'c'} prefix first), the message
 * passer's storage root ({@code eth_getProof}), and execution witnesses ({@code
 * debug_executePayload} for a payload, else {@code debug_executionWitness} of the canonical block
 * built from the same parent at the same time). Temporary failures are retried with backoff.
 */
public final class RpcL2Data implements L2Data {
  private static final Logger LOG = LoggerFactory.getLogger(RpcL2Data.class);
  private static final int METHOD_NOT_FOUND = -32601;

  private final RpcClient rpc;
  private final Retrier retrier;
  private volatile boolean executePayloadServed = true;

  public RpcL2Data(RpcClient rpc, RetryPolicy retry) {
    this.rpc = rpc;
    this.retrier = new Retrier(retry, Retrier.THREAD_SLEEP, TemporaryFailures::isTemporary);
  }

  @Override
  public Block block(Hash hash) {
    return Block.decode(bytes("L2 block " + hash, "debug_getRawBlock", hash.toHex()));
  }

  @Override
  public byte[] stateNode(Hash hash) {
    return bytes("L2 trie node " + hash, "debug_dbGet", hash.toHex());
  }

  @Override
  public byte[] code(Hash codeHash) {
    try {
      return bytes("L2 code " + codeHash, "debug_dbGet", "0x63" + codeHash.toHex().substring(2));
    } catch (RpcException e) {
      // Older geth databases keep code under the bare hash.
      return bytes("L2 code " + codeHash, "debug_dbGet", codeHash.toHex());
    }
  }

  @Override
  public OutputRoot outputAt(Hash blockHash) {
    Header header = header(blockHash);
    JsonNode proof =
        call(
            "message passer proof at " + blockHash,
            () ->
                rpc.call(
                    "eth_getProof",
                    Predeploys.L2_TO_L1_MESSAGE_PASSER.toHex(),
                    List.of(),
                    blockHash.toHex()));
    Hash storageRoot = Hash.fromHex(proof.path("storageHash").asText());
    return new OutputRoot(header.stateRoot(), storageRoot, blockHash);
  }

  @Override
  public List<Bytes> accountProof(long number, Address address) {
    JsonNode proof =
        call(
            "account proof of " + address + " at L2 block " + Long.toUnsignedString(number),
            () -> rpc.call("eth_getProof", address.toHex(), List.of(), Hex.quantity(number)));
    List<Bytes> nodes = new java.util.ArrayList<>();
    for (JsonNode node : proof.path("accountProof")) {
      nodes.add(Bytes.wrap(Hex.decode(node.asText())));
    }
    return nodes;
  }

  @Override
  public Optional<ExecutionWitness> payloadWitness(Hash parent, JsonNode attributes) {
    if (executePayloadServed) {
      try {
        JsonNode witness =
            call(
                "execution witness of a payload on " + parent,
                () -> rpc.call("debug_executePayload", parent.toHex(), attributes));
        return Optional.of(ExecutionWitness.fromJson(witness));
      } catch (RpcException e) {
        if (e.code() != METHOD_NOT_FOUND) {
          throw e;
        }
        LOG.info("L2 node has no debug_executePayload; using debug_executionWitness");
        executePayloadServed = false;
      }
    }
    Header parentHeader = header(parent);
    long number = parentHeader.number() + 1;
    JsonNode child =
        call(
            "L2 block " + number,
            () -> rpc.call("eth_getBlockByNumber", Hex.quantity(number), false));
    long timestamp = Hex.parseQuantity(attributes.path("timestamp").asText("0x0"));
    if (child.isNull()
        || !Hash.fromHex(child.path("parentHash").asText()).equals(parent)
        || Hex.parseQuantity(child.path("timestamp").asText()) != timestamp) {
      return Optional.empty();
    }
    JsonNode witness =
        call(
            "execution witness of L2 block " + number,
            () -> rpc.call("debug_executionWitness", Hex.quantity(number)));
    return Optional.of(ExecutionWitness.fromJson(witness));
  }

  private Header header(Hash hash) {
    return Header.decode(bytes("L2 header " + hash, "debug_getRawHeader", hash.toHex()));
  }

  private byte[] bytes(String what, String method, Object... params) {
    JsonNode result = call(what, () -> rpc.call(method, params));
    if (!result.isTextual()) {
      throw new IllegalStateException(what + ": " + method + " answered " + result);
    }
    return Hex.decode(result.asText());
  }

  private <T> T call(String what, Supplier<T> call) {
    return retrier.retry(what, call);
  }
}
