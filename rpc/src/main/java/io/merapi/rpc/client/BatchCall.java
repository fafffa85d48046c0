package io.merapi.rpc.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One call of a batch. */
public record BatchCall(String method, List<Object> params) {
  public BatchCall {
    // null is a valid JSON-RPC argument (an omitted optional), so no List.copyOf.
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  public static BatchCall of(String method, Object... params) {
    return new BatchCall(method, Arrays.asList(params));
  }
}
