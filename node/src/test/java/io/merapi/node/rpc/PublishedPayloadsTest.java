package io.merapi.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.node.gossip.UnsafePayloadPublisher;
import io.merapi.node.safedb.SafeDb;
import io.merapi.rpc.server.RpcServer;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sequencer's publisher reaches another node's {@code admin_postUnsafePayload}. */
class PublishedPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void blocksArriveInOrderAndADeadPeerDoesNotStopTheOthers() throws Exception {
    RollupConfig config;
    try (InputStream in = RollupRpcTest.class.getResourceAsStream("rollup.json")) {
      config = RollupConfig.fromJson(JSON.readTree(in));
    }
    TestNodeControl node = new TestNodeControl(RollupRpcTest.STATUS);
    ExecutionPayloadEnvelope envelope =
        ExecutionPayloadEnvelope.fromJson(JSON.readTree(AdminPayloadJsonTest.ecotoneEnvelope()));
    try (RpcServer server =
            new RollupRpc(config, "v", node, new TestL2Client(), SafeDb.disabled(), true)
                .start(RollupRpc.serverConfig("127.0.0.1", 0), Optional.empty());
        UnsafePayloadPublisher publisher =
            new UnsafePayloadPublisher(
                List.of(URI.create("http://127.0.0.1:1/"), server.httpUri()))) {
      publisher.accept(envelope);
      publisher.accept(envelope);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (node.posted.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(node.posted).containsExactly(envelope, envelope);
  }
}
