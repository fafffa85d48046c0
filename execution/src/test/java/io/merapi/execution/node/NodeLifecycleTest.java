package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.rpc.server.RpcServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
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
  void anEmptyDatabaseWithoutGenesisIsRefused() {
    assertThatThrownBy(() -> ExecutionNode.start(config(0).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no chain");
    // Nothing was left open: the same directory opens again.
    assertThatThrownBy(() -> ExecutionNode.start(config(0).build()))
        .hasMessageContaining("holds no chain");
  }
}
