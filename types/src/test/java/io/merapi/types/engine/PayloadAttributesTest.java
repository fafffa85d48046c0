package io.merapi.types.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The Engine API JSON of payload attributes, both ways, and the copies with one field changed. */
class PayloadAttributesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final PayloadAttributes FULL =
      new PayloadAttributes(
          0x6700_0002L,
          Hash.fromHex("0x" + "11".repeat(32)),
          Address.fromHex("0x4200000000000000000000000000000000000011"),
          Optional.of(List.of(new Withdrawal(1, 2, Address.fromHex("0x" + "33".repeat(20)), 4))),
          Optional.of(Hash.fromHex("0x" + "22".repeat(32))),
          List.of(Bytes.fromHex("0x7ef8"), Bytes.fromHex("0x02c0")),
          true,
          OptionalLong.of(30_000_000),
          Optional.of(Bytes.fromHex("0x000000fa00000006")),
          Optional.of(UInt256.valueOf(1_000_000_007)));

  static final PayloadAttributes PLAIN =
      PayloadAttributes.of(
          12,
          Hash.fromHex("0x" + "44".repeat(32)),
          Address.ZERO,
          Optional.empty(),
          Optional.empty());

  static Stream<PayloadAttributes> values() {
    return Stream.of(
        FULL,
        PLAIN,
        // Canyon: an empty withdrawals list is present, not absent.
        PayloadAttributes.of(
            12, Hash.ZERO, Address.ZERO, Optional.of(List.of()), Optional.of(Hash.ZERO)));
  }

  @ParameterizedTest
  @MethodSource("values")
  void jsonReadsBackEqual(PayloadAttributes a) {
    assertThat(PayloadAttributes.fromJson(a.toJson())).isEqualTo(a);
  }

  @Test
  void jsonHasTheEngineApiFieldNames() throws Exception {
    JsonNode expected =
        JSON.readTree(
            """
            {"timestamp":"0x67000002",
             "prevRandao":"0x1111111111111111111111111111111111111111111111111111111111111111",
             "suggestedFeeRecipient":"0x4200000000000000000000000000000000000011",
             "withdrawals":[{"index":"0x1","validatorIndex":"0x2",
               "address":"0x3333333333333333333333333333333333333333","amount":"0x4"}],
             "parentBeaconBlockRoot":
               "0x2222222222222222222222222222222222222222222222222222222222222222",
             "transactions":["0x7ef8","0x02c0"],
             "noTxPool":true,
             "gasLimit":"0x1c9c380",
             "eip1559Params":"0x000000fa00000006",
             "minBaseFee":"0x3b9aca07"}
            """);
    assertThat(FULL.toJson()).isEqualTo(expected);
    assertThat(PLAIN.toJson().has("transactions")).isFalse();
    assertThat(PLAIN.toJson().has("noTxPool")).isFalse();
    assertThat(PLAIN.toJson().has("withdrawals")).isFalse();
  }

  record Bad(String name, String field, Object value, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Bad> badFields() {
    return Stream.of(
        new Bad("unknown field", "blobs", "0x", "'blobs': unknown field"),
        new Bad("timestamp not hex", "timestamp", 12, "'timestamp': must be a hex quantity"),
        new Bad("short prevRandao", "prevRandao", "0x11", "'prevRandao': must be 32 bytes"),
        new Bad(
            "eip1559Params of 9 bytes", "eip1559Params", "0x" + "00".repeat(9), "must be 8 bytes"),
        new Bad("noTxPool not boolean", "noTxPool", "true", "'noTxPool': must be a boolean"),
        new Bad(
            "transaction without 0x",
            "transactions",
            List.of("7e"),
            "'transactions[0]': must start with 0x"),
        new Bad("withdrawals not an array", "withdrawals", "0x", "'withdrawals': must be an array"),
        new Bad("minBaseFee not a quantity", "minBaseFee", "0xzz", "'minBaseFee'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void errorsNameTheirField(Bad bad) {
    ObjectNode json = FULL.toJson();
    json.set(bad.field(), JSON.valueToTree(bad.value()));
    assertThatThrownBy(() -> PayloadAttributes.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad.message());
  }

  @Test
  void requiredFieldsMustBeThere() {
    ObjectNode json = FULL.toJson();
    json.remove("suggestedFeeRecipient");
    assertThatThrownBy(() -> PayloadAttributes.fromJson(json))
        .hasMessageContaining("'suggestedFeeRecipient': missing");
    assertThatThrownBy(() -> PayloadAttributes.fromJson(JSON.createArrayNode()))
        .hasMessageContaining("must be a JSON object");
  }

  /** Each copy changes its one field and keeps every other. */
  @Test
  void copiesKeepEveryOtherField() {
    PayloadAttributes depositsOnly = FULL.withTransactions(List.of(Bytes.fromHex("0x7ef8")));
    assertThat(depositsOnly)
        .usingRecursiveComparison()
        .ignoringFields("transactions")
        .isEqualTo(FULL);
    assertThat(depositsOnly.transactions()).containsExactly(Bytes.fromHex("0x7ef8"));
    PayloadAttributes pool = FULL.withNoTxPool(false);
    assertThat(pool).usingRecursiveComparison().ignoringFields("noTxPool").isEqualTo(FULL);
    assertThat(pool.noTxPool()).isFalse();
  }

  @Test
  void rollupFields() {
    assertThat(PLAIN.hasRollupFields()).isFalse();
    assertThat(FULL.hasRollupFields()).isTrue();
    assertThat(PLAIN.withNoTxPool(true).hasRollupFields()).isTrue();
  }
}
