package io.merapi.execution.dev.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.testing.TestData;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.dev.DevBlobs;
import io.merapi.execution.dev.DevChain;
import io.merapi.execution.dev.DevConfig;
import io.merapi.execution.dev.DevMiner;
import io.merapi.execution.dev.FinalitySchedule;
import io.merapi.types.transaction.BlobSidecar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevBeaconApiTest {
  private static final long NOW = 1_000;

  private DevChain dev;
  private DevBeaconApi api;
  private BlobSidecar twoBlobs;
  private BlobSidecar oneBlob;
  private ChainHead empty;
  private ChainHead withBlobs;

  @BeforeEach
  void mineABlockWithThreeBlobs() {
    DevConfig config =
        DevConfig.defaults()
            .withDataDir(Optional.empty())
            .withPeriod(Duration.ZERO)
            .withFinality(new FinalitySchedule(1, 1));
    dev = DevChain.open(config, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    api = new DevBeaconApi(dev.chain(), dev.miner().slots(), "0.1.0");
    Secp256k1.PrivateKey alice = dev.accounts().keys().get(0);
    Secp256k1.PrivateKey bob = dev.accounts().keys().get(1);
    empty = dev.miner().mine();
    twoBlobs = DevBlobs.sidecar(1, 2);
    oneBlob = DevBlobs.sidecar(3);
    dev.pool().add(DevBlobs.blobTx(alice, 0, twoBlobs));
    dev.pool().add(DevBlobs.blobTx(bob, 0, oneBlob));
    withBlobs = dev.miner().mine();
    assertThat(dev.chain().block(withBlobs.hash()).orElseThrow().transactions()).hasSize(2);
  }

  @AfterEach
  void close() {
    dev.close();
  }

  private long slot(ChainHead block) {
    return dev.miner().slots().slotOf(block.header().timestamp());
  }

  @Test
  void eachBlockIsTheBlockOfTheSlotItsTimestampFallsIn() {
    // Period 0: one-second slots from genesis time 0; the fixed clock stamps 1000, then 1001.
    assertThat(slot(empty)).isEqualTo(NOW);
    assertThat(slot(withBlobs)).isEqualTo(NOW + 1);
    assertThat(api.resolve(new BlockId.Slot(NOW + 1))).isEqualTo(withBlobs);
    assertThat(api.resolve(new BlockId.Slot(0))).isEqualTo(dev.chain().genesis());
    assertThat(api.resolve(new BlockId.Head())).isEqualTo(withBlobs);
    assertThat(api.resolve(new BlockId.Root(DevMiner.beaconRoot(empty.hash())))).isEqualTo(empty);
    assertThat(api.resolve(new BlockId.Finalized())).isEqualTo(empty);
    // A missed slot, and one after the head, are not found.
    for (long missing : List.of(500L, NOW + 2)) {
      assertThatThrownBy(() -> api.resolve(new BlockId.Slot(missing)))
          .isInstanceOfSatisfying(
              BeaconApiException.class, e -> assertThat(e.status()).isEqualTo(404))
          .hasMessageContaining("slot " + missing);
    }
    assertThat(api.genesis().at("/data/genesis_time").asText()).isEqualTo("0");
    assertThat(api.spec().at("/data/SECONDS_PER_SLOT").asText()).isEqualTo("1");
  }

  @Test
  void sidecarsAreTheBlocksBlobsIndexedAcrossItsTransactions() {
    JsonNode response = api.blobSidecars(Long.toString(NOW + 1), List.of());
    JsonNode data = response.get("data");
    assertThat(data).hasSize(3);
    List<Bytes> blobs =
        List.of(twoBlobs.blobs().get(0), twoBlobs.blobs().get(1), oneBlob.blobs().get(0));
    List<Bytes> commitments =
        List.of(
            twoBlobs.commitments().get(0),
            twoBlobs.commitments().get(1),
            oneBlob.commitments().get(0));
    for (int i = 0; i < 3; i++) {
      JsonNode sidecar = data.get(i);
      assertThat(sidecar.get("index").asText()).isEqualTo(Integer.toString(i));
      assertThat(Bytes.fromHex(sidecar.get("blob").asText())).isEqualTo(blobs.get(i));
      assertThat(Bytes.fromHex(sidecar.get("kzg_commitment").asText()))
          .isEqualTo(commitments.get(i));
      JsonNode message = sidecar.at("/signed_block_header/message");
      assertThat(message.get("slot").asText()).isEqualTo(Long.toString(NOW + 1));
      assertThat(Hash.fromHex(message.get("parent_root").asText()))
          .isEqualTo(DevMiner.beaconRoot(empty.hash()));
      assertThat(sidecar.get("kzg_commitment_inclusion_proof")).hasSize(17);
      assertThat(Bytes.fromHex(sidecar.at("/signed_block_header/signature").asText()).length())
          .isEqualTo(96);
    }
    assertThat(response.get("finalized").asBoolean()).isFalse();

    JsonNode picked = api.blobSidecars("head", List.of("2", "0"));
    assertThat(picked.get("data"))
        .extracting(n -> n.get("index").asText())
        .containsExactly("0", "2");
    assertThat(api.blobSidecars("head", List.of("0,2")).get("data")).hasSize(2);
    assertThat(api.blobSidecars(Long.toString(NOW), List.of()).get("data")).isEmpty();
    for (String bad : List.of("x", "-1", "6")) {
      assertThatThrownBy(() -> api.blobSidecars("head", List.of(bad)))
          .isInstanceOfSatisfying(
              BeaconApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void blobsAreChosenByVersionedHash() {
    Hash third = oneBlob.versionedHashes().get(0);
    JsonNode all = api.blobs("head", List.of());
    assertThat(all.get("data")).hasSize(3);
    JsonNode one = api.blobs("head", List.of(third.toHex()));
    assertThat(one.get("data")).hasSize(1);
    assertThat(Bytes.fromHex(one.get("data").get(0).asText())).isEqualTo(oneBlob.blobs().get(0));
    assertThat(api.blobs("head", List.of(Hash.ZERO.toHex())).get("data")).isEmpty();
    assertThatThrownBy(() -> api.blobs("head", List.of("0x1234")))
        .isInstanceOfSatisfying(
            BeaconApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void aRewindMovesTheSlotsToTheNewBranchAndTheBlobsComeBackInIt() {
    dev.miner().rewind(1);
    assertThatThrownBy(() -> api.resolve(new BlockId.Slot(NOW + 1)))
        .isInstanceOf(BeaconApiException.class);
    assertThat(dev.chain().safe().orElseThrow()).isEqualTo(empty);
    // The pool took both blob transactions back with their kept sidecars; the new block has them
    // and one more.
    BlobSidecar another = DevBlobs.sidecar(4);
    dev.pool().add(DevBlobs.blobTx(dev.accounts().keys().get(2), 0, another));
    ChainHead replacement = dev.miner().mine();
    assertThat(replacement.hash()).isNotEqualTo(withBlobs.hash());
    assertThat(replacement.number()).isEqualTo(2);
    JsonNode data = api.blobSidecars("head", List.of()).get("data");
    assertThat(data).hasSize(4);
    assertThat(data.get(0).at("/signed_block_header/message/slot").asLong())
        .isEqualTo(slot(replacement));
  }

  @Test
  void theSpecReadsLikeABeaconNodesSpec() throws Exception {
    JsonNode real =
        new ObjectMapper()
            .readTree(TestData.require("op/beacon/eth_v1_config_spec_goerli.json").toFile());
    JsonNode ours = api.spec().get("data");
    int shared = 0;
    for (Map.Entry<String, JsonNode> field : ours.properties()) {
      assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue();
      JsonNode theirs = real.at("/data/" + field.getKey());
      if (!theirs.isMissingNode()) {
        shared++;
        assertThat(field.getValue().asText().startsWith("0x"))
            .as(field.getKey())
            .isEqualTo(theirs.asText().startsWith("0x"));
      }
    }
    assertThat(shared).isGreaterThan(8);
  }
}
