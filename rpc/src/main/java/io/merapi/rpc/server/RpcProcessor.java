package io.merapi.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.RpcMethod;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.json.Message;
import io.merapi.rpc.json.RequestBody;
import io.merapi.rpc.json.RequestParser;
import io.merapi.rpc.json.ResponseEncoder;
import io.merapi.rpc.metrics.RpcMetrics;
import io.merapi.rpc.subscription.ServerSubscription;
import io.merapi.rpc.subscription.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 semantics, independent of the transport: turns a request body into the response
 * bytes, following geth's rpc package (handler.go): batches answered in order with notifications
 * left out, an empty batch and an oversize batch answered with one error, the response size of a
 * batch bounded, {@code *_subscribe} only where notifications can be delivered.
 *
 * <p>Inline methods run on the calling thread (the I/O thread); blocking methods on {@code worker};
 * asynchronous methods return their own futures. A batch runs its items one after the other, as
 * geth does.
 */
public final class RpcProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(RpcProcessor.class);
  private static final String SUBSCRIBE = "_subscribe";
  private static final String UNSUBSCRIBE = "_unsubscribe";
  private static final String MODULES = "rpc_modules";

  private final RpcMethods methods;
  private final RpcServerConfig config;
  private final Executor worker;
  private final RpcMetrics metrics;
  private final Map<String, Resolved> resolved = new java.util.concurrent.ConcurrentHashMap<>();

  public RpcProcessor(
      RpcMethods methods, RpcServerConfig config, Executor worker, RpcMetrics metrics) {
    this.methods = methods;
    this.config = config;
    this.worker = worker;
    this.metrics = metrics;
  }

  /** Answers one HTTP body or WebSocket message. The future never completes exceptionally. */
  public CompletableFuture<Reply> handle(byte[] body, Transport transport) {
    RequestBody parsed = RequestParser.parse(body);
    return switch (parsed) {
      case RequestBody.Unparseable u ->
          CompletableFuture.completedFuture(
              Reply.of(ResponseEncoder.error("null", RpcError.parseError())));
      case RequestBody.Single single -> {
        List<ServerSubscription<?>> opened = new ArrayList<>(0);
        yield answer(single.message(), transport, opened)
            .thenApply(bytes -> new Reply(Optional.ofNullable(bytes), opened));
      }
      case RequestBody.Batch batch -> batch(batch.messages(), transport);
    };
  }

  private CompletableFuture<Reply> batch(List<Message> messages, Transport transport) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedFuture(
          Reply.of(ResponseEncoder.error("null", RpcError.invalidRequest("empty batch"))));
    }
    if (messages.size() > config.limits().batchItemLimit()) {
      // One error for the whole batch, carrying the first call's id (geth does the same).
      String id =
          messages.stream()
              .filter(m -> m instanceof Message.Call)
              .map(m -> ((Message.Call) m).id())
              .findFirst()
              .orElse("null");
      return CompletableFuture.completedFuture(
          Reply.of(
              ResponseEncoder.batch(List.of(ResponseEncoder.error(id, RpcError.batchTooLarge())))));
    }
    return new BatchRun(messages, transport).start();
  }

  /** Runs the items of a batch in order, continuing on whichever thread finished the last one. */
  private final class BatchRun {
    private final List<Message> messages;
    private final Transport transport;
    private final List<byte[]> responses;
    private final List<ServerSubscription<?>> opened = new ArrayList<>(0);
    private final CompletableFuture<Reply> done = new CompletableFuture<>();
    private int next;
    private long responseBytes;
    private boolean tooLarge;

    BatchRun(List<Message> messages, Transport transport) {
      this.messages = messages;
      this.transport = transport;
      this.responses = new ArrayList<>(messages.size());
    }

    CompletableFuture<Reply> start() {
      advance();
      return done;
    }

    private void advance() {
      while (next < messages.size()) {
        Message message = messages.get(next++);
        if (tooLarge) {
          switch (message) {
            case Message.Call call ->
                responses.add(ResponseEncoder.error(call.id(), RpcError.responseTooLarge()));
            case Message.Invalid invalid ->
                responses.add(ResponseEncoder.error(invalid.id(), RpcError.responseTooLarge()));
            case Message.Notification n -> {}
          }
          continue;
        }
        CompletableFuture<byte[]> answer = answer(message, transport, opened);
        if (answer.isDone()) {
          accept(answer.join());
        } else {
          answer.thenAccept(
              bytes -> {
                accept(bytes);
                advance();
              });
          return;
        }
      }
      done.complete(
          new Reply(
              responses.isEmpty()
                  ? Optional.empty()
                  : Optional.of(ResponseEncoder.batch(responses)),
              opened));
    }

    private void accept(byte[] response) {
      if (response == null) {
        return;
      }
      responses.add(response);
      responseBytes += response.length;
      if (responseBytes > config.limits().batchResponseLimit()) {
        tooLarge = true;
      }
    }
  }

  /** The response bytes of one message, or null for a notification. Never fails. */
  private CompletableFuture<byte[]> answer(
      Message message, Transport transport, List<ServerSubscription<?>> opened) {
    return switch (message) {
      case Message.Invalid invalid ->
          CompletableFuture.completedFuture(
              ResponseEncoder.error(invalid.id(), RpcError.invalidRequest("invalid request")));
      case Message.Call call ->
          run(call.method(), call.params(), transport, opened)
              .handle((result, failure) -> encode(call, result, failure));
      case Message.Notification notification ->
          run(notification.method(), notification.params(), transport, opened)
              .handle(
                  (result, failure) -> {
                    if (failure != null) {
                      LOG.debug(
                          "Notification {} failed: {}", notification.method(), rpcError(failure));
                    }
                    return null;
                  });
    };
  }

  private static byte[] encode(Message.Call call, Object result, Throwable failure) {
    if (failure != null) {
      return ResponseEncoder.error(call.id(), rpcError(failure));
    }
    try {
      return ResponseEncoder.result(call.id(), result);
    } catch (Exception e) {
      LOG.error("Result of {} cannot be written as JSON", call.method(), e);
      return ResponseEncoder.error(call.id(), RpcError.internal("result cannot be encoded"));
    }
  }

  /**
   * What to answer for a failure: RPC errors as they are, timeouts -32002, anything else -32603.
   */
  static RpcError rpcError(Throwable failure) {
    Throwable cause = unwrap(failure);
    return switch (cause) {
      case RpcException rpc -> rpc.error();
      case TimeoutException timeout -> RpcError.timeout();
      default -> RpcError.internal("method handler crashed");
    };
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private CompletableFuture<Object> run(
      String method, JsonNode params, Transport transport, List<ServerSubscription<?>> opened) {
    try {
      if (method.endsWith(SUBSCRIBE)) {
        return CompletableFuture.completedFuture(subscribe(method, params, transport, opened));
      }
      if (method.endsWith(UNSUBSCRIBE)) {
        return CompletableFuture.completedFuture(unsubscribe(params, transport));
      }
      Resolved target = resolve(method);
      Params args = Params.of(params);
      checkArity(args, target.method().minParams(), target.method().maxParams());
      return invoke(target, args);
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      LOG.error("Method {} crashed", method, e);
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Object> invoke(Resolved target, Params args) {
    long start = System.nanoTime();
    CompletableFuture<Object> result =
        switch (target.method().invocation()) {
          case RpcMethod.Invocation.Inline inline -> callNow(target, inline.handler(), args);
          case RpcMethod.Invocation.Blocking blocking ->
              CompletableFuture.supplyAsync(
                      () -> callOrThrow(target, blocking.handler(), args), worker)
                  .orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS);
          case RpcMethod.Invocation.Async async -> callAsync(target, async.handler(), args);
        };
    if (result.isDone()) {
      target.metrics().record(System.nanoTime() - start, !result.isCompletedExceptionally());
    } else {
      result.whenComplete(
          (value, failure) -> target.metrics().record(System.nanoTime() - start, failure == null));
    }
    return result;
  }

  private long timeoutMillis() {
    return config.limits().requestTimeout().toMillis();
  }

  private static CompletableFuture<Object> callNow(
      Resolved target, RpcMethod.Handler handler, Params args) {
    try {
      return CompletableFuture.completedFuture(handler.call(args));
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    } catch (Exception e) {
      LOG.error("Method {} crashed", target.method().name(), e);
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Object callOrThrow(Resolved target, RpcMethod.Handler handler, Params args) {
    try {
      return handler.call(args);
    } catch (RpcException e) {
      throw e;
    } catch (Exception e) {
      LOG.error("Method {} crashed", target.method().name(), e);
      throw new CompletionException(e);
    }
  }

  private CompletableFuture<Object> callAsync(
      Resolved target, RpcMethod.AsyncHandler handler, Params args) {
    try {
      CompletableFuture<Object> future = new CompletableFuture<>();
      handler
          .call(args)
          .whenComplete(
              (value, failure) -> {
                if (failure == null) {
                  future.complete(value);
                } else {
                  if (!(unwrap(failure) instanceof RpcException)) {
                    LOG.error("Method {} failed", target.method().name(), failure);
                  }
                  future.completeExceptionally(failure);
                }
              });
      return future.isDone() ? future : future.orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    } catch (Exception e) {
      LOG.error("Method {} crashed", target.method().name(), e);
      return CompletableFuture.failedFuture(e);
    }
  }

  private Resolved resolve(String name) {
    Resolved known = resolved.get(name);
    if (known != null) {
      return known;
    }
    Optional<RpcMethod> method = methods.method(name);
    if (method.isPresent() && config.exposes(method.get().namespace())) {
      return resolved.computeIfAbsent(name, n -> new Resolved(method.get(), metrics.method(n)));
    }
    if (name.equals(MODULES)) {
      return resolved.computeIfAbsent(
          name,
          n -> new Resolved(RpcMethod.inline(MODULES, 0, 0, p -> modules()), metrics.method(n)));
    }
    throw RpcError.methodNotFound(name).exception();
  }

  /** geth's {@code rpc_modules}: each exposed namespace with version "1.0". */
  private Map<String, String> modules() {
    Map<String, String> modules = new TreeMap<>();
    for (String namespace : methods.namespaces()) {
      if (config.exposes(namespace)) {
        modules.put(namespace, "1.0");
      }
    }
    modules.put("rpc", "1.0");
    return modules;
  }

  private static void checkArity(Params args, int min, int max) {
    if (args.size() > max) {
      throw RpcError.invalidParams("too many arguments, want at most " + max).exception();
    }
    if (args.size() < min) {
      throw RpcError.invalidParams("missing value for required argument " + args.size())
          .exception();
    }
  }

  private Object subscribe(
      String method, JsonNode params, Transport transport, List<ServerSubscription<?>> opened) {
    if (!(transport instanceof Transport.WebSocket ws)) {
      throw RpcError.notificationsUnsupported().exception();
    }
    if (!params.isArray()) {
      throw RpcError.invalidParams("non-array args").exception();
    }
    JsonNode first = params.get(0);
    if (first == null || !first.isTextual()) {
      throw RpcError.invalidParams("expected subscription name as first argument").exception();
    }
    String namespace = method.substring(0, method.indexOf('_'));
    String name = first.textValue();
    Optional<Topic<?>> topic =
        config.exposes(namespace) ? methods.topic(namespace, name) : Optional.empty();
    if (topic.isEmpty()) {
      throw RpcError.subscriptionNotFound(namespace, name).exception();
    }
    ArrayNode rest = RpcJson.mapper().createArrayNode();
    for (int i = 1; i < params.size(); i++) {
      rest.add(params.get(i));
    }
    // The name counts as an argument in geth's messages.
    if (rest.size() > topic.get().maxParams()) {
      throw RpcError.invalidParams(
              "too many arguments, want at most " + (topic.get().maxParams() + 1))
          .exception();
    }
    ServerSubscription<?> subscription = ws.subscriptions().subscribe(topic.get(), Params.of(rest));
    opened.add(subscription);
    return subscription.id();
  }

  private static Object unsubscribe(JsonNode params, Transport transport) {
    Params args = Params.of(params);
    checkArity(args, 1, 1);
    String id = args.string(0);
    boolean removed =
        transport instanceof Transport.WebSocket ws && ws.subscriptions().unsubscribe(id);
    if (!removed) {
      throw RpcError.unknownSubscriptionId().exception();
    }
    return true;
  }

  private record Resolved(RpcMethod method, RpcMetrics.MethodMetrics metrics) {}
}
