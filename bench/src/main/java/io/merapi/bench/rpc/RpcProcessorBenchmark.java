package io.merapi.bench.rpc;

import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.metrics.RpcMetrics;
import io.merapi.rpc.server.Reply;
import io.merapi.rpc.server.RpcProcessor;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.rpc.server.Transport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON-RPC work of one trivial call without the network: parse the body, dispatch an inline
 * method, record metrics, write the response. What the HTTP benchmark adds on top is Vert.x, Netty
 * and the kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RpcProcessorBenchmark {
  private static final byte[] SINGLE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] BATCH_OF_10 = batch(10);

  @Param({"false", "true"})
  public boolean metrics;

  private RpcProcessor processor;

  @Setup
  public void setUp() {
    RpcMethods methods =
        new RpcMethods()
            .inline("eth_blockNumber", 0, 0, p -> Hex.quantity(0x1234))
            .inline("eth_chainId", 0, 0, p -> Hex.quantity(31337));
    RpcMetrics recorder =
        metrics
            ? RpcMetrics.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "bench")
            : RpcMetrics.disabled();
    processor = new RpcProcessor(methods, RpcServerConfig.httpDefaults(), Runnable::run, recorder);
  }

  @Benchmark
  public Reply single() {
    return processor.handle(SINGLE, Transport.HTTP).join();
  }

  @Benchmark
  public Reply batchOf10() {
    return processor.handle(BATCH_OF_10, Transport.HTTP).join();
  }

  private static byte[] batch(int size) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i)
          .append(",\"method\":\"eth_chainId\",\"params\":[]}");
    }
    return text.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
