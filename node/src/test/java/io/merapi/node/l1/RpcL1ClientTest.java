package io.merapi.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.node.client.BlockLabel;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RpcL1Client} against a real HTTP JSON-RPC server serving a constructed chain. */
class RpcL1ClientTest {
  private final L1TestChain chain = new L1TestChain(0, 3, 5, 1);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private JsonRpcTestServer serve(JsonRpcTestServer.Handler handler) throws Exception {
    JsonRpcTestServer server = new JsonRpcTestServer(handler);
    open.add(server);
    return server;
  }

  private RpcL1Client client(URI uri, L1ClientConfig config) {
    RpcL1Client client =
        new RpcL1Client(
            HttpRpcClient.create(
                uri, RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(5))),
            config,
            registry,
            sleeps::add);
    open.add(client);
    return client;
  }

  private static L1ClientConfig config() {
    return L1ClientConfig.defaults()
        .withRetry(
            new RetryPolicy(
                4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(1)));
  }

  @Test
  void readsRefsHeadersTransactionsAndReceiptsAndCachesThemByHash() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    RpcL1Client client = client(server.uri(), config());
    L1TestChain.TestBlock block = chain.blocks.get(2);

    L1BlockRef ref = client.blockRefByNumber(2).orElseThrow();
    assertThat(ref)
        .isEqualTo(
            new L1BlockRef(
                block.hash(),
                2,
                block.block().header().parentHash(),
                block.block().header().timestamp()));
    assertThat(client.headerByHash(block.hash())).isEqualTo(block.block().header());
    assertThat(client.headerByHash(block.hash()).hash()).isEqualTo(block.hash());
    assertThat(client.blockRefByHash(block.hash())).isEqualTo(ref);
    assertThat(client.transactionsByHash(block.hash())).isEqualTo(block.block().transactions());
    assertThat(client.receiptsByHash(block.hash())).isEqualTo(block.receipts());
    // The standard kind reads receipts with one eth_getBlockReceipts; the header came from the
    // cache, filled by the lookup by number.
    assertThat(server.methods())
        .containsExactly("eth_getBlockByNumber", "eth_getBlockByHash", "eth_getBlockReceipts");

    int before = server.requests.size();
    client.blockRefByHash(block.hash());
    client.headerByHash(block.hash());
    client.transactionsByHash(block.hash());
    client.receiptsByHash(block.hash());
    assertThat(server.requests).hasSize(before);
    assertThat(
            registry
                .get(L1SourceMetrics.CACHE + "_get")
                .tags("type", "receipts", "hit", "true")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(L1SourceMetrics.RPC_REQUESTS)
                .tags("method", "eth_getBlockReceipts")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void anEmptyBlockHasNoReceiptsToFetch() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    RpcL1Client client = client(server.uri(), config());
    Hash genesis = chain.blocks.get(0).hash();
    assertThat(client.receiptsByHash(genesis)).isEmpty();
    assertThat(client.transactionsByHash(genesis)).isEmpty();
    assertThat(server.methods()).doesNotContain("eth_getBlockReceipts");
  }

  @Test
  void basicKindFetchesReceiptsPerTransactionInBatches() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    RpcL1Client client =
        client(server.uri(), config().withRpcKind(RpcKind.BASIC).withMaxBatchSize(2));
    L1TestChain.TestBlock block = chain.blocks.get(2);
    assertThat(client.receiptsByHash(block.hash())).isEqualTo(block.receipts());
    List<List<String>> batches =
        server.requests.stream().filter(r -> r.contains("eth_getTransactionReceipt")).toList();
    assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
  }

  @Test
  void debugGethKindReadsRawReceipts() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    RpcL1Client client = client(server.uri(), config().withRpcKind(RpcKind.DEBUG_GETH));
    L1TestChain.TestBlock block = chain.blocks.get(1);
    assertThat(client.receiptsByHash(block.hash())).isEqualTo(block.receipts());
    assertThat(server.methods()).contains("debug_getRawReceipts");
  }

  @Test
  void aRefusedReceiptsMethodIsDroppedForTheNextOne() throws Exception {
    JsonRpcTestServer server =
        serve(
            (method, params) -> {
              if (method.equals("eth_getBlockReceipts")) {
                throw new JsonRpcTestServer.Refusal(-32601, "the method does not exist");
              }
              return chain.answer(method, params);
            });
    RpcL1Client client = client(server.uri(), config().withRpcKind(RpcKind.ANY));
    L1TestChain.TestBlock block = chain.blocks.get(1);
    // "any" tries alchemy_, debug_, erigon_, eth_getBlockReceipts in turn (only debug_ is served).
    assertThat(client.receiptsByHash(block.hash())).isEqualTo(block.receipts());
    assertThat(client.receiptsMethods())
        .doesNotContain(ReceiptsMethod.ALCHEMY_GET_TRANSACTION_RECEIPTS)
        .contains(ReceiptsMethod.DEBUG_GET_RAW_RECEIPTS);

    RpcL1Client standard = client(server.uri(), config());
    L1TestChain.TestBlock other = chain.blocks.get(2);
    assertThat(standard.receiptsByHash(other.hash())).isEqualTo(other.receipts());
    assertThat(standard.receiptsMethods())
        .containsExactly(ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH);
  }

  @Test
  void aMissingBlockByNumberIsEmptyAndMissingLabelsAreEmpty() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    RpcL1Client client = client(server.uri(), config());
    assertThat(client.blockRefByNumber(99)).isEmpty();
    assertThat(client.blockRefByLabel(BlockLabel.SAFE)).isEmpty();
    assertThat(client.blockRefByLabel(BlockLabel.FINALIZED)).isEmpty();
    assertThat(client.blockRefByLabel(BlockLabel.LATEST).orElseThrow().hash())
        .isEqualTo(chain.blocks.get(3).hash());
    assertThatThrownBy(() -> client.blockRefByHash(Hash.fromHex("0x" + "ab".repeat(32))))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("has no block 0xabab");
  }

  @Test
  void aHeaderThatDoesNotHashToTheBlockHashIsRefusedUnlessTrusted() throws Exception {
    L1TestChain.TestBlock block = chain.blocks.get(1);
    JsonRpcTestServer server =
        serve(
            (method, params) -> {
              JsonNode answer = chain.answer(method, params);
              if (method.startsWith("eth_getBlockBy") && answer instanceof ObjectNode object) {
                object.put("gasUsed", "0x1"); // a field changed, the reported hash kept
              }
              return answer;
            });
    RpcL1Client client = client(server.uri(), config());
    assertThatThrownBy(() -> client.headerByHash(block.hash()))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("block 1: the header hashes to")
        .hasMessageContaining("but the L1 node says its hash is " + block.hash());
    assertThatThrownBy(() -> client.blockRefByNumber(1))
        .isInstanceOf(DerivationException.Temporary.class);
    // Not retried: the same node gives the same wrong answer.
    assertThat(sleeps).isEmpty();

    RpcL1Client trusting = client(server.uri(), config().withTrustRpc(true));
    assertThat(trusting.blockRefByHash(block.hash()).hash()).isEqualTo(block.hash());
  }

  @Test
  void transactionsThatDoNotMatchTheRootAreRefused() throws Exception {
    L1TestChain.TestBlock block = chain.blocks.get(2);
    JsonRpcTestServer server =
        serve(
            (method, params) -> {
              JsonNode answer = chain.answer(method, params);
              if (method.equals("eth_getBlockByHash") && params.get(1).asBoolean()) {
                ((ArrayNode) answer.get("transactions")).remove(4);
              }
              return answer;
            });
    RpcL1Client client = client(server.uri(), config());
    assertThatThrownBy(() -> client.transactionsByHash(block.hash()))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("its 4 transactions have root");
  }

  @Test
  void receiptsThatDoNotMatchTheRootAreRefused() throws Exception {
    L1TestChain.TestBlock block = chain.blocks.get(2);
    JsonRpcTestServer server =
        serve(
            (method, params) -> {
              JsonNode answer = chain.answer(method, params);
              if (method.equals("eth_getBlockReceipts")) {
                ((ObjectNode) answer.get(3)).put("status", "0x0"); // a failed tx reported
              }
              return answer;
            });
    RpcL1Client client = client(server.uri(), config().withTrustRpc(true));
    assertThatThrownBy(() -> client.receiptsByHash(block.hash()))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("receipts of L1 block 2")
        .hasMessageContaining("but the header says");
  }

  @Test
  void receiptsOfAnotherBlockAreRefused() throws Exception {
    L1TestChain.TestBlock block = chain.blocks.get(2);
    JsonRpcTestServer server =
        serve(
            (method, params) -> {
              if (method.equals("eth_getBlockReceipts")) {
                return chain.receiptsJson(chain.blocks.get(1));
              }
              return chain.answer(method, params);
            });
    RpcL1Client client = client(server.uri(), config());
    assertThatThrownBy(() -> client.receiptsByHash(block.hash()))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("got 3 receipts for 5 transactions");
  }

  @Test
  void aServerThatFailsThenRecoversIsRetriedWithBackoff() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    server.failNext.set(2);
    RpcL1Client client = client(server.uri(), config());
    assertThat(client.blockRefByNumber(3)).isPresent();
    assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(
            registry
                .get(L1SourceMetrics.RPC_ERRORS)
                .tags("method", "eth_getBlockByNumber", "kind", "http_status")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void aBlockNotYetAvailableIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JsonRpcTestServer server =
        serve(
            (method, params) -> {
              if (calls.getAndIncrement() == 0) {
                throw new JsonRpcTestServer.Refusal(-32000, "header not found");
              }
              return chain.answer(method, params);
            });
    RpcL1Client client = client(server.uri(), config());
    assertThat(client.headerByHash(chain.blocks.get(3).hash()).number()).isEqualTo(3);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void retriesStopAtTheBudgetWithAClearTemporaryError() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    server.failNext.set(100);
    RpcL1Client client = client(server.uri(), config());
    assertThatThrownBy(() -> client.blockRefByNumber(1))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("L1 block 1 by number failed after 4 tries")
        .hasMessageContaining("503");
    assertThat(server.requests).hasSize(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
  }

  @Test
  void aServerAnsweringWithAClientErrorIsNotRetried() throws Exception {
    JsonRpcTestServer server = serve(chain::answer);
    server.failStatus = 401;
    server.failNext.set(1);
    RpcL1Client client = client(server.uri(), config());
    assertThatThrownBy(() -> client.blockRefByNumber(1))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("401");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aNodeThatIsDownIsATemporaryFailure() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RpcL1Client client = client(URI.create("http://127.0.0.1:" + port + "/"), config());
    assertThatThrownBy(() -> client.blockRefByLabel(BlockLabel.LATEST))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("L1 latest block failed after 4 tries");
  }

  @Test
  void rpcKindsParseAsOpNodeSpellsThem() {
    assertThat(RpcKind.fromFlag("debug_geth")).isEqualTo(RpcKind.DEBUG_GETH);
    assertThat(RpcKind.BASIC.receiptsMethods())
        .containsExactly(ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH);
    assertThat(RpcKind.STANDARD.pick(RpcKind.STANDARD.receiptsMethods(), 1))
        .isEqualTo(ReceiptsMethod.ETH_GET_BLOCK_RECEIPTS);
    // Alchemy bills per call: few transactions are cheaper one by one.
    assertThat(RpcKind.ALCHEMY.pick(RpcKind.ALCHEMY.receiptsMethods(), 3))
        .isEqualTo(ReceiptsMethod.ETH_GET_TRANSACTION_RECEIPT_BATCH);
    assertThat(RpcKind.ALCHEMY.pick(RpcKind.ALCHEMY.receiptsMethods(), 100))
        .isEqualTo(ReceiptsMethod.ALCHEMY_GET_TRANSACTION_RECEIPTS);
    assertThatThrownBy(() -> RpcKind.fromFlag("geth"))
        .hasMessageContaining("unknown L1 RPC kind 'geth'")
        .hasMessageContaining("basic");
  }
}
