package io.merapi.rpc.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.rpc.TestMethods;
import io.merapi.rpc.metrics.RpcMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Jazzer target for the JSON-RPC layer without sockets: any bytes, over HTTP or a WebSocket, get
 * either no answer or a well-formed JSON-RPC one, never an exception. Runs its seed inputs in every
 * build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class RpcProcessorFuzzTest {
  private static final RpcProcessor PROCESSOR =
      new RpcProcessor(
          TestMethods.create(),
          RpcServerConfig.httpDefaults()
              .withModules(Set.of("test", "eth"))
              .withLimits(
                  RpcLimits.defaults()
                      .withBatchLimits(16, 2048)
                      .withRequestTimeout(Duration.ofMillis(50))),
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread thread = new Thread(r, "fuzz-worker");
                thread.setDaemon(true);
                return thread;
              }),
          RpcMetrics.disabled());

  @FuzzTest(maxDuration = "60s")
  void anyBodyGetsAWellFormedAnswer(byte[] body) throws Exception {
    for (Transport transport :
        new Transport[] {
          Transport.HTTP,
          new Transport.WebSocket(
              new io.merapi.rpc.subscription.ConnectionSubscriptions(
                  new RpcProcessorTest.NullSink()))
        }) {
      Reply reply = PROCESSOR.handle(body, transport).get(10, TimeUnit.SECONDS);
      if (reply.body().isPresent()) {
        JsonRpcShape.assertWellFormed(new String(reply.body().get(), StandardCharsets.UTF_8));
      }
    }
  }
}
