package io.merapi.node.l1;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.client.LruCache;
import io.merapi.node.client.Retrier;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.BatchCall;
import io.merapi.rpc.client.BatchResult;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L1 chain read over JSON-RPC (op-node's {@code L1Client} on op-service's {@code EthClient}):
 * blocks by number, hash and label, their transactions and receipts, checked against the block
 * header unless {@code --l1.trustrpc}, kept by hash in bounded LRU caches, with temporary failures
 * retried under a {@link RetryPolicy}. Whatever still fails reaches the caller as {@link
 * DerivationException.Temporary}; the driver retries the step.
 *
 * <p>Safe for use from several threads. Closing closes the RPC client it was given.
 */
public final class RpcL1Client implements L1Client {
  private static final Logger LOG = LoggerFactory.getLogger(RpcL1Client.class);

  private final RpcClient rpc;
  private final L1ClientConfig config;
  private final L1SourceMetrics metrics;
  private final Retrier retrier;
  private final LruCache<Hash, L1BlockJson.HeaderWithHash> headers;
  private final LruCache<Hash, List<Transaction>> transactions;
  private final LruCache<Hash, List<Hash>> txHashes;
  private final LruCache<Hash, List<Receipt>> receipts;
  private final Set<ReceiptsMethod> receiptsMethods;

  public RpcL1Client(RpcClient rpc, L1ClientConfig config, MeterRegistry registry) {
    this(rpc, config, registry, Retrier.THREAD_SLEEP);
  }

  RpcL1Client(
      RpcClient rpc, L1ClientConfig config, MeterRegistry registry, Retrier.Sleeper sleeper) {
    this.rpc = rpc;
    this.config = config;
    this.metrics = new L1SourceMetrics(registry);
    this.retrier = new Retrier(config.retry(), sleeper, RpcFailures::isTemporary);
    this.headers = new LruCache<>("headers", config.blockCacheSize(), metrics);
    this.txHashes = new LruCache<>("tx_hashes", config.blockCacheSize(), metrics);
    this.transactions = new LruCache<>("transactions", config.bodyCacheSize(), metrics);
    this.receipts = new LruCache<>("receipts", config.bodyCacheSize(), metrics);
    this.receiptsMethods = EnumSet.copyOf(config.rpcKind().receiptsMethods());
  }

  /** A client for the L1 node at {@code uri} over HTTP. */
  public static RpcL1Client connect(
      URI uri, RpcClientOptions options, L1ClientConfig config, MeterRegistry registry) {
    return new RpcL1Client(HttpRpcClient.create(uri, options), config, registry);
  }

  @Override
  public Optional<L1BlockRef> blockRefByNumber(long number) {
    String what = "L1 block " + number + " by number";
    return fetch(
        what,
        () -> {
          JsonNode block = call("eth_getBlockByNumber", Hex.quantity(number), false);
          if (block.isNull()) {
            return Optional.empty();
          }
          L1BlockJson.HeaderWithHash header = remember(block);
          if (header.header().number() != number) {
            throw new L1DataException(
                "asked for block " + number + ", got block " + header.header().number());
          }
          return Optional.of(header.ref());
        });
  }

  @Override
  public L1BlockRef blockRefByHash(Hash hash) {
    return headerWithHash(hash).ref();
  }

  @Override
  public Header headerByHash(Hash hash) {
    return headerWithHash(hash).header();
  }

  @Override
  public Optional<L1BlockRef> blockRefByLabel(BlockLabel label) {
    return fetch(
        "L1 " + label.tag() + " block",
        () -> {
          JsonNode block;
          try {
            block = call("eth_getBlockByNumber", label.tag(), false);
          } catch (RpcException e) {
            if (RpcFailures.isMissingLabel(e)) {
              return Optional.empty();
            }
            throw e;
          }
          return block.isNull() ? Optional.empty() : Optional.of(remember(block).ref());
        });
  }

