package io.merapi.types.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Withdrawal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Engine API JSON of execution payloads and of op-node's payload envelope, both ways. */
class ExecutionPayloadJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final ExecutionPayload CANCUN =
      new ExecutionPayload(
          Hash.fromHex("0x" + "01".repeat(32)),
          Address.fromHex("0x4200000000000000000000000000000000000011"),
          Hash.fromHex("0x" + "02".repeat(32)),
          Hash.fromHex("0x" + "03".repeat(32)),
          Bytes.wrap(new byte[256]),
          Hash.fromHex("0x" + "04".repeat(32)),
          7,
          30_000_000,
          46_913,
          0x6700_0002L,
          Bytes.fromHex("0x00000000fa00000006"),
          UInt256.valueOf(1_000_000_007),
          Hash.fromHex("0x" + "05".repeat(32)),
          List.of(Bytes.fromHex("0x7ef8"), Bytes.fromHex("0x02c0")),
          Optional.of(List.of(new Withdrawal(1, 2, Address.fromHex("0x" + "33".repeat(20)), 4))),
          OptionalLong.of(0),
          OptionalLong.of(0));

  static final ExecutionPayload BEDROCK =
      new ExecutionPayload(
          CANCUN.parentHash(),
          CANCUN.feeRecipient(),
          CANCUN.stateRoot(),
          CANCUN.receiptsRoot(),
          CANCUN.logsBloom(),
          CANCUN.prevRandao(),
          1,
          30_000_000,
          0,
          2,
          Bytes.EMPTY,
          UInt256.ONE,
          CANCUN.blockHash(),
          List.of(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());

  static Stream<ExecutionPayload> payloads() {
    return Stream.of(CANCUN, BEDROCK);
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void payloadReadsBackEqual(ExecutionPayload payload) {
    assertThat(ExecutionPayload.fromJson(payload.toJson())).isEqualTo(payload);
  }

  @Test
  void absentFieldsAreNotWritten() {
    ObjectNode json = BEDROCK.toJson();
    assertThat(json.has("withdrawals")).isFalse();
    assertThat(json.has("blobGasUsed")).isFalse();
    assertThat(json.has("excessBlobGas")).isFalse();
    assertThat(json.get("transactions").isArray()).isTrue();
    assertThat(json.get("blockNumber").asText()).isEqualTo("0x1");
  }

  @Test
  void envelopeReadsBackEqualAndIgnoresGetPayloadExtras() {
    ExecutionPayloadEnvelope envelope =
        new ExecutionPayloadEnvelope(CANCUN, Optional.of(Hash.fromHex("0x" + "06".repeat(32))));
    ObjectNode json = envelope.toJson();
    assertThat(ExecutionPayloadEnvelope.fromJson(json)).isEqualTo(envelope);
    json.put("blockValue", "0x0").put("shouldOverrideBuilder", false).putObject("blobsBundle");
    assertThat(ExecutionPayloadEnvelope.fromJson(json)).isEqualTo(envelope);
    ExecutionPayloadEnvelope bare = new ExecutionPayloadEnvelope(BEDROCK, Optional.empty());
    assertThat(ExecutionPayloadEnvelope.fromJson(bare.toJson())).isEqualTo(bare);
  }

  record Bad(String field, Object value, String message) {
    @Override
    public String toString() {
      return field + " = " + value;
    }
  }

  static Stream<Bad> badFields() {
    return Stream.of(
        new Bad("blockNumber", 7, "'blockNumber': must be a hex quantity string"),
        new Bad("blockHash", "0x11", "'blockHash': must be 32 bytes, found 1"),
        new Bad("logsBloom", "0x00", "'logsBloom': must be 256 bytes"),
        new Bad("transactions", "0x", "'transactions': must be an array"),
        new Bad("transactions", List.of("7e"), "'transactions[0]': must start with 0x"),
        new Bad("baseFeePerGas", "0xzz", "'baseFeePerGas'"),
        new Bad("withdrawals", List.of(1), "'withdrawals[0]': must be an object"),
        new Bad("withdrawalsRoot", "0x" + "00".repeat(32), "Isthmus payloads are not supported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void errorsNameTheirField(Bad bad) {
    ObjectNode json = CANCUN.toJson();
    json.set(bad.field(), JSON.valueToTree(bad.value()));
    assertThatThrownBy(() -> ExecutionPayload.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("execution payload field")
        .hasMessageContaining(bad.message());
  }

  @Test
  void missingPartsAreNamed() {
    ObjectNode json = CANCUN.toJson();
    json.remove("stateRoot");
    assertThatThrownBy(() -> ExecutionPayload.fromJson(json))
        .hasMessageContaining("'stateRoot': missing");
    assertThatThrownBy(() -> ExecutionPayload.fromJson(JSON.createArrayNode()))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ExecutionPayloadEnvelope.fromJson(JSON.createObjectNode()))
        .hasMessageContaining("'executionPayload': missing");
    assertThatThrownBy(() -> ExecutionPayload.fromJson(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
