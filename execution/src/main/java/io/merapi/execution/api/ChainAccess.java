package io.merapi.execution.api;

import io.merapi.base.bytes.Hash;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.state.StateReader;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.receipt.Receipt;
import java.util.List;
import java.util.Optional;

/**
 * The chain as the JSON-RPC methods see it: block parameters resolved to stored blocks the way
 * geth's API backend does, and the state of a block for reads and calls.
 *
 * <p>{@code pending} means the head: this node keeps no pending block of its own (the block
 * builder's payloads are not published as one).
 */
public final class ChainAccess {
  private final Blockchain chain;
  private final NodeSource nodes;

  /** {@code nodes} serves the trie nodes of stored states (for proofs). */
  public ChainAccess(Blockchain chain, NodeSource nodes) {
    this.chain = chain;
    this.nodes = nodes;
  }

  public NodeSource nodes() {
    return nodes;
  }

  public Blockchain chain() {
    return chain;
  }

  public ChainHead head() {
    return chain.head();
  }

  /**
   * The block {@code param} names, or empty when there is none (a number past the head, an unknown
   * hash, a hash off the canonical chain when that is required).
   *
   * @throws RpcException for {@code safe} or {@code finalized} before the consensus client has
   *     named such a block (geth: "safe block not found")
   */
  public Optional<ChainHead> find(BlockParam param) {
    return switch (param) {
      case BlockParam.Named named ->
          switch (named.tag()) {
            case LATEST, PENDING -> Optional.of(chain.head());
            case EARLIEST -> Optional.of(chain.genesis());
            case SAFE ->
                Optional.of(chain.safe().orElseThrow(() -> serverError("safe block not found")));
            case FINALIZED ->
                Optional.of(
                    chain.finalized().orElseThrow(() -> serverError("finalized block not found")));
          };
      case BlockParam.Number number -> byNumber(number.number());
      case BlockParam.ByHash byHash -> {
        Optional<ChainHead> block = byHash(byHash.hash());
        if (block.isPresent() && byHash.requireCanonical() && !isCanonical(block.get())) {
          throw serverError("hash is not currently canonical");
        }
        yield block;
      }
    };
  }

  /**
   * The block {@code param} names, for methods that need one (state reads, calls).
   *
   * @throws RpcException "header not found" (-32000) as geth answers
   */
  public ChainHead require(BlockParam param) {
    return find(param)
        .orElseThrow(
            () ->
                serverError(
                    param instanceof BlockParam.ByHash
                        ? "header for hash not found"
                        : "header not found"));
  }

  public Optional<ChainHead> byNumber(long number) {
    ChainHead head = chain.head();
    if (number == head.number()) {
      return Optional.of(head);
    }
    if (number > head.number()) {
      return Optional.empty();
    }
    return chain.canonicalHash(number).flatMap(this::byHash);
  }

  public Optional<ChainHead> byHash(Hash hash) {
    return chain.header(hash).map(h -> new ChainHead(hash, h));
  }

  public boolean isCanonical(ChainHead block) {
    return chain.canonicalHash(block.number()).filter(block.hash()::equals).isPresent();
  }

  public Block block(ChainHead head) {
    BlockBody body =
        chain
            .body(head.hash())
            .orElseThrow(() -> serverError("block body of " + head.hash() + " not found"));
    return new Block(head.header(), body);
  }

  public List<Receipt> receipts(ChainHead head) {
    return chain
        .receipts(head.hash())
        .orElseThrow(() -> serverError("receipts of block " + head.hash() + " not found"));
  }

  /**
   * The state after {@code block}: the flat view when it is the head (one lookup per read), its
   * tries otherwise (fixed, whatever the head does meanwhile).
   */
  public StateReader state(ChainHead block) {
    if (block.hash().equals(chain.head().hash())) {
      return chain.headState();
    }
    return chain
        .stateAt(block.hash())
        .orElseThrow(() -> serverError("missing state of block " + block.hash()));
  }

  /** geth's plain errors (no code of their own) answer -32000. */
  public static RpcException serverError(String message) {
    return RpcError.server(message).exception();
  }
}
