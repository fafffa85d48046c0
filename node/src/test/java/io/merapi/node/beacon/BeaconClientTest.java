package io.merapi.node.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BeaconClient} against recorded beacon API answers served over HTTP. */
class BeaconClientTest {
  static final String TESTDATA = "op/beacon/";
  static final long GOERLI_SLOT = 7422094;

  private BeaconTestServer server;
  private BeaconClient client;

  @BeforeEach
  void start() throws Exception {
    server = new BeaconTestServer();
    client = new BeaconClient(server.uri());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static byte[] recorded(String name) throws Exception {
    Path file = TestData.require(TESTDATA + name);
    return Files.readAllBytes(file);
  }

  @Test
  void readsVersionGenesisAndSpecAsBeaconNodesSendThem() throws Exception {
    server.answers.put(
        "/eth/v1/node/version",
        BeaconTestServer.Answer.ok(
            "{\"data\":{\"version\":\"Lighthouse/v5.1.3-3058b96/x86_64-linux\"}}"));
    server.answers.put(
        "/eth/v1/beacon/genesis",
        BeaconTestServer.Answer.ok(recorded("eth_v1_beacon_genesis_goerli.json")));
    server.answers.put(
        "/eth/v1/config/spec",
        BeaconTestServer.Answer.ok(recorded("eth_v1_config_spec_goerli.json")));
    assertThat(client.nodeVersion()).startsWith("Lighthouse/v5.1.3");
    assertThat(client.genesisTime()).isEqualTo(1606824023L);
    assertThat(client.secondsPerSlot()).isEqualTo(12);
  }

  @Test
  void takesNumbersAsJsonNumbersToo() {
    server.answers.put(
        "/eth/v1/beacon/genesis",
        BeaconTestServer.Answer.ok("{\"data\":{\"genesis_time\":1606824023}}"));
    server.answers.put(
        "/eth/v1/config/spec", BeaconTestServer.Answer.ok("{\"data\":{\"SECONDS_PER_SLOT\":6}}"));
    assertThat(client.genesisTime()).isEqualTo(1606824023L);
    assertThat(client.secondsPerSlot()).isEqualTo(6);
  }

  @Test
  void readsRecordedBlobSidecarsWithIndicesAndSlot() throws Exception {
    server.answers.put(
        "/eth/v1/beacon/blob_sidecars/" + GOERLI_SLOT,
        BeaconTestServer.Answer.ok(recorded("eth_v1_beacon_blob_sidecars_7422094_goerli.json")));
    List<BeaconBlobSidecar> sidecars = client.blobSidecars(GOERLI_SLOT, List.of(1, 3));
    assertThat(server.requests)
        .containsExactly("/eth/v1/beacon/blob_sidecars/7422094?indices=1&indices=3");
    assertThat(sidecars).extracting(BeaconBlobSidecar::index).containsExactly(0, 1, 2, 3, 4);
    assertThat(sidecars).allSatisfy(s -> assertThat(s.slot()).hasValue(GOERLI_SLOT));
    assertThat(sidecars.get(0).kzgCommitment())
        .isEqualTo(
            Bytes.fromHex(
                "0xaaccc280c65023434e95ee016e4d91723f04a0773a6b24175e1e6fb823f607cf24f92ab674983e614b86b63c83b9a2a8"));
    assertThat(sidecars.get(0).blob().length()).isEqualTo(131_072);
  }

  @Test
  void asksForBlobsByVersionedHash() {
    String blob = "\"0x" + "00".repeat(131_072) + "\"";
    server.answers.put(
        "/eth/v1/beacon/blobs/5",
        BeaconTestServer.Answer.ok(
            "{\"execution_optimistic\":false,\"finalized\":true,\"data\":[" + blob + "]}"));
    Hash hash = Hash.fromHex("0x01" + "22".repeat(31));
    assertThat(client.blobs(5, List.of(hash))).hasSize(1);
    assertThat(server.requests)
        .containsExactly("/eth/v1/beacon/blobs/5?versioned_hashes=" + hash.toHex());
  }

  @Test
  void errorsSayWhatFailedAndWhetherToRetry() {
    assertThatThrownBy(() -> client.blobSidecars(9, List.of()))
        .isInstanceOfSatisfying(
            BeaconApiException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.isTemporary()).isFalse();
            })
        .hasMessageContaining("eth/v1/beacon/blob_sidecars/9: HTTP 404");
    server.answers.put(
        "/eth/v1/beacon/genesis", new BeaconTestServer.Answer(503, "syncing".getBytes()));
    assertThatThrownBy(() -> client.genesisTime())
        .isInstanceOfSatisfying(
            BeaconApiException.class, e -> assertThat(e.isTemporary()).isTrue());
    server.answers.put("/eth/v1/config/spec", BeaconTestServer.Answer.ok("{\"data\":{}}"));
    assertThatThrownBy(() -> client.secondsPerSlot())
        .isInstanceOf(BeaconApiException.class)
        .hasMessageContaining("malformed answer: 'SECONDS_PER_SLOT' is missing");
    server.answers.put(
        "/eth/v1/config/spec",
        BeaconTestServer.Answer.ok("{\"data\":{\"SECONDS_PER_SLOT\":\"-1\"}}"));
    assertThatThrownBy(() -> client.secondsPerSlot()).isInstanceOf(BeaconApiException.class);
    server.answers.put("/eth/v1/beacon/genesis", BeaconTestServer.Answer.ok("<html>"));
    assertThatThrownBy(() -> client.genesisTime())
        .isInstanceOf(BeaconApiException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() throws Exception {
    server.answers.put(
        "/prefix/eth/v1/node/version",
        BeaconTestServer.Answer.ok("{\"data\":{\"version\":\"Teku/v24\"}}"));
    try (BeaconClient prefixed = new BeaconClient(java.net.URI.create(server.uri() + "/prefix"))) {
      assertThat(prefixed.nodeVersion()).isEqualTo("Teku/v24");
    }
  }
}
