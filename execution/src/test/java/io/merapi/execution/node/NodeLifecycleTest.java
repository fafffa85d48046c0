package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevBanner;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.rpc.jwt.Jwt;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.storage.RocksDbConfig;
import io.merapi.types.config.Genesis;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting on a datadir, serving metrics and the authenticated port, stopping and reopening. */
class NodeLifecycleTest {
  @TempDir Path datadir;

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(URI uri, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private ExecutionNodeConfig.Builder config(int httpPort) {
    return ExecutionNodeConfig.builder()
        .datadir(datadir)
        .http(
            Optional.of(
                RpcServerConfig.httpDefaults()
                    .withPort(httpPort)
                    .withModules(Set.of("eth", "net", "web3"))))
        .authRpc(
            Optional.of(
                RpcServerConfig.engineApi(io.merapi.rpc.jwt.JwtSecret.generate()).withPort(0)))
        .metrics(Optional.of(new ExecutionNodeConfig.MetricsEndpoint("127.0.0.1", 0)));
  }

  @Test
  void aNamedNodeNamesItsThreadsAfterItself() throws Exception {
    NodeFixture fixture = new NodeFixture(); // only for its genesis
    var genesis = fixture.genesis();
    fixture.close();
    try (ExecutionNode node =
        ExecutionNode.start(config(0).genesis(genesis).name("engine-a").build())) {
      assertThat(node.chain().head().number()).isZero();
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .contains("engine-a-bloom-bits-indexer")
          .doesNotContain("bloom-bits-indexer");
    }
  }

  @Test
  void servesStopsAndReopensTheSameDatabaseAndPort() throws Exception {
    NodeFixture fixture = new NodeFixture(); // only for its genesis
    var genesis = fixture.genesis();
    fixture.close();
    int port;
    try (ExecutionNode node = ExecutionNode.start(config(0).genesis(genesis).build())) {
      URI http = node.httpUri().orElseThrow();
      port = http.getPort();
      String metrics = get(node.metricsUri().orElseThrow()).body();
      assertThat(metrics).contains("chain_head_block");
      HttpResponse<String> call =
          post(http, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"}");
      assertThat(call.body()).contains("\"result\":\"0x0\"");
      assertThat(get(node.metricsUri().orElseThrow()).body()).contains("eth_blockNumber");
      // The Engine API port refuses calls without a token.
      HttpResponse<String> unauthenticated =
          post(
              node.authRpcUri().orElseThrow(),
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}");
      assertThat(unauthenticated.statusCode()).isEqualTo(401);
      assertThat(datadir.resolve("jwtsecret")).exists();
      // With a token, the Engine API answers there, and only there.
      String capabilities =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_exchangeCapabilities\","
              + "\"params\":[[\"engine_newPayloadV3\"]]}";
      String token = new Jwt(node.jwtSecret().orElseThrow()).mint();
      HttpResponse<String> engine =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(node.authRpcUri().orElseThrow())
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + token)
                      .POST(HttpRequest.BodyPublishers.ofString(capabilities))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(engine.body()).contains("engine_forkchoiceUpdatedV3");
      assertThat(post(http, capabilities).body()).contains("-32601");
      // The pool is behind eth_sendRawTransaction: a malformed transaction is refused by it.
      assertThat(
              post(
                      http,
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\","
                          + "\"params\":[\"0x02c0\"]}")
                  .body())
          .contains("\"error\"");
      // A namespace the HTTP server does not expose is not found there.
      assertThat(
              post(
                      http,
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"debug_getRawBlock\",\"params\":[\"0x0\"]}")
                  .body())
          .contains("-32601");
    }
    // The database lock and the port are free again; no genesis is needed the second time.
    try (ExecutionNode node = ExecutionNode.start(config(port).build())) {
      assertThat(node.httpUri().orElseThrow().getPort()).isEqualTo(port);
      assertThat(node.chain().genesis().hash()).isEqualTo(node.chain().head().hash());
    }
  }

