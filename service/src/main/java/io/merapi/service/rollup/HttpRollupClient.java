package io.merapi.service.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.TemporaryFailures;
import io.merapi.types.config.RollupConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RollupClient} over the rollup node's HTTP JSON-RPC ({@code --rollup-rpc}). */
public final class HttpRollupClient implements RollupClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRollupClient.class);

  private final RpcClient rpc;
  private final RetryPolicy retry;

  public HttpRollupClient(RpcClient rpc, RetryPolicy retry) {
    this.rpc = rpc;
    this.retry = retry;
  }

  /** A client of {@code url} with {@code timeout} per call and the default retries. */
  public static HttpRollupClient create(URI url, Duration timeout) {
    return new HttpRollupClient(
        HttpRpcClient.create(url, RpcClientOptions.defaults().withTimeout(timeout)),
        RetryPolicy.defaults());
  }

  @Override
  public SyncStatus syncStatus() {
    return call("optimism_syncStatus", List.of(), RollupJsonReader::syncStatus);
  }

  @Override
  public OutputResponse outputAtBlock(long blockNumber) {
    return call(
        "optimism_outputAtBlock",
        List.of(Hex.quantity(blockNumber)),
        RollupJsonReader::outputResponse);
  }

  @Override
  public RollupConfig rollupConfig() {
    return call("optimism_rollupConfig", List.of(), RollupConfig::fromJson);
  }

  private <T> T call(String method, List<?> params, Function<JsonNode, T> reader) {
    long waited = 0;
    for (int attempt = 1; ; attempt++) {
      JsonNode answer;
      try {
        answer = RpcClient.await(rpc.requestList(method, params));
      } catch (RuntimeException e) {
        boolean temporary = TemporaryFailures.isTemporary(e);
        Duration delay = retry.delayAfter(attempt);
        if (!temporary
            || attempt >= retry.maxAttempts()
            || waited + delay.toMillis() > retry.budget().toMillis()) {
          throw new RollupClientException(
              method
                  + " failed"
                  + (temporary ? " after " + attempt + " tries" : "")
                  + ": "
                  + describe(e),
              temporary,
              e);
        }
        waited += delay.toMillis();
        LOG.debug("{} failed (try {}), retrying in {} ms: {}", method, attempt, delay, describe(e));
        sleep(method, delay);
        continue;
      }
      try {
        return reader.apply(answer);
      } catch (RuntimeException e) {
        throw new RollupClientException(
            method + " answered what op-node does not serve: " + e.getMessage(), false, e);
      }
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof RpcException rpc
        ? rpc.error().message() + " (code " + rpc.code() + ")"
        : e.getMessage();
  }

  private static void sleep(String method, Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RollupClientException(method + " interrupted", true, e);
    }
  }

  @Override
  public void close() {
    rpc.close();
  }
}
