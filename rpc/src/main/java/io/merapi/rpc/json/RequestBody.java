package io.merapi.rpc.json;

import java.util.List;

/** A whole request body: one message, a batch (a JSON array), or text that is not JSON. */
public sealed interface RequestBody {
  record Single(Message message) implements RequestBody {}

  record Batch(List<Message> messages) implements RequestBody {}

  record Unparseable(String reason) implements RequestBody {}
}