  @Override
  public List<Transaction> transactionsByHash(Hash hash) {
    Optional<List<Transaction>> cached = transactions.get(hash);
    if (cached.isPresent()) {
      return cached.get();
    }
    return fetch(
        "transactions of L1 block " + hash,
        () -> {
          JsonNode block = requireBlock(hash, call("eth_getBlockByHash", hash.toHex(), true));
          L1BlockJson.HeaderWithHash header = remember(block);
          List<Transaction> txs = L1BlockJson.transactions(block, header, config.trustRpc());
          transactions.put(hash, txs);
          return txs;
        });
  }

  @Override
  public List<Receipt> receiptsByHash(Hash hash) {
    Optional<List<Receipt>> cached = receipts.get(hash);
    if (cached.isPresent()) {
      return cached.get();
    }
    L1BlockJson.HeaderWithHash header = headerWithHash(hash);
    List<Hash> hashes =
        txHashes
            .get(hash)
            .orElseGet(
                () ->
                    fetch(
                        "transaction hashes of L1 block " + hash,
                        () -> {
                          remember(
                              requireBlock(hash, call("eth_getBlockByHash", hash.toHex(), false)));
                          return txHashes.get(hash).orElseThrow();
                        }));
    L1Receipts.Block block = new L1Receipts.Block(hash, header.header(), hashes);
    List<Receipt> result = fetchReceipts(block);
    receipts.put(hash, result);
    return result;
  }

  private List<Receipt> fetchReceipts(L1Receipts.Block block) {
    if (block.txHashes().isEmpty()) {
      return fetch(
          "receipts of L1 block " + block.hash(), () -> L1Receipts.fromJson(block, List.of()));
    }
    while (true) {
      ReceiptsMethod method;
      synchronized (receiptsMethods) {
        method = config.rpcKind().pick(receiptsMethods, block.txHashes().size());
      }
      String what = "receipts of L1 block " + block.hash() + " by " + method.rpcMethod();
      try {
        return fetch(what, () -> receiptsBy(method, block));
      } catch (DerivationException.Temporary e) {
        if (!(e.getCause() instanceof RpcException rpcError)
            || method == ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH
            || !RpcFailures.isUnsupportedMethod(rpcError.error())) {
          throw e;
        }
        synchronized (receiptsMethods) {
          receiptsMethods.remove(method);
          LOG.warn(
              "The L1 node refused {} ({}); fetching receipts with {} from now on"
                  + " (check --l1.rpckind, now {})",
              method.rpcMethod(),
              rpcError.getMessage(),
              receiptsMethods.stream()
                  .map(ReceiptsMethod::rpcMethod)
                  .collect(Collectors.joining(", ")),
              config.rpcKind().flag());
        }
      }
    }
  }

  private List<Receipt> receiptsBy(ReceiptsMethod method, L1Receipts.Block block) {
    String hash = block.hash().toHex();
    return switch (method) {
      case ETH_GET_TRANSACTION_RECEIPT_BATCH ->
          L1Receipts.fromJson(block, receiptsInBatches(block));
      case DEBUG_GET_RAW_RECEIPTS -> L1Receipts.fromRaw(block, call(method.rpcMethod(), hash));
      case ALCHEMY_GET_TRANSACTION_RECEIPTS ->
          L1Receipts.fromJson(
              block,
              elements(call(method.rpcMethod(), Map.of("blockHash", hash)).path("receipts")));
      case ETH_GET_BLOCK_RECEIPTS,
          PARITY_GET_BLOCK_RECEIPTS,
          ERIGON_GET_BLOCK_RECEIPTS_BY_BLOCK_HASH ->
          L1Receipts.fromJson(block, elements(call(method.rpcMethod(), hash)));
    };
  }

