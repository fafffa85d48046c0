package io.merapi.execution.dev.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the beacon API responses the dev chain serves, in the shapes of the beacon-APIs
 * specification: numbers as decimal strings, byte strings as 0x-hex, each response's payload under
 * {@code data}. The field names are the ones op-node decodes (op-service {@code eth/blobs_api.go}).
 */
public final class BeaconJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BeaconJson() {}

  /** A beacon block header ({@code BeaconBlockHeader}). */
  public record BlockHeader(
      long slot, long proposerIndex, Hash parentRoot, Hash stateRoot, Hash bodyRoot) {}

  /**
   * One blob sidecar ({@code BlobSidecar}, Deneb).
   *
   * @param index the blob's position among all blobs of the block
   * @param inclusionProof the Merkle branch of the commitment in the block body (17 hashes)
   */
  public record Sidecar(
      long index,
      Bytes blob,
      Bytes kzgCommitment,
      Bytes kzgProof,
      BlockHeader header,
      Bytes signature,
      List<Hash> inclusionProof) {}

  /** {@code GET /eth/v1/node/version}. */
  public static ObjectNode version(String version) {
    ObjectNode out = JSON.objectNode();
    out.putObject("data").put("version", version);
    return out;
  }

  /** {@code GET /eth/v1/beacon/genesis}. */
  public static ObjectNode genesis(long genesisTime, Hash validatorsRoot, Bytes forkVersion) {
    ObjectNode out = JSON.objectNode();
    ObjectNode data = out.putObject("data");
    data.put("genesis_time", Long.toUnsignedString(genesisTime));
    data.put("genesis_validators_root", validatorsRoot.toHex());
    data.put("genesis_fork_version", forkVersion.toHex());
    return out;
  }

  /** {@code GET /eth/v1/config/spec}: the values as strings, in the order given. */
  public static ObjectNode spec(Map<String, String> values) {
    ObjectNode out = JSON.objectNode();
    ObjectNode data = out.putObject("data");
    values.forEach(data::put);
    return out;
  }

  /** {@code GET /eth/v1/beacon/blob_sidecars/{block_id}}. */
  public static ObjectNode sidecars(List<Sidecar> sidecars, boolean finalized) {
    ObjectNode out = JSON.objectNode();
    out.put("execution_optimistic", false);
    out.put("finalized", finalized);
    ArrayNode data = out.putArray("data");
    for (Sidecar sidecar : sidecars) {
      data.add(sidecar(sidecar));
    }
    return out;
  }

  static ObjectNode sidecar(Sidecar sidecar) {
    ObjectNode out = JSON.objectNode();
    out.put("index", Long.toUnsignedString(sidecar.index()));
    out.put("blob", sidecar.blob().toHex());
    out.put("kzg_commitment", sidecar.kzgCommitment().toHex());
    out.put("kzg_proof", sidecar.kzgProof().toHex());
    ObjectNode signed = out.putObject("signed_block_header");
    ObjectNode message = signed.putObject("message");
    BlockHeader header = sidecar.header();
    message.put("slot", Long.toUnsignedString(header.slot()));
    message.put("proposer_index", Long.toUnsignedString(header.proposerIndex()));
    message.put("parent_root", header.parentRoot().toHex());
    message.put("state_root", header.stateRoot().toHex());
    message.put("body_root", header.bodyRoot().toHex());
    signed.put("signature", sidecar.signature().toHex());
    ArrayNode proof = out.putArray("kzg_commitment_inclusion_proof");
    sidecar.inclusionProof().forEach(h -> proof.add(h.toHex()));
    return out;
  }

  /** {@code GET /eth/v1/beacon/blobs/{block_id}}: the blobs alone. */
  public static ObjectNode blobs(List<Bytes> blobs, boolean finalized) {
    ObjectNode out = JSON.objectNode();
    out.put("execution_optimistic", false);
    out.put("finalized", finalized);
    ArrayNode data = out.putArray("data");
    blobs.forEach(b -> data.add(b.toHex()));
    return out;
  }

  /** An error body, as beacon nodes send with a 4xx or 5xx status. */
  public static JsonNode error(int status, String message) {
    ObjectNode out = JSON.objectNode();
    out.put("code", status);
    out.put("message", message);
    return out;
  }
}
