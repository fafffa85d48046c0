package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer with no chain to read (every endpoint refuses connections): it starts, and every
 * page says which endpoint is unreachable instead of failing; pages that need no chain still work.
 */
class ExplorerUnreachableIT {
  @TempDir Path tmp;

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void pagesSayWhichEndpointIsUnreachable() throws Exception {
    URI l1 = closedPort();
    URI l2 = closedPort();
    URI node = closedPort();
    try (Explorer explorer =
        Explorer.start(ExplorerConfig.of(l1, l2, node, tmp.resolve("explorer")).withPort(0))) {
      HttpResponse<String> home = get(explorer.uri(), "/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body())
          .contains("rollup node (" + node + ") is unreachable")
          .contains("The rollup node is unreachable: no heads to show.")
          .contains("Not indexed yet.");

      HttpResponse<String> block = get(explorer.uri(), "/l2/block/5");
      assertThat(block.statusCode()).isEqualTo(503);
      assertThat(block.body())
          .contains("Chain unreachable")
          .contains("L2 JSON-RPC (" + l2 + ") is unreachable")
          .contains("Back to the home page")
          .endsWith("</html>");

      HttpResponse<String> tx = get(explorer.uri(), "/l1/tx/0x" + "00".repeat(31) + "01");
      assertThat(tx.statusCode()).isEqualTo(503);
      assertThat(tx.body()).contains("L1 JSON-RPC (" + l1 + ") is unreachable");

      assertThat(get(explorer.uri(), "/search?q=hello").statusCode()).isEqualTo(400);
      assertThat(get(explorer.uri(), "/search?q=12").headers().firstValue("Location"))
          .contains("/l2/block/12");
    }
  }

  /** A loopback port that was free a moment ago: nothing listens there. */
  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
