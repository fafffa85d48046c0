package io.merapi.faultproof.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.preimage.MalformedHintException;
import java.io.IOException;

/**
 * The data of an {@code l2-payload-witness} hint: the JSON object {@code {"parentBlockHash",
 * "payloadAttributes", "chainID"?}} as op-program's client writes it (the attributes in Engine API
 * JSON). The attributes stay JSON: the host passes them on to the L2 node unchanged.
 */
record PayloadWitnessHint(Hash parent, JsonNode attributes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PayloadWitnessHint parse(byte[] data) {
    JsonNode json;
    try {
      json = JSON.readTree(data);
    } catch (IOException e) {
      throw new MalformedHintException("l2-payload-witness data is not JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new MalformedHintException("l2-payload-witness data is not a JSON object");
    }
    JsonNode parent = json.get("parentBlockHash");
    JsonNode attributes = json.get("payloadAttributes");
    if (parent == null || !parent.isTextual() || attributes == null || !attributes.isObject()) {
      throw new MalformedHintException(
          "l2-payload-witness needs parentBlockHash and payloadAttributes");
    }
    try {
      return new PayloadWitnessHint(Hash.fromHex(parent.asText()), attributes);
    } catch (IllegalArgumentException e) {
      throw new MalformedHintException("l2-payload-witness parentBlockHash: " + e.getMessage());
    }
  }
}
