package io.merapi.node.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.BlobSource.IndexedBlobHash;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.types.transaction.BlobSidecar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BeaconBlobSource} on the recorded Goerli slot 7422094 (five blobs whose commitments and
 * KZG proofs verify), served over HTTP as a beacon node would, with real KZG checks.
 */
class BeaconBlobSourceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long GENESIS = 1606824023L;
  private static final long SLOT = BeaconClientTest.GOERLI_SLOT;
  private static final String SIDECARS = "/eth/v1/beacon/blob_sidecars/" + SLOT;
  private static final String BLOBS = "/eth/v1/beacon/blobs/" + SLOT;

  private BeaconTestServer server;
  private BeaconBlobSource source;
  private ObjectNode recorded;
  private List<Bytes> blobs;
  private List<Hash> hashes;
  private final List<Duration> sleeps = new ArrayList<>();

  /** An L1 block 7 s into the slot: the slot is found by whole slots since genesis. */
  private final L1BlockRef block =
      new L1BlockRef(
          Hash.fromHex("0x" + "c1".repeat(32)), 10_234_567, Hash.ZERO, GENESIS + SLOT * 12 + 7);

  @BeforeEach
  void start() throws Exception {
    server = new BeaconTestServer();
    server.answers.put(
        "/eth/v1/beacon/genesis",
        BeaconTestServer.Answer.ok(BeaconClientTest.recorded("eth_v1_beacon_genesis_goerli.json")));
    server.answers.put(
        "/eth/v1/config/spec",
        BeaconTestServer.Answer.ok(BeaconClientTest.recorded("eth_v1_config_spec_goerli.json")));
    recorded =
        (ObjectNode)
            MAPPER.readTree(
                BeaconClientTest.recorded("eth_v1_beacon_blob_sidecars_7422094_goerli.json"));
    serveSidecars(recorded);
    blobs = new ArrayList<>();
    hashes = new ArrayList<>();
    for (JsonNode sidecar : recorded.get("data")) {
      blobs.add(Bytes.fromHex(sidecar.get("blob").asText()));
      hashes.add(BlobSidecar.versionedHash(Bytes.fromHex(sidecar.get("kzg_commitment").asText())));
    }
    source =
        new BeaconBlobSource(
            new BeaconClient(server.uri()),
            new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1)),
            sleeps::add);
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    server.close();
  }

  private void serveSidecars(JsonNode answer) throws Exception {
    server.answers.put(SIDECARS, BeaconTestServer.Answer.ok(MAPPER.writeValueAsBytes(answer)));
  }

  private IndexedBlobHash wanted(int index) {
    return new IndexedBlobHash(index, hashes.get(index));
  }

  @Test
  void sidecarsAreCheckedAndReturnedInTheOrderAsked() {
    assertThat(source.slotOf(block)).isEqualTo(SLOT);
    assertThat(source.blobs(block, List.of(wanted(3), wanted(0))))
        .containsExactly(blobs.get(3), blobs.get(0));
    assertThat(server.requests)
        .contains(
            BLOBS + "?versioned_hashes=" + hashes.get(3) + "&versioned_hashes=" + hashes.get(0))
        .contains(SIDECARS + "?indices=3&indices=0");
    // The blobs endpoint answered 404 while the sidecars were there: it is not asked again.
    server.requests.clear();
    assertThat(source.blobs(block, List.of(wanted(1)))).containsExactly(blobs.get(1));
    assertThat(server.requests).containsExactly(SIDECARS + "?indices=1");
  }

  @Test
  void blobsFromTheBlobsEndpointArePickedByTheirComputedCommitment() throws Exception {
    ObjectNode answer = MAPPER.createObjectNode();
    ArrayNode data = answer.putArray("data");
    // Block order, not the order asked: the versioned hash of each blob's commitment decides.
    data.add(blobs.get(2).toHex());
    data.add(blobs.get(4).toHex());
    server.answers.put(BLOBS, BeaconTestServer.Answer.ok(MAPPER.writeValueAsBytes(answer)));
    assertThat(source.blobs(block, List.of(wanted(4), wanted(2))))
        .containsExactly(blobs.get(4), blobs.get(2));
    assertThat(server.requests).noneMatch(r -> r.startsWith(SIDECARS));
  }

  @Test
  void aWrongBlobFromTheBlobsEndpointIsNotTakenAndTheSidecarsAreAsked() throws Exception {
    ObjectNode answer = MAPPER.createObjectNode();
    byte[] changed = blobs.get(1).toArray();
    changed[1000] ^= 1;
    answer.putArray("data").add(Bytes.wrap(changed).toHex());
    server.answers.put(BLOBS, BeaconTestServer.Answer.ok(MAPPER.writeValueAsBytes(answer)));
    assertThat(source.blobs(block, List.of(wanted(1)))).containsExactly(blobs.get(1));
    assertThat(server.requests).anyMatch(r -> r.startsWith(SIDECARS));
  }

  @Test
  void aBlobWithAWrongProofIsATemporaryFailureNamingIt() throws Exception {
    ArrayNode data = (ArrayNode) recorded.get("data");
    JsonNode proof0 = data.get(0).get("kzg_proof");
    ((ObjectNode) data.get(0)).set("kzg_proof", data.get(1).get("kzg_proof"));
    ((ObjectNode) data.get(1)).set("kzg_proof", proof0);
    serveSidecars(recorded);
    assertThatThrownBy(() -> source.blobs(block, List.of(wanted(0))))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("blobs of L1 block 10234567 " + block.hash())
        .hasMessageContaining("blob 0 (versioned hash " + hashes.get(0) + ") fails its KZG proof");
    // The untouched blobs still verify.
    assertThat(source.blobs(block, List.of(wanted(2)))).containsExactly(blobs.get(2));
  }

  @Test
  void aBlobWhoseCommitmentHasAnotherVersionedHashIsRefused() {
    IndexedBlobHash mixedUp = new IndexedBlobHash(2, hashes.get(1));
    assertThatThrownBy(() -> source.blobs(block, List.of(mixedUp)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining(
            "blob 2 has a commitment with versioned hash "
                + hashes.get(2)
                + ", but the L1 transaction names "
                + hashes.get(1));
  }

  @Test
  void aMissingBlobIsATemporaryFailure() {
    IndexedBlobHash absent = new IndexedBlobHash(7, Hash.fromHex("0x01" + "ab".repeat(31)));
    assertThatThrownBy(() -> source.blobs(block, List.of(wanted(0), absent)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("no blob at index 7");
  }

  @Test
  void aSlotTheBeaconNodeDoesNotHaveIsATemporaryFailure() {
    L1BlockRef later =
        new L1BlockRef(block.hash(), block.number() + 1, block.hash(), block.time() + 12);
    assertThatThrownBy(() -> source.blobs(later, List.of(wanted(0))))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("blob sidecars of L1 block")
        .hasMessageContaining("HTTP 404");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aBeaconNodeThatFailsThenRecoversIsRetried() {
    server.answers.put(
        SIDECARS,
        new BeaconTestServer.Answer(503, "busy".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> source.blobs(block, List.of(wanted(0))))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("after 3 tries");
    assertThat(sleeps).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
  }

  @Test
  void aBlockBeforeTheBeaconGenesisIsRefusedAndNoHashesNeedNoRequest() {
    assertThat(source.blobs(block, List.of())).isEmpty();
    assertThat(server.requests).isEmpty();
    L1BlockRef early = new L1BlockRef(block.hash(), 1, Hash.ZERO, GENESIS - 1);
    assertThatThrownBy(() -> source.blobs(early, List.of(wanted(0))))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("before the beacon chain's genesis");
  }
}
