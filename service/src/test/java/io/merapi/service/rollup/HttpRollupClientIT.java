package io.merapi.service.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.config.RollupConfig;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link HttpRollupClient} against a real JSON-RPC server answering as op-node does. */
class HttpRollupClientIT {
  private static final RetryPolicy QUICK =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1));

  @Test
  void readsSyncStatusOutputsAndTheRollupConfig() throws Exception {
    JsonNode config;
    try (InputStream in = HttpRollupClientIT.class.getResourceAsStream("rollup.json")) {
      config = RpcJson.mapper().readTree(in);
    }
    JsonNode status = RpcJson.mapper().readTree(RollupJsonSamples.SYNC_STATUS);
    JsonNode output = RpcJson.mapper().readTree(RollupJsonSamples.OUTPUT);
    AtomicLong askedBlock = new AtomicLong(-1);
    RpcMethods methods = new RpcMethods();
    methods.inline("optimism_syncStatus", 0, 0, p -> status);
    methods.inline("optimism_rollupConfig", 0, 0, p -> config);
    methods.inline(
        "optimism_outputAtBlock",
        1,
        1,
        p -> {
          askedBlock.set(p.quantity(0));
          if (p.quantity(0) > 1000) {
            throw RpcError.server("failed to get L2 block ref with sync status: not found")
                .exception();
          }
          return output;
        });
    try (RpcServer server =
            RpcServer.builder(RpcServerConfig.httpDefaults().withHost("127.0.0.1").withPort(0))
                .methods(methods)
                .start();
        HttpRollupClient client =
            HttpRollupClient.create(server.httpUri(), Duration.ofSeconds(5))) {
      assertThat(client.syncStatus().safeL2().number()).isEqualTo(240);
      assertThat(client.outputAtBlock(240).outputRoot().toHex()).isEqualTo("0x" + "c1".repeat(32));
      assertThat(askedBlock).hasValue(240);
      RollupConfig rollup = client.rollupConfig();
      assertThat(rollup).isEqualTo(RollupConfig.fromJson(config));
      // An error answer is not retried and keeps the node's words.
      assertThatThrownBy(() -> client.outputAtBlock(5000))
          .isInstanceOf(RollupClientException.class)
          .hasMessageContaining("optimism_outputAtBlock failed: failed to get L2 block ref")
          .satisfies(e -> assertThat(((RollupClientException) e).temporary()).isFalse());
    }
  }

  @Test
  void anUnreachableNodeIsATemporaryFailureAfterTheRetries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (HttpRollupClient client =
        new HttpRollupClient(
            HttpRpcClient.create(
                URI.create("http://127.0.0.1:" + port),
                RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(2))),
            QUICK)) {
      assertThatThrownBy(client::syncStatus)
          .isInstanceOf(RollupClientException.class)
          .hasMessageStartingWith("optimism_syncStatus failed after 3 tries: ")
          .satisfies(e -> assertThat(((RollupClientException) e).temporary()).isTrue());
    }
  }

  @Test
  void answersThatAreNotOpNodesShapeAreSaidSo() throws Exception {
    RpcMethods methods = new RpcMethods();
    methods.inline("optimism_syncStatus", 0, 0, p -> List.of(1, 2));
    try (RpcServer server =
            RpcServer.builder(RpcServerConfig.httpDefaults().withHost("127.0.0.1").withPort(0))
                .methods(methods)
                .start();
        HttpRollupClient client =
            new HttpRollupClient(
                HttpRpcClient.create(server.httpUri(), RpcClientOptions.defaults()), QUICK)) {
      assertThatThrownBy(client::syncStatus)
          .hasMessageStartingWith("optimism_syncStatus answered what op-node does not serve:");
    }
  }
}
