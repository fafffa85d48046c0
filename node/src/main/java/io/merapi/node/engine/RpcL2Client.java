package io.merapi.node.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.L2BlockInfo;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.client.LruCache;
import io.merapi.node.client.Retrier;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.state.op.Predeploys;
import io.merapi.trie.InvalidProofException;
import io.merapi.trie.proof.AccountProof;
import io.merapi.trie.proof.StateProofs;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.rollup.OutputRoot;
import io.merapi.types.transaction.Transaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L2 chain read from an engine's public JSON-RPC (op-node's {@code L2Client} over {@code
 * eth_getBlockByNumber/Hash} with full transactions, and {@code eth_getProof} for outputs).
 *
 * <p>A block's reference and system config come from its L1 info deposit ({@link L2BlockInfo}, as
 * op-node's {@code L2BlockToBlockRef} and {@code PayloadToSystemConfig}). Blocks are cached by
 * hash; lookups by number or label always ask the engine, since the canonical chain moves.
 *
 * <p>Failures: an engine that does not answer is tried again with backoff ({@link RetryPolicy}),
 * then reported as {@link DerivationException.Temporary}, as is an answer that does not parse or a
 * JSON-RPC error; a block hash the engine does not know is {@link DerivationException.Reset} (the
 * chain changed under the caller); a block that is not a valid rollup block (no L1 info deposit,
 * another genesis) or a proof that does not verify is {@link DerivationException.Critical}.
 */
public final class RpcL2Client implements L2Client {
  private static final Logger LOG = LoggerFactory.getLogger(RpcL2Client.class);

  /**
   * @param timeout how long one call may take
   * @param retry how often a call that got no answer is tried
   * @param cacheSize how many blocks (with their transactions) and output roots are kept by hash
   */
  public record Options(Duration timeout, RetryPolicy retry, int cacheSize) {
    public static final Options DEFAULT =
        new Options(
            Duration.ofSeconds(10),
            new RetryPolicy(
                5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3)),
            512);

