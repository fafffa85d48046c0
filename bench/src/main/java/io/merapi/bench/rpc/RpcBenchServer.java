package io.merapi.bench.rpc;

import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC server with the trivial methods the peer benchmark loads ({@code eth_blockNumber},
 * {@code eth_chainId}), for measuring the server's own overhead with autocannon against hardhat
 * node. See {@code bench/rpc-http.sh}.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.merapi.bench.rpc.RpcBenchServer [port]
 * [eventLoops]}
 */
public final class RpcBenchServer {
  private RpcBenchServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18645;
    RpcServerConfig config = RpcServerConfig.httpDefaults().withPort(port);
    if (args.length > 1) {
      config = config.withThreads(Integer.parseInt(args[1]), config.workerThreads());
    }
    AtomicLong head = new AtomicLong(0x1234);
    long chainId = 31337;
    RpcMethods methods =
        new RpcMethods()
            .inline("eth_blockNumber", 0, 0, p -> Hex.quantity(head.get()))
            .inline("eth_chainId", 0, 0, p -> Hex.quantity(chainId))
            // The same answer through the worker pool: what the hop off the event loop costs.
            .blocking("bench_blockNumberOnWorker", 0, 0, p -> Hex.quantity(head.get()));
    RpcServer server = RpcServer.builder(config).methods(methods).start();
    System.out.println(
        "serving " + server.httpUri() + " with " + config.eventLoops() + " event loop(s)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
