package io.merapi.execution.dev.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our beacon JSON against real beacon API responses (Goerli, from op-service's testdata). */
class BeaconJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode read(String name) throws IOException {
    Path path = TestData.require("op/beacon/" + name);
    return MAPPER.readTree(path.toFile());
  }

  @Test
  void sidecarsAreWrittenExactlyAsABeaconNodeWritesThem() throws IOException {
    JsonNode real = read("eth_v1_beacon_blob_sidecars_7422094_goerli.json");
    List<BeaconJson.Sidecar> sidecars = new ArrayList<>();
    for (JsonNode s : real.get("data")) {
      JsonNode message = s.get("signed_block_header").get("message");
      List<Hash> proof = new ArrayList<>();
      s.get("kzg_commitment_inclusion_proof").forEach(h -> proof.add(Hash.fromHex(h.asText())));
      sidecars.add(
          new BeaconJson.Sidecar(
              Long.parseLong(s.get("index").asText()),
              Bytes.fromHex(s.get("blob").asText()),
              Bytes.fromHex(s.get("kzg_commitment").asText()),
              Bytes.fromHex(s.get("kzg_proof").asText()),
              new BeaconJson.BlockHeader(
                  Long.parseLong(message.get("slot").asText()),
                  Long.parseLong(message.get("proposer_index").asText()),
                  Hash.fromHex(message.get("parent_root").asText()),
                  Hash.fromHex(message.get("state_root").asText()),
                  Hash.fromHex(message.get("body_root").asText())),
              Bytes.fromHex(s.get("signed_block_header").get("signature").asText()),
              proof));
    }
    assertThat(sidecars).hasSize(5);
    JsonNode ours = BeaconJson.sidecars(sidecars, true);
    assertThat(ours.get("data")).isEqualTo(real.get("data"));
    assertThat(ours.get("execution_optimistic").asBoolean()).isFalse();
    assertThat(ours.get("finalized").asBoolean()).isTrue();
  }

  @Test
  void genesisIsWrittenAsABeaconNodeWritesIt() throws IOException {
    JsonNode real = read("eth_v1_beacon_genesis_goerli.json");
    JsonNode data = real.get("data");
    JsonNode ours =
        BeaconJson.genesis(
            Long.parseLong(data.get("genesis_time").asText()),
            Hash.fromHex(data.get("genesis_validators_root").asText()),
            Bytes.fromHex(data.get("genesis_fork_version").asText()));
    assertThat(ours).isEqualTo(real);
  }

  @Test
  void blobsVersionAndErrorsHaveTheBeaconApiShapes() throws IOException {
    JsonNode blobs = BeaconJson.blobs(List.of(Bytes.fromHex("0x0102")), false);
    assertThat(blobs.get("data")).hasSize(1);
    assertThat(blobs.get("data").get(0).asText()).isEqualTo("0x0102");
    assertThat(BeaconJson.version("Merapi/v1").at("/data/version").asText()).isEqualTo("Merapi/v1");
    JsonNode error = BeaconJson.error(404, "NOT_FOUND: beacon block at slot 9");
    assertThat(error.get("code").asInt()).isEqualTo(404);
    assertThat(error.get("message").asText()).startsWith("NOT_FOUND");
  }

  @Test
  void blockIdsAreReadAsBeaconNodesReadThem() {
    assertThat(BlockId.parse("head")).isEqualTo(new BlockId.Head());
    assertThat(BlockId.parse("genesis")).isEqualTo(new BlockId.Genesis());
    assertThat(BlockId.parse("finalized")).isEqualTo(new BlockId.Finalized());
    assertThat(BlockId.parse("justified")).isEqualTo(new BlockId.Justified());
    assertThat(BlockId.parse("7422094")).isEqualTo(new BlockId.Slot(7_422_094));
    String root = "0x" + "ab".repeat(32);
    assertThat(BlockId.parse(root)).isEqualTo(new BlockId.Root(Hash.fromHex(root)));
    for (String bad :
        List.of(
            "", "-1", "1.5", "0x12", "latest", "99999999999999999999", "0x" + "zz".repeat(32))) {
      assertThatThrownBy(() -> BlockId.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              BeaconApiException.class, e -> assertThat(e.status()).isEqualTo(400))
          .hasMessageContaining("Invalid block ID");
    }
  }
}
