package io.merapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.subscription.EventFilter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Methods shared by the processor, server and client tests. */
public final class TestMethods {
  public static final byte[] REVERT = errorString("nope");

  private TestMethods() {}

  public static RpcMethods create() {
    RpcMethods methods = new RpcMethods();
    methods.inline("test_add", 2, 2, p -> Hex.quantity(p.quantity(0) + p.quantity(1)));
    methods.inline("test_echo", 0, 3, p -> RpcJson.mapper().readTree(p.toString()));
    methods.inline(
        "test_fail",
        0,
        0,
        p -> {
          throw RpcError.server("boom").exception();
        });
    methods.inline(
        "test_crash",
        0,
        0,
        p -> {
          throw new NullPointerException("bug");
        });
    methods.inline(
        "test_revert",
        0,
        0,
        p -> {
          throw RpcError.executionReverted(REVERT).exception();
        });
    methods.inline("test_big", 1, 1, p -> "x".repeat((int) p.quantity(0)));
    methods.inline("test_unencodable", 0, 0, p -> new Object());
    methods.blocking(
        "test_blocking",
        1,
        1,
        p -> {
          Thread.sleep(5);
          return Hex.quantity(p.quantity(0));
        });
    methods.async(
        "test_async",
        0,
        0,
        p ->
            CompletableFuture.supplyAsync(
                () -> "later",
                CompletableFuture.delayedExecutor(5, java.util.concurrent.TimeUnit.MILLISECONDS)));
    methods.async(
        "test_asyncFail",
        0,
        0,
        p -> CompletableFuture.failedFuture(RpcError.server("async boom").exception()));
    methods.async("test_never", 0, 0, p -> new CompletableFuture<>());
    methods.inline("debug_secret", 0, 0, p -> "hidden");
    methods.subscription("eth", "newHeads", 0, params -> EventFilter.everything());
    methods.<List<String>>subscription(
        "eth",
        "logs",
        1,
        params -> {
          String address = params.optionalNode(0).map(n -> readAddress(params)).orElse("");
          return (batch, notify) -> {
            for (String log : batch) {
              if (address.isEmpty() || address.equals(log)) {
                notify.accept(log);
              }
            }
          };
        });
    return methods;
  }

  private static String readAddress(Params params) {
    JsonNode filter = params.node(0);
    Params inner = Params.of(RpcJson.mapper().createArrayNode().add(filter.path("address")));
    return inner.data(0).toHex();
  }

  /** ABI encoding of Error(string), written out independently of the decoder. */
  public static byte[] errorString(String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 31) / 32 * 32;
    byte[] out = new byte[4 + 32 + 32 + padded];
    System.arraycopy(Hex.decode("0x08c379a0"), 0, out, 0, 4);
    out[4 + 31] = 0x20;
    out[4 + 32 + 30] = (byte) (text.length >>> 8);
    out[4 + 32 + 31] = (byte) text.length;
    System.arraycopy(text, 0, out, 4 + 64, text.length);
    return out;
  }
}
