package io.merapi.explorer.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.derive.DerivationException;
import io.merapi.node.client.Retrier;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.rpc.client.TemporaryFailures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One JSON-RPC endpoint as the explorer calls it: temporary failures are retried briefly (a page
 * waits at most about a second for a restarting chain, then says it is unreachable), every outcome
 * updates the endpoint's {@link Reachability}, and an error the server answered is thrown as it is
 * for the caller to judge.
 */
public final class RpcEndpoint implements AutoCloseable {
  /** Short: a person is waiting for the page; the follower retries whole rounds itself. */
  public static final RetryPolicy PAGE_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(1));

  private final String name;
  private final URI uri;
  private final RpcClient rpc;
  private final Retrier retrier;
  private final Reachability reachability;

  public RpcEndpoint(String name, URI uri, RpcClient rpc, RetryPolicy retry, Clock clock) {
    this.name = name;
    this.uri = uri;
    this.rpc = rpc;
    this.retrier = new Retrier(retry, Retrier.THREAD_SLEEP, TemporaryFailures::isTemporary);
    this.reachability = new Reachability(name + " (" + uri + ")", clock);
  }

  /** An endpoint over HTTP with its own I/O thread and a five-second timeout per call. */
  public static RpcEndpoint http(String name, URI uri, Clock clock) {
    return new RpcEndpoint(
        name,
        uri,
        HttpRpcClient.create(uri, RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(5))),
        PAGE_RETRIES,
        clock);
  }

  public String name() {
    return name;
  }

  public URI uri() {
    return uri;
  }

  public Reachability.State reachability() {
    return reachability.state();
  }

  /**
   * The result of {@code method} (a JSON {@code null} when the node has no such object).
   *
   * @throws SourceUnavailableException when the endpoint did not answer in the retries
   * @throws RpcException when it answered with an error
   */
  public JsonNode call(String method, Object... params) {
    List<Object> list = java.util.Arrays.asList(params);
    try {
      JsonNode result =
          retrier.retry(
              method + " on " + name, () -> RpcClient.await(rpc.requestList(method, list)));
      reachability.answered();
      return result;
    } catch (DerivationException.Temporary e) {
      reachability.failed(rootMessage(e));
      throw new SourceUnavailableException(name, rootMessage(e), e);
    } catch (RpcException e) {
      reachability.answered();
      throw e;
    } catch (RpcTransportException e) {
      // Not temporary: an answer that is not JSON-RPC (a wrong URL, a proxy's page).
      reachability.failed(e.getMessage());
      throw new SourceUnavailableException(name, e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }

  @Override
  public void close() {
    rpc.close();
  }
}