  /** {@code eth_getTransactionReceipt} for each transaction, {@code maxBatchSize} to a batch. */
  private List<JsonNode> receiptsInBatches(L1Receipts.Block block) {
    List<JsonNode> out = new ArrayList<>(block.txHashes().size());
    List<Hash> hashes = block.txHashes();
    for (int from = 0; from < hashes.size(); from += config.maxBatchSize()) {
      List<BatchCall> calls = new ArrayList<>();
      for (Hash tx : hashes.subList(from, Math.min(hashes.size(), from + config.maxBatchSize()))) {
        calls.add(BatchCall.of("eth_getTransactionReceipt", tx.toHex()));
      }
      out.addAll(batch(calls));
    }
    return out;
  }

  private static List<JsonNode> elements(JsonNode array) {
    if (!array.isArray()) {
      throw new L1DataException("the receipts are not a JSON array");
    }
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }

  private L1BlockJson.HeaderWithHash headerWithHash(Hash hash) {
    Optional<L1BlockJson.HeaderWithHash> cached = headers.get(hash);
    if (cached.isPresent()) {
      return cached.get();
    }
    return fetch(
        "L1 block " + hash + " by hash",
        () -> remember(requireBlock(hash, call("eth_getBlockByHash", hash.toHex(), false))));
  }

  private static JsonNode requireBlock(Hash hash, JsonNode block) {
    if (block.isNull()) {
      // Not retried here: the block may have been reorged out; the driver decides.
      throw new BlockNotFoundException("the L1 node has no block " + hash);
    }
    JsonNode reported = block.path("hash");
    if (!reported.isTextual() || !reported.textValue().equalsIgnoreCase(hash.toHex())) {
      throw new L1DataException("asked for block " + hash + ", got block " + reported.asText());
    }
    return block;
  }

  /** Reads and checks a block's header, and keeps it and its transaction hashes by hash. */
  private L1BlockJson.HeaderWithHash remember(JsonNode block) {
    L1BlockJson.HeaderWithHash header = L1BlockJson.header(block, config.trustRpc());
    headers.put(header.hash(), header);
    txHashes.put(header.hash(), L1BlockJson.transactionHashes(block));
    return header;
  }

  /**
   * Runs a fetch under the retry policy. Data that fails its checks is logged at error level here,
   * once, because it means the L1 node is wrong rather than slow.
   */
  private <T> T fetch(String what, Supplier<T> fetch) {
    try {
      return retrier.run(what, fetch);
    } catch (DerivationException.Temporary e) {
      if (e.getCause() instanceof L1DataException) {
        LOG.error("The L1 node sent bad data: {}", e.getMessage());
      }
      throw e;
    }
  }

  private JsonNode call(String method, Object... params) {
    metrics.request(method, 1);
    try {
      return RpcClient.await(rpc.request(method, params));
    } catch (RuntimeException e) {
      metrics.error(method, errorKind(e));
      throw e;
    }
  }

  /** The results of a batch in order; the first failed call fails the batch. */
  private List<JsonNode> batch(List<BatchCall> calls) {
    String method = calls.get(0).method();
    metrics.request(method, calls.size());
    List<BatchResult> results;
    try {
      results = RpcClient.await(rpc.batch(calls));
    } catch (RuntimeException e) {
      metrics.error(method, errorKind(e));
      throw e;
    }
    List<JsonNode> out = new ArrayList<>(results.size());
    for (BatchResult result : results) {
      switch (result) {
        case BatchResult.Success success -> out.add(success.result());
        case BatchResult.Failure failure -> {
          metrics.error(method, Integer.toString(failure.error().code()));
          throw new RpcException(failure.error());
        }
      }
    }
    return out;
  }

  private static String errorKind(RuntimeException e) {
    if (e instanceof RpcException rpc) {
      return Integer.toString(rpc.code());
    }
    if (e instanceof RpcTransportException transport) {
      return transport.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
    return "other";
  }

  /** For tests: how many receipt methods are still tried. */
  Set<ReceiptsMethod> receiptsMethods() {
    synchronized (receiptsMethods) {
      return EnumSet.copyOf(receiptsMethods);
    }
  }

  /** The node has no block with the hash asked for: reorged out, or not synced yet. */
  static final class BlockNotFoundException extends RuntimeException {
    BlockNotFoundException(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    rpc.close();
  }
}
