package io.merapi.node.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The parts of a beacon node's HTTP API the rollup node reads ({@code --l1.beacon}): its version,
 * the chain's genesis time and slot length, and the blobs of a slot, as blob sidecars with KZG
 * proofs ({@code eth/v1/beacon/blob_sidecars}) or, from nodes that offer it, as bare blobs ({@code
 * eth/v1/beacon/blobs}, the Fulu replacement). Answers are parsed, not checked: {@link
 * BeaconBlobSource} checks the blobs.
 */
public final class BeaconClient implements AutoCloseable {
  static final String VERSION = "eth/v1/node/version";
  static final String GENESIS = "eth/v1/beacon/genesis";
  static final String SPEC = "eth/v1/config/spec";
  static final String BLOB_SIDECARS = "eth/v1/beacon/blob_sidecars/";
  static final String BLOBS = "eth/v1/beacon/blobs/";

  private final URI base;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final HttpClient http;

  /**
   * @param base the beacon node's URL; paths are resolved below it (a path prefix is kept)
   * @param timeout how long one request may take
   * @param headers extra headers for every request ({@code --l1.beacon-header}: API keys)
   */
  public BeaconClient(URI base, Duration timeout, Map<String, String> headers) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public BeaconClient(URI base) {
    this(base, Duration.ofSeconds(30), Map.of());
  }

  /** {@code eth/v1/node/version}: the node's software and version, e.g. "Lighthouse/v5.1.0". */
  public String nodeVersion() {
    return parse(VERSION, BeaconJson::version);
  }

  /** {@code eth/v1/beacon/genesis}: the genesis time, in seconds since the epoch. */
  public long genesisTime() {
    return parse(GENESIS, BeaconJson::genesisTime);
  }

  /** {@code eth/v1/config/spec}: {@code SECONDS_PER_SLOT}. */
  public long secondsPerSlot() {
    return parse(SPEC, BeaconJson::secondsPerSlot);
  }

  /**
   * {@code eth/v1/beacon/blob_sidecars/{slot}}: the sidecars at {@code indices} (all of the block's
   * when empty). A slot without a block is a 404.
   */
  public List<BeaconBlobSidecar> blobSidecars(long slot, List<Integer> indices) {
    List<String> query = new ArrayList<>();
    for (int index : indices) {
      query.add("indices=" + index);
    }
    return parse(
        withQuery(BLOB_SIDECARS + Long.toUnsignedString(slot), query), BeaconJson::sidecars);
  }

  /**
   * {@code eth/v1/beacon/blobs/{slot}}: the blobs with {@code versionedHashes} (all of the block's
   * when empty), in block order, without commitments or proofs.
   */
  public List<Bytes> blobs(long slot, List<Hash> versionedHashes) {
    List<String> query = new ArrayList<>();
    for (Hash hash : versionedHashes) {
      query.add("versioned_hashes=" + URLEncoder.encode(hash.toHex(), StandardCharsets.US_ASCII));
    }
    return parse(withQuery(BLOBS + Long.toUnsignedString(slot), query), BeaconJson::blobs);
  }

  private static String withQuery(String path, List<String> query) {
    return query.isEmpty() ? path : path + "?" + String.join("&", query);
  }

  private <T> T parse(String path, java.util.function.Function<JsonNode, T> reader) {
    byte[] body = get(path);
    try {
      return reader.apply(BeaconJson.data(body));
    } catch (IllegalArgumentException e) {
      throw new BeaconApiException(
          "beacon API " + path + ": malformed answer: " + e.getMessage(), OptionalInt.empty(), e);
    }
  }

  private byte[] get(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new BeaconApiException(
          "beacon API " + path + ": no answer: " + e, OptionalInt.empty(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeaconApiException("beacon API " + path + ": interrupted", OptionalInt.empty(), e);
    }
    if (response.statusCode() != 200) {
      String text = new String(response.body(), StandardCharsets.UTF_8).strip();
      if (text.length() > 300) {
        text = text.substring(0, 300) + "...";
      }
      throw new BeaconApiException(
          "beacon API "
              + path
              + ": HTTP "
              + response.statusCode()
              + (text.isEmpty() ? "" : ": " + text),
          OptionalInt.of(response.statusCode()),
          null);
    }
    return response.body();
  }

  @Override
  public void close() {
    http.close();
  }
}
