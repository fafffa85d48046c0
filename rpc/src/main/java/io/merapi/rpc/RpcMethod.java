package io.merapi.rpc;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * One JSON-RPC method: its name ({@code namespace_method}), how many positional params it takes
 * (checked before the handler runs, with geth's messages), and how the server must run it.
 *
 * <p>The result a handler returns is written by Jackson ({@link RpcJson}); returning {@code
 * Optional.empty()} answers {@code null}. A handler answers an error by throwing {@link
 * RpcException}; any other exception is a bug and is answered with -32603.
 */
public record RpcMethod(String name, int minParams, int maxParams, Invocation invocation) {
  public RpcMethod {
    Objects.requireNonNull(invocation, "invocation");
    int separator = name.indexOf('_');
    if (separator <= 0 || separator == name.length() - 1) {
      throw new IllegalArgumentException("method name must be namespace_method: " + name);
    }
    if (minParams < 0 || maxParams < minParams) {
      throw new IllegalArgumentException(
          "bad param counts for " + name + ": " + minParams + ".." + maxParams);
    }
  }

  /** Runs on the I/O thread: only for handlers that answer from memory within microseconds. */
  public static RpcMethod inline(String name, int minParams, int maxParams, Handler handler) {
    return new RpcMethod(name, minParams, maxParams, new Invocation.Inline(handler));
  }

  /** Runs on the worker pool: anything that reads storage, executes the EVM or may wait. */
  public static RpcMethod blocking(String name, int minParams, int maxParams, Handler handler) {
    return new RpcMethod(name, minParams, maxParams, new Invocation.Blocking(handler));
  }

  /** Starts work elsewhere and returns at once with its future result; must not block. */
  public static RpcMethod async(String name, int minParams, int maxParams, AsyncHandler handler) {
    return new RpcMethod(name, minParams, maxParams, new Invocation.Async(handler));
  }

  /** The part before the first underscore: {@code eth}, {@code engine}, {@code debug}, ... */
  public String namespace() {
    return namespaceOf(name);
  }

  static String namespaceOf(String method) {
    int separator = method.indexOf('_');
    return separator < 0 ? method : method.substring(0, separator);
  }

  /** Where a method runs: the I/O thread must never block, so the choice is the method's. */
  public sealed interface Invocation {
    record Inline(Handler handler) implements Invocation {
      public Inline {
        Objects.requireNonNull(handler);
      }
    }

    record Blocking(Handler handler) implements Invocation {
      public Blocking {
        Objects.requireNonNull(handler);
      }
    }

    record Async(AsyncHandler handler) implements Invocation {
      public Async {
        Objects.requireNonNull(handler);
      }
    }
  }

  @FunctionalInterface
  public interface Handler {
    Object call(Params params) throws Exception;
  }

  @FunctionalInterface
  public interface AsyncHandler {
    CompletionStage<?> call(Params params) throws Exception;
  }
}
