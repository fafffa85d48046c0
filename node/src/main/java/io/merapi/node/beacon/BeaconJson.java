package io.merapi.node.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the beacon API's JSON answers (ethereum/beacon-APIs). Numbers are decimal strings there
 * ({@code "genesis_time":"1606824023"}); some nodes and proxies send plain JSON numbers, so both
 * are taken. Every answer wraps its payload in {@code data}.
 */
final class BeaconJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BeaconJson() {}

  static JsonNode data(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the answer is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("data")) {
      throw new IllegalArgumentException("the answer has no 'data'");
    }
    return root.get("data");
  }

  /** {@code eth/v1/node/version}: {@code data.version}. */
  static String version(JsonNode data) {
    JsonNode version = data.get("version");
    if (version == null || !version.isTextual()) {
      throw new IllegalArgumentException("'data.version' is missing");
    }
    return version.textValue();
  }

  /** {@code eth/v1/beacon/genesis}: {@code data.genesis_time}, seconds. */
  static long genesisTime(JsonNode data) {
    return uint64(data, "genesis_time");
  }

  /** {@code eth/v1/config/spec}: {@code data.SECONDS_PER_SLOT}. */
  static long secondsPerSlot(JsonNode data) {
    return uint64(data, "SECONDS_PER_SLOT");
  }

  /** {@code eth/v1/beacon/blob_sidecars/{slot}}. */
  static List<BeaconBlobSidecar> sidecars(JsonNode data) {
    if (!data.isArray()) {
      throw new IllegalArgumentException("'data' is not an array of blob sidecars");
    }
    List<BeaconBlobSidecar> out = new ArrayList<>(data.size());
    for (JsonNode sidecar : data) {
      if (!sidecar.isObject()) {
        throw new IllegalArgumentException("a blob sidecar is not a JSON object");
      }
      long index = uint64(sidecar, "index");
      if (index > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("blob index " + Long.toUnsignedString(index));
      }
      JsonNode header = sidecar.path("signed_block_header").path("message");
      OptionalLong slot =
          header.has("slot") ? OptionalLong.of(uint64(header, "slot")) : OptionalLong.empty();
      out.add(
          new BeaconBlobSidecar(
              (int) index,
              bytes(sidecar, "blob"),
              bytes(sidecar, "kzg_commitment"),
              bytes(sidecar, "kzg_proof"),
              slot));
    }
    return out;
  }

  /** {@code eth/v1/beacon/blobs/{slot}}: the blobs as hex strings. */
  static List<Bytes> blobs(JsonNode data) {
    if (!data.isArray()) {
      throw new IllegalArgumentException("'data' is not an array of blobs");
    }
    List<Bytes> out = new ArrayList<>(data.size());
    for (JsonNode blob : data) {
      if (!blob.isTextual()) {
        throw new IllegalArgumentException("a blob is not a hex string");
      }
      out.add(Bytes.fromHex(blob.textValue()));
    }
    return out;
  }

  /** An unsigned 64-bit value given as a decimal string or a JSON number. */
  static long uint64(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    try {
      if (value.isTextual()) {
        return Long.parseUnsignedLong(value.textValue().strip());
      }
      if (value.isIntegralNumber() && value.bigIntegerValue().signum() >= 0) {
        return Long.parseUnsignedLong(value.bigIntegerValue().toString());
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + field + "' is not a uint64: " + value, e);
    }
    throw new IllegalArgumentException("'" + field + "' is not a uint64: " + value);
  }

  private static Bytes bytes(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return Bytes.fromHex(value.textValue());
  }
}
