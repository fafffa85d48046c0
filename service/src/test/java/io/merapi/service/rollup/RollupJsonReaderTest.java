package io.merapi.service.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.rpc.RpcJson;
import io.merapi.types.config.RollupConfig.BlockId;
import org.junit.jupiter.api.Test;

class RollupJsonReaderTest {
  private static JsonNode json(String text) throws Exception {
    return RpcJson.mapper().readTree(text);
  }

  private static Hash h(String hashByte) {
    return Hash.fromHex("0x" + hashByte.repeat(32));
  }

  @Test
  void readsOpNodesSyncStatus() throws Exception {
    SyncStatus status = RollupJsonReader.syncStatus(json(RollupJsonSamples.SYNC_STATUS));
    assertThat(status.currentL1())
        .isEqualTo(new L1BlockRef(h("a1"), 100, h("0f"), 1_700_000_000L + 1200));
    assertThat(status.headL1().number()).isEqualTo(101);
    assertThat(status.safeL1().number()).isEqualTo(93);
    assertThat(status.finalizedL1().number()).isEqualTo(85);
    assertThat(status.currentL1Finalized().number()).isEqualTo(84);
    assertThat(status.unsafeL2())
        .isEqualTo(
            new L2BlockRef(h("b1"), 250, h("0e"), 1_700_000_500L, new BlockId(h("0d"), 99), 3));
    assertThat(status.safeL2().number()).isEqualTo(240);
    assertThat(status.finalizedL2().number()).isEqualTo(200);
    assertThat(status.pendingSafeL2().sequenceNumber()).isEqualTo(2);
  }

  @Test
  void readsAnOutputResponse() throws Exception {
    OutputResponse output = RollupJsonReader.outputResponse(json(RollupJsonSamples.OUTPUT));
    assertThat(output.version()).isEqualTo(Hash.ZERO);
    assertThat(output.outputRoot()).isEqualTo(h("c1"));
    assertThat(output.blockRef().number()).isEqualTo(240);
    assertThat(output.withdrawalStorageRoot()).isEqualTo(h("c2"));
    assertThat(output.stateRoot()).isEqualTo(h("c3"));
    assertThat(output.syncStatus().safeL2().number()).isEqualTo(240);
  }

  @Test
  void uint64sAboveLongMaxSurvive() throws Exception {
    ObjectNode ref = (ObjectNode) json(RollupJsonSamples.l1("a1", 1));
    ref.put("number", new java.math.BigInteger("18446744073709551615"));
    assertThat(RollupJsonReader.l1BlockRef(ref, "ref").number()).isEqualTo(-1L);
  }

  @Test
  void malformedAnswersNameTheField() throws Exception {
    ObjectNode status = (ObjectNode) json(RollupJsonSamples.SYNC_STATUS);
    status.remove("safe_l2");
    assertThatThrownBy(() -> RollupJsonReader.syncStatus(status))
        .hasMessage("missing syncStatus.safe_l2");
    ObjectNode ref = (ObjectNode) json(RollupJsonSamples.l1("a1", 1));
    ref.put("number", "0x1");
    assertThatThrownBy(() -> RollupJsonReader.l1BlockRef(ref, "head_l1"))
        .hasMessageContaining("head_l1.number is not a number");
    ref.put("number", -1);
    assertThatThrownBy(() -> RollupJsonReader.l1BlockRef(ref, "head_l1"))
        .hasMessageContaining("not a uint64");
    ref.put("number", 1);
    ref.put("hash", "0x12");
    assertThatThrownBy(() -> RollupJsonReader.l1BlockRef(ref, "head_l1"))
        .hasMessageContaining("head_l1.hash is not a 32-byte hash");
  }
}
