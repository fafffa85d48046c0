package io.merapi.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminPayloadJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String h(int b) {
    return RollupRpcTest.filled(b).toHex();
  }

  /** An ExecutionPayloadV3 in op-node's envelope, as a sequencer's admin_postUnsafePayload. */
  static String ecotoneEnvelope() {
    return """
        {
          "executionPayload": {
            "parentHash": "%s",
            "feeRecipient": "0x4200000000000000000000000000000000000011",
            "stateRoot": "%s",
            "receiptsRoot": "%s",
            "logsBloom": "0x%s",
            "prevRandao": "%s",
            "blockNumber": "0x3e9",
            "gasLimit": "0x1c9c380",
            "gasUsed": "0xab12",
            "timestamp": "0x6553f100",
            "extraData": "0x",
            "baseFeePerGas": "0x3b9aca00",
            "blockHash": "%s",
            "transactions": ["0x7e01", "0x02f8"],
            "withdrawals": [],
            "blobGasUsed": "0x0",
            "excessBlobGas": "0x0"
          },
          "parentBeaconBlockRoot": "%s"
        }
        """
        .formatted(h(0xa0), h(0xa1), h(0xa2), "00".repeat(256), h(0xa3), h(0xab), h(0xbe));
  }

  @Test
  void readsAnEcotonePayloadWithItsBeaconRoot() throws Exception {
    ExecutionPayloadEnvelope envelope =
        ExecutionPayloadEnvelope.fromJson(JSON.readTree(ecotoneEnvelope()));
    ExecutionPayload p = envelope.payload();

    assertThat(p.parentHash()).isEqualTo(RollupRpcTest.filled(0xa0));
    assertThat(p.feeRecipient())
        .isEqualTo(Address.fromHex("0x4200000000000000000000000000000000000011"));
    assertThat(p.stateRoot()).isEqualTo(RollupRpcTest.filled(0xa1));
    assertThat(p.receiptsRoot()).isEqualTo(RollupRpcTest.filled(0xa2));
    assertThat(p.logsBloom().length()).isEqualTo(256);
    assertThat(p.prevRandao()).isEqualTo(RollupRpcTest.filled(0xa3));
    assertThat(p.blockNumber()).isEqualTo(1001);
    assertThat(p.gasLimit()).isEqualTo(30_000_000);
    assertThat(p.gasUsed()).isEqualTo(0xab12);
    assertThat(p.timestamp()).isEqualTo(0x6553f100L);
    assertThat(p.extraData()).isEqualTo(Bytes.fromHex("0x"));
    assertThat(p.baseFeePerGas()).isEqualTo(UInt256.fromQuantity("0x3b9aca00"));
    assertThat(p.blockHash()).isEqualTo(RollupRpcTest.filled(0xab));
    assertThat(p.transactions()).containsExactly(Bytes.fromHex("0x7e01"), Bytes.fromHex("0x02f8"));
    assertThat(p.withdrawals()).contains(List.of());
    assertThat(p.blobGasUsed()).hasValue(0);
    assertThat(p.excessBlobGas()).hasValue(0);
    assertThat(envelope.parentBeaconBlockRoot()).contains(RollupRpcTest.filled(0xbe));
  }

  @Test
  void readsABedrockPayloadWithoutTheLaterFields() throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(ecotoneEnvelope());
    ObjectNode payload = (ObjectNode) envelope.get("executionPayload");
    payload.remove(List.of("withdrawals", "blobGasUsed", "excessBlobGas"));
    envelope.remove("parentBeaconBlockRoot");

    ExecutionPayloadEnvelope decoded = ExecutionPayloadEnvelope.fromJson(envelope);
    assertThat(decoded.payload().withdrawals()).isEmpty();
    assertThat(decoded.payload().blobGasUsed()).isEmpty();
    assertThat(decoded.parentBeaconBlockRoot()).isEmpty();
  }

  @Test
  void readsWithdrawals() throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(ecotoneEnvelope());
    ((ObjectNode) envelope.get("executionPayload"))
        .set(
            "withdrawals",
            JSON.readTree(
                "[{\"index\":\"0x1\",\"validatorIndex\":\"0x2\","
                    + "\"address\":\"0x00000000000000000000000000000000000000aa\","
                    + "\"amount\":\"0x3\"}]"));
    assertThat(ExecutionPayloadEnvelope.fromJson(envelope).payload().withdrawals())
        .contains(
            List.of(
                new Withdrawal(
                    1, 2, Address.fromHex("0x00000000000000000000000000000000000000aa"), 3)));
  }

  private static String failure(String field, JsonNode value) throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(ecotoneEnvelope());
    ObjectNode payload = (ObjectNode) envelope.get("executionPayload");
    if (value == null) {
      payload.remove(field);
    } else {
      payload.set(field, value);
    }
    try {
      ExecutionPayloadEnvelope.fromJson(envelope);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("decoded despite a bad " + field);
  }

  @Test
  void namesTheFieldThatIsWrong() throws Exception {
    assertThat(failure("blockHash", null)).contains("'blockHash'").contains("missing");
    assertThat(failure("stateRoot", JSON.readTree("\"0x1234\""))).contains("'stateRoot'");
    assertThat(failure("blockNumber", JSON.readTree("1001"))).contains("'blockNumber'");
    assertThat(failure("gasLimit", JSON.readTree("\"0x01\""))).contains("'gasLimit'");
    assertThat(failure("logsBloom", JSON.readTree("\"0x00\""))).contains("'logsBloom'");
    assertThat(failure("transactions", JSON.readTree("\"0x\""))).contains("'transactions'");
    assertThat(failure("transactions", JSON.readTree("[\"7e\"]"))).contains("'transactions");
    assertThat(failure("baseFeePerGas", JSON.readTree("\"0xzz\""))).contains("'baseFeePerGas'");
  }

  @Test
  void refusesWhatIsNotAnEnvelope() {
    assertThatThrownBy(() -> ExecutionPayloadEnvelope.fromJson(JSON.readTree("[]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("execution payload envelope must be a JSON object");
    assertThatThrownBy(
            () -> ExecutionPayloadEnvelope.fromJson(JSON.readTree("{\"executionPayload\":\"0x\"}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ExecutionPayloadEnvelope.fromJson(
                    JSON.readTree(
                        ecotoneEnvelope()
                            .replace(
                                "\"parentBeaconBlockRoot\": \"",
                                "\"parentBeaconBlockRoot\": \"0x11"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parentBeaconBlockRoot");
  }

  @Test
  void anyWrongValueInAnyFieldIsAnIllegalArgumentNeverAnotherFailure() throws Exception {
    List<String> wrongValues =
        List.of(
            "null",
            "1",
            "-1",
            "true",
            "[]",
            "{}",
            "\"\"",
            "\"0x\"",
            "\"0xg0\"",
            "\"0x1\"",
            "\"0x" + "ff".repeat(40) + "\"",
            "[1]",
            "[\"0x\", null]");
    ObjectNode fixture = (ObjectNode) JSON.readTree(ecotoneEnvelope());
    List<String> fields = new java.util.ArrayList<>();
    fixture.get("executionPayload").fieldNames().forEachRemaining(fields::add);
    int refused = 0;
    for (String field : fields) {
      for (String wrong : wrongValues) {
        ObjectNode envelope = fixture.deepCopy();
        ((ObjectNode) envelope.get("executionPayload")).set(field, JSON.readTree(wrong));
        try {
          ExecutionPayloadEnvelope.fromJson(envelope);
        } catch (IllegalArgumentException e) {
          assertThat(e.getMessage()).as("%s = %s", field, wrong).contains(field);
          refused++;
        }
      }
    }
    // Most replacements are refused; the rest are valid values of an optional field (null).
    assertThat(refused).isGreaterThan(fields.size() * (wrongValues.size() - 3));
  }
}
