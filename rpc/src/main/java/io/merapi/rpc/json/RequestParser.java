package io.merapi.rpc.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.rpc.RpcJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies with Jackson's streaming parser: the envelope field by field (no tree for
 * the message itself), the params as a tree for the handler. The body must be exactly one JSON
 * value; anything after it makes the body unparseable. Jackson's stream constraints bound nesting
 * depth and token sizes.
 */
public final class RequestParser {
  static final String VERSION = "2.0";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RequestParser() {}

  public static RequestBody parse(byte[] body) {
    return parse(body, 0, body.length);
  }

  public static RequestBody parse(byte[] body, int offset, int length) {
    try (JsonParser parser = RpcJson.mapper().createParser(body, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new RequestBody.Unparseable("empty body");
      }
      RequestBody result;
      if (first == JsonToken.START_ARRAY) {
        List<Message> messages = new ArrayList<>();
        for (JsonToken token = parser.nextToken();
            token != JsonToken.END_ARRAY;
            token = parser.nextToken()) {
          messages.add(readElement(parser, token));
        }
        result = new RequestBody.Batch(messages);
      } else {
        result = new RequestBody.Single(readElement(parser, first));
      }
      if (parser.nextToken() != null) {
        return new RequestBody.Unparseable("data after the JSON value");
      }
      return result;
    } catch (IOException | RuntimeException e) {
      // JsonParseException, stream-constraint violations, and anything a corrupt input provokes.
      return new RequestBody.Unparseable(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static Message readElement(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("unexpected end of input in batch");
    }
    if (token != JsonToken.START_OBJECT) {
      // A scalar or array where a request object belongs: geth decodes it into an empty message.
      parser.skipChildren();
      return new Message.Invalid("null");
    }
    return readMessage(parser);
  }

  private static Message readMessage(JsonParser parser) throws IOException {
    boolean version = false;
    String id = null; // JSON text of a usable id; absent when null
    boolean idGiven = false;
    String method = "";
    JsonNode params = MissingNode.getInstance();
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "jsonrpc" -> {
          version = value == JsonToken.VALUE_STRING && VERSION.equals(parser.getText());
          parser.skipChildren();
        }
        case "id" -> {
          idGiven = true;
          id = idText(parser, value);
        }
        case "method" -> {
          method = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          parser.skipChildren();
        }
        case "params" -> params = readTree(parser, value);
        default -> parser.skipChildren();
      }
    }
    if (version && !method.isEmpty()) {
      if (!idGiven) {
        return new Message.Notification(method, params);
      }
      if (id != null) {
        return new Message.Call(id, method, params);
      }
    }
    return new Message.Invalid(id == null ? "null" : id);
  }

  /**
   * The value at the current token as a tree, built directly with the node factory: Jackson's
   * {@code readValueAsTree} sets up a deserialization context per call, which dominated the
   * allocation of small requests (measured with JFR under the HTTP benchmark). Nesting depth is
   * bounded by the parser's stream constraints.
   */
  static JsonNode readTree(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_ARRAY -> {
        JsonToken next = parser.nextToken();
        if (next == JsonToken.END_ARRAY) {
          yield NODES.arrayNode(0);
        }
        ArrayNode array = NODES.arrayNode();
        for (; next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(readTree(parser, next));
        }
        yield array;
      }
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (JsonToken next = parser.nextToken();
            next == JsonToken.FIELD_NAME;
            next = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, readTree(parser, parser.nextToken()));
        }
        yield object;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      // Decimals stay exact, as the mapper reads them (USE_BIG_DECIMAL_FOR_FLOATS).
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected token " + token);
    };
  }

  /** The id as JSON text, or null for an object or array id (which is not usable). */
  private static String idText(JsonParser parser, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
      case VALUE_STRING -> quote(parser.getText());
      case VALUE_NULL -> "null";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  static String quote(String text) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }
}
