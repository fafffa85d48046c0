package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.explorer.PageClient.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer with no chain to read (every endpoint refuses connections): it starts, and every
 * page says which endpoint is unreachable instead of failing; pages that need no chain still work.
 */
class ExplorerUnreachableIT {
  @TempDir Path tmp;

  private final PageClient pages = new PageClient();

  @Test
  void pagesSayWhichEndpointIsUnreachable() throws Exception {
    URI l1 = closedPort();
    URI l2 = closedPort();
    URI node = closedPort();
    try (Explorer explorer =
        Explorer.start(ExplorerConfig.of(l1, l2, node, tmp.resolve("explorer")).withPort(0))) {
      Response home = pages.get(explorer.uri(), "/");
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.body())
          .contains("rollup node (" + node + ") is unreachable")
          .contains("The rollup node is unreachable: no heads to show.")
          .contains("Not indexed yet.");

      Response block = pages.get(explorer.uri(), "/l2/block/5");
      assertThat(block.status()).isEqualTo(503);
      assertThat(block.body())
          .contains("Chain unreachable")
          .contains("L2 JSON-RPC (" + l2 + ") is unreachable")
          .contains("Back to the home page")
          .endsWith("</html>");

      Response tx = pages.get(explorer.uri(), "/l1/tx/0x" + "00".repeat(31) + "01");
      assertThat(tx.status()).isEqualTo(503);
      assertThat(tx.body()).contains("L1 JSON-RPC (" + l1 + ") is unreachable");

      assertThat(pages.get(explorer.uri(), "/search?q=hello").status()).isEqualTo(400);
      assertThat(pages.get(explorer.uri(), "/search?q=12").location()).contains("/l2/block/12");
    }
  }

  /** A loopback port that was free a moment ago: nothing listens there. */
  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