  @Test
  void devModeSealsABlockForASentTransaction() throws Exception {
    ExecutionNodeConfig dev =
        config(0).inMemory().dev(Optional.of(new ExecutionNodeConfig.DevSettings(0))).build();
    try (ExecutionNode node = ExecutionNode.start(dev)) {
      assertThat(node.dev()).isPresent();
      assertThat(node.chain().config().chainId()).isEqualTo(DevGenesis.CHAIN_ID);
      Secp256k1.PrivateKey key = node.dev().get().accounts().keys().get(0);
      Transaction tx =
          new DynamicFeeTransaction(
                  DevGenesis.CHAIN_ID,
                  0,
                  UInt256.valueOf(1_000_000_000L),
                  UInt256.valueOf(10_000_000_000L),
                  21_000,
                  Optional.of(Address.fromHex("0x00000000000000000000000000000000000000bb")),
                  UInt256.valueOf(1234),
                  Bytes.EMPTY,
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(key);
      CountDownLatch sealed = new CountDownLatch(1);
      node.chain().addHeadListener(change -> sealed.countDown());
      String sent =
          post(
                  node.httpUri().orElseThrow(),
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\","
                      + "\"params\":[\""
                      + Hex.encode(tx.encoded())
                      + "\"]}")
              .body();
      assertThat(sent).contains(tx.hash().toHex());
      assertThat(sealed.await(30, TimeUnit.SECONDS)).as("a block sealed").isTrue();
      assertThat(node.chain().head().number()).isEqualTo(1);
      assertThat(
              node.chain()
                  .headState()
                  .account(Address.fromHex("0x00000000000000000000000000000000000000bb"))
                  .orElseThrow()
                  .balance())
          .isEqualTo(UInt256.valueOf(1234));
    }
  }

  @Test
  void anEmptyDatabaseWithoutGenesisIsRefused() {
    assertThatThrownBy(() -> ExecutionNode.start(config(0).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no chain");
    // Nothing was left open: the same directory opens again.
    assertThatThrownBy(() -> ExecutionNode.start(config(0).build()))
        .hasMessageContaining("holds no chain");
  }

  @Test
  void devModeReopensTheChainOnItsDatadirWithoutGenesisAndNamesItsChainId() {
    // Another state than the dev genesis's (the chain id alone is not in the block hash).
    Genesis l1 =
        DevGenesis.of(
            DevAccounts.defaults().addresses(), UInt256.valueOf(900), 900, DevGenesis.GAS_LIMIT);
    Hash genesisHash;
    try (ExecutionNode node = ExecutionNode.start(smallDev().genesis(l1).build())) {
      genesisHash = node.chain().genesis().hash();
    }
    // Without --genesis the dev chain on the datadir opens, not the 1337 dev genesis.
    try (ExecutionNode node = ExecutionNode.start(smallDev().build())) {
      assertThat(node.chain().genesis().hash()).isEqualTo(genesisHash);
      assertThat(node.chain().config().chainId()).isEqualTo(900);
      assertThat(String.join("\n", DevBanner.lines(node.dev().orElseThrow(), List.of())))
          .contains("Chain ID:        900");
    }
  }

  private ExecutionNodeConfig.Builder smallDev() {
    return config(0)
        .dev(Optional.of(new ExecutionNodeConfig.DevSettings(0)))
        .storage(RocksDbConfig.small());
  }

  @Test
  void theStorageSizeDefaultsToOneNodePerMachine() {
    assertThat(config(0).build().storage()).isEqualTo(RocksDbConfig.defaults());
  }

  @Test
  void anHttpServerThatSpeaksWebSocketIsTheWebSocketEndpointAlsoOnAFreePort() throws Exception {
    NodeFixture fixture = new NodeFixture(); // only for its genesis
    var genesis = fixture.genesis();
    fixture.close();
    ExecutionNodeConfig both =
        ExecutionNodeConfig.builder()
            .inMemory()
            .genesis(genesis)
            .http(
                Optional.of(
                    RpcServerConfig.httpDefaults()
                        .withPort(0)
                        .withTransports(true, true)
                        .withModules(Set.of("eth"))))
            .build();
    try (ExecutionNode node = ExecutionNode.start(both)) {
      URI ws = node.webSocketUri().orElseThrow();
      assertThat(ws.getPort()).isEqualTo(node.httpUri().orElseThrow().getPort());
      CompletableFuture<String> reply = new CompletableFuture<>();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  ws,
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket webSocket, CharSequence data, boolean last) {
                      reply.complete(data.toString());
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}", true);
      assertThat(reply.get(10, TimeUnit.SECONDS)).contains("\"result\"");
      socket.abort();
    }
  }
}
