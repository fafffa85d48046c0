package io.merapi.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of a request body, classified as geth classifies it: a call (version {@code "2.0"}, a
 * usable id, a method), a notification (the same without an id: executed, never answered), or an
 * invalid request, answered with -32600 and the id if it had a usable one.
 *
 * <p>Ids are kept as their JSON text so that the answer echoes them exactly (a number stays the
 * same digits, a string the same string). Any scalar is a usable id, {@code null} included; an
 * object or array is not.
 */
public sealed interface Message {
  record Call(String id, String method, JsonNode params) implements Message {}

  record Notification(String method, JsonNode params) implements Message {}

  /** {@code id} is the JSON text to answer with: the request's id, or {@code null}. */
  record Invalid(String id) implements Message {}
}