    public Options {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(retry, "retry");
      if (cacheSize < 1) {
        throw new IllegalArgumentException("cacheSize must be positive");
      }
    }
  }

  /** A block as read, its hash computed once from its header. */
  private record L2Block(Block block, Hash hash) {
    Header header() {
      return block.header();
    }

    List<Transaction> transactions() {
      return block.transactions();
    }
  }

  private final URI endpoint;
  private final RollupConfig rollup;
  private final Options options;
  private final RpcClient rpc;
  private final LruCache<Hash, L2Block> blocks;
  private final LruCache<Hash, OutputRoot> outputs;
  private final LruCache<Hash, RollupConfig.SystemConfig> acceptedConfigs;
  private final Retrier retrier;

  /** A transport failure, described for the log, that the retrier tries again. */
  private static final class EngineUnreachable extends RuntimeException {
    EngineUnreachable(String message, RpcTransportException cause) {
      super(message, cause);
    }
  }

  public RpcL2Client(URI endpoint, RollupConfig rollup) {
    this(endpoint, rollup, Options.DEFAULT);
  }

  public RpcL2Client(URI endpoint, RollupConfig rollup, Options options) {
    this(endpoint, rollup, options, Optional.empty());
  }

  /**
   * A reader of the engine's authenticated endpoint ({@code --l2}, which serves {@code eth_*} next
   * to {@code engine_*}, as op-node reads it), signing each request with {@code secret}.
   */
  public RpcL2Client(URI endpoint, RollupConfig rollup, JwtSecret secret) {
    this(endpoint, rollup, Options.DEFAULT, Optional.of(secret));
  }

  private RpcL2Client(
      URI endpoint, RollupConfig rollup, Options options, Optional<JwtSecret> secret) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.rollup = Objects.requireNonNull(rollup, "rollup");
    this.options = Objects.requireNonNull(options, "options");
    RpcClientOptions rpcOptions = RpcClientOptions.defaults().withTimeout(options.timeout());
    this.rpc =
        HttpRpcClient.create(endpoint, secret.map(rpcOptions::withJwtSecret).orElse(rpcOptions));
    this.blocks = new LruCache<>("l2_blocks", options.cacheSize(), LruCache.Listener.NONE);
    this.outputs = new LruCache<>("l2_outputs", options.cacheSize(), LruCache.Listener.NONE);
    this.acceptedConfigs =
        new LruCache<>("l2_accepted_configs", options.cacheSize(), LruCache.Listener.NONE);
    this.retrier =
        new Retrier(options.retry(), Retrier.THREAD_SLEEP, e -> e instanceof EngineUnreachable);
  }

  // --- L2Source ---

  @Override
  public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
    return blockByNumber(number).map(this::ref);
  }

  @Override
  public L2BlockRef l2BlockRefByHash(Hash hash) {
    return ref(blockByHash(hash));
  }

  @Override
  public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
    Optional<RollupConfig.SystemConfig> accepted = acceptedConfigs.get(hash);
    if (accepted.isPresent()) {
      return accepted.get();
    }
    L2Block block = blockByHash(hash);
    try {
      return L2BlockInfo.systemConfig(rollup, block.header(), block.hash(), block.transactions());
    } catch (IllegalArgumentException e) {
      throw invalidBlock(block, e);
    }
  }

  @Override
  public Optional<List<Bytes>> transactionsByNumber(long number) {
    return blockByNumber(number)
        .map(b -> b.transactions().stream().map(tx -> Bytes.wrap(tx.encoded())).toList());
  }

  // --- L2Client ---

  /**
   * Read from the payload: the engine checked its block hash against its contents, so what it says
   * is what a read of the block would say. Saves reading back, per derived block, a block with all
   * its transactions (and their senders and receipts, which the engine computes for it).
   */
  @Override
  public L2BlockRef acceptedBlockRef(ExecutionPayloadEnvelope accepted) {
    ExecutionPayload payload = accepted.payload();
    try {
      L2BlockRef ref = L2BlockInfo.blockRef(rollup, payload);
      acceptedConfigs.put(payload.blockHash(), L2BlockInfo.systemConfig(rollup, payload));
      return ref;
    } catch (IllegalArgumentException e) {
      throw new DerivationException.Critical(
          "L2 block "
              + payload.blockNumber()
              + " "
              + payload.blockHash()
              + " accepted by the engine at "
              + endpoint
              + " has no valid L1 info: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Optional<L2BlockRef> blockRefByLabel(BlockLabel label) {
    String method = "eth_getBlockByNumber";
    JsonNode json;
    try {
      json = callRaw(method, label.tag(), true);
    } catch (RpcException e) {
      // geth and this project's engine: "safe block not found" before the first safe head.
      if (e.error().message().contains("not found")) {
        return Optional.empty();
      }
      throw rpcError(method, e);
    }
    return readBlock(method, json, Optional.empty(), Optional.empty()).map(this::ref);
  }

  @Override
  public Optional<ExecutionPayloadEnvelope> payloadByNumber(long number) {
    return blockByNumber(number).map(this::payload);
  }

  @Override
  public OutputRoot outputAt(Hash blockHash) {
    Optional<OutputRoot> cached = outputs.get(blockHash);
    if (cached.isPresent()) {
      return cached.get();
    }
    L2Block block = blockByHash(blockHash);
    String method = "eth_getProof";
    JsonNode json =
        call(method, Predeploys.L2_TO_L1_MESSAGE_PASSER.toHex(), List.of(), blockHash.toHex());
    AccountProof proof;
    try {
      proof = ProofJson.read(json);
    } catch (IllegalArgumentException e) {
      throw malformed(method, e);
    }
    if (!proof.address().equals(Predeploys.L2_TO_L1_MESSAGE_PASSER)) {
      throw malformed(
          method, new IllegalArgumentException("the proof is of account " + proof.address()));
    }
    try {
      StateProofs.verify(block.header().stateRoot(), proof);
    } catch (InvalidProofException e) {
      throw new DerivationException.Critical(
          "the engine at "
              + endpoint
              + " proved the L2ToL1MessagePasser storage of block "
              + blockHash
              + " with a proof that does not match the block's state root: "
              + e.getMessage(),
          e);
    }
    OutputRoot output = new OutputRoot(block.header().stateRoot(), proof.storageHash(), blockHash);
    outputs.put(blockHash, output);
    return output;
  }

  @Override
  public void close() {
    rpc.close();
  }

  @Override
  public String toString() {
    return "RpcL2Client[" + endpoint + "]";
  }

  // --- blocks ---

  private Optional<L2Block> blockByNumber(long number) {
    String method = "eth_getBlockByNumber";
    JsonNode json = call(method, Hex.quantity(number), true);
    Optional<L2Block> block = readBlock(method, json, Optional.of(number), Optional.empty());
    block.ifPresent(b -> blocks.put(b.hash(), b));
    return block;
  }

  private L2Block blockByHash(Hash hash) {
    Optional<L2Block> cached = blocks.get(hash);
    if (cached.isPresent()) {
      return cached.get();
    }
    String method = "eth_getBlockByHash";
    JsonNode json = call(method, hash.toHex(), true);
    L2Block block =
        readBlock(method, json, Optional.empty(), Optional.of(hash))
            .orElseThrow(
                () ->
                    new DerivationException.Reset(
                        "the engine at " + endpoint + " does not know L2 block " + hash));
    blocks.put(hash, block);
    return block;
  }

  /** A block from its JSON, checked to be the one asked for; empty for JSON null. */
  private Optional<L2Block> readBlock(
      String method, JsonNode json, Optional<Long> number, Optional<Hash> hash) {
    if (json == null || json.isNull()) {
      return Optional.empty();
    }
    Block whole;
    try {
      whole = Json.mapper().treeToValue(json, RpcBlock.class).toBlock();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw malformed(method, e);
    }
    Header header = whole.header();
    L2Block block = new L2Block(whole, header.hash());
    if (number.isPresent() && header.number() != number.get()) {
      throw malformed(
          method,
          new IllegalArgumentException(
              "asked for block " + number.get() + ", got block " + header.number()));
    }
    if (hash.isPresent() && !block.hash().equals(hash.get())) {
      throw malformed(
          method,
          new IllegalArgumentException("asked for block " + hash.get() + ", got " + block.hash()));
    }
    return Optional.of(block);
  }

  private L2BlockRef ref(L2Block block) {
    try {
      return L2BlockInfo.blockRef(rollup, block.header(), block.hash(), block.transactions());
    } catch (IllegalArgumentException e) {
      throw invalidBlock(block, e);
    }
  }

  /** The block as the Engine API carries it (op-node {@code PayloadByNumber}). */
  private ExecutionPayloadEnvelope payload(L2Block block) {
    if (rollup.isActive(OpFork.ISTHMUS, block.header().timestamp())) {
      // Isthmus payloads carry the withdrawals root, which ExecutionPayload does not model yet.
      throw new DerivationException.Critical(
          "L2 block "
              + block.header().number()
              + " is an Isthmus block: Isthmus payloads are not supported by this node yet");
    }
    return new ExecutionPayloadEnvelope(
        ExecutionPayload.of(block.block(), block.hash()), block.header().parentBeaconBlockRoot());
  }

  private DerivationException.Critical invalidBlock(L2Block block, IllegalArgumentException e) {
    return new DerivationException.Critical(
        "L2 block "
            + block.header().number()
            + " ("
            + block.hash()
            + ") from the engine at "
            + endpoint
            + " is not a block of this rollup: "
            + e.getMessage(),
        e);
  }

  // --- calls ---

  /** A call whose JSON-RPC errors are temporary failures too. */
  private JsonNode call(String method, Object... params) {
    try {
      return callRaw(method, params);
    } catch (RpcException e) {
      throw rpcError(method, e);
    }
  }

  /**
   * A call tried again with backoff while the engine does not answer; a JSON-RPC error is thrown as
   * it is.
   */
  private JsonNode callRaw(String method, Object... params) {
    return retrier.retry(
        "the L2 engine",
        () -> {
          try {
            return RpcClient.await(rpc.request(method, params));
          } catch (RpcTransportException e) {
            throw new EngineUnreachable(
                TransportErrors.describe(endpoint, method, options.timeout(), e), e);
          }
        });
  }

  private DerivationException.Temporary rpcError(String method, RpcException e) {
    return new DerivationException.Temporary(
        method
            + " to "
            + endpoint
            + " failed: the engine answered error "
            + e.code()
            + ": "
            + TransportErrors.describe(e.error()),
        e);
  }

  private DerivationException.Temporary malformed(String method, Exception e) {
    return new DerivationException.Temporary(
        method + " to " + endpoint + ": malformed answer: " + e.getMessage(), e);
  }
}
