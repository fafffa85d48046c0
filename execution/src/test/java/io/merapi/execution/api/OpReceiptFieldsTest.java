package io.merapi.execution.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;
import io.merapi.types.json.Json;
import io.merapi.types.json.L1FeeInfo;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The L1 fee fields of receipts, with the numbers of op-geth's receipt and rollup-cost tests (L1
 * base fee 1000 gwei... 1e9, overhead 50, scalar 7e6; Ecotone scalars 2 and 3, blob base fee 1e7)
 * on its 30-byte unsigned legacy transaction.
 */
class OpReceiptFieldsTest {
  /** Bedrock attributes: L1 base fee 1e9, overhead 50, scalar 7,000,000 (twice: longer is ok). */
  static final String BEDROCK_PAYLOAD =
      "015d8eb9"
          + word(1234)
          + word(1234)
          + word(1_000_000_000)
          + word(1234)
          + word(1234)
          + word(1234)
          + word(50)
          + word(7_000_000);

  /** Ecotone attributes: scalars 2 and 3, L1 base fee 1e9, blob base fee 1e7. */
  static final String ECOTONE_PAYLOAD =
      "440a5e20"
          + "00000002"
          + "00000003"
          + "00000000000004d2"
          + "00000000000004d2"
          + "00000000000004d2"
          + word(1_000_000_000)
          + word(10_000_000)
          + word(1234)
          + word(1234);

  static String word(long v) {
    return String.format("%064x", v);
  }

  /** op-geth's {@code emptyTx}: nonce, price, gas and value 0, no signature; 30 bytes, no zero. */
  static final Transaction EMPTY_TX =
      new LegacyTransaction(
          0,
          UInt256.ZERO,
          0,
          Optional.of(Address.fromHex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87")),
          UInt256.ZERO,
          Bytes.EMPTY,
          UInt256.ZERO,
          UInt256.ZERO,
          UInt256.ZERO);

  static DepositTransaction info(String payload) {
    return new DepositTransaction(
        Hash.ZERO,
        Address.ZERO,
        Optional.empty(),
        UInt256.ZERO,
        UInt256.valueOf(6),
        50,
        false,
        Bytes.fromHex("0x" + payload));
  }

  static ChainConfig config(Map<OpFork, Long> opForks) {
    Map<Fork, Long> blocks = new EnumMap<>(Fork.class);
    for (Fork f : Fork.values()) {
      if (f != Fork.FRONTIER && f.isBefore(Fork.PARIS)) {
        blocks.put(f, 0L);
      }
    }
    return new ChainConfig(
        901,
        blocks,
        Map.of(),
        Optional.of(UInt256.ZERO),
        true,
        OptionalLong.of(0),
        Optional.empty(),
        Map.of(),
        OptionalLong.of(0),
        opForks,
        Optional.of(new OptimismConfig(50, 10, OptionalLong.empty())));
  }

  static final ChainConfig BEDROCK = config(Map.of());
  static final ChainConfig REGOLITH = config(Map.of(OpFork.REGOLITH, 0L));
  static final ChainConfig ECOTONE =
      config(Map.of(OpFork.REGOLITH, 0L, OpFork.CANYON, 0L, OpFork.DELTA, 0L, OpFork.ECOTONE, 0L));

  static final ChainConfig FJORD =
      config(
          Map.of(
              OpFork.REGOLITH,
              0L,
              OpFork.CANYON,
              0L,
              OpFork.DELTA,
              0L,
              OpFork.ECOTONE,
              0L,
              OpFork.FJORD,
              0L));

  static L1FeeInfo derive(ChainConfig config, String payload) {
    List<Optional<L1FeeInfo>> fields =
        OpReceiptFields.derive(config, 1, 0, List.of(info(payload), EMPTY_TX));
    assertThat(fields.get(0)).as("deposits carry no L1 fee fields").isEmpty();
    for (int i = 0; i < fields.size(); i++) {
      assertThat(OpReceiptFields.derive(config, 1, 0, List.of(info(payload), EMPTY_TX), i))
          .as("the fields of transaction %d alone (a receipt lookup)", i)
          .isEqualTo(fields.get(i));
    }
    return fields.get(1).orElseThrow();
  }

  @Test
  void bedrockFieldsAndTheDecimalScalar() {
    L1FeeInfo fee = derive(BEDROCK, BEDROCK_PAYLOAD + BEDROCK_PAYLOAD);
    assertThat(fee.l1GasPrice()).contains(UInt256.valueOf(1_000_000_000));
    assertThat(fee.l1GasUsed()).contains(UInt256.valueOf(1618)); // (30 + 68) * 16 + 50
    assertThat(fee.l1Fee()).contains(UInt256.valueOf(11_326_000_000_000L));
    assertThat(fee.l1FeeScalar()).contains("7");
    assertThat(fee.l1BlobBaseFee()).isEmpty();
    assertThat(fee.l1BaseFeeScalar()).isEmpty();
    assertThat(fee.operatorFeeScalar()).isEmpty();

    L1FeeInfo regolith = derive(REGOLITH, BEDROCK_PAYLOAD);
    assertThat(regolith.l1GasUsed()).contains(UInt256.valueOf(530));
    assertThat(regolith.l1Fee()).contains(UInt256.valueOf(3_710_000_000_000L));
  }

  @Test
  void theFirstEcotoneBlockStillReadsBedrockAttributes() {
    L1FeeInfo fee = derive(ECOTONE, BEDROCK_PAYLOAD);
    assertThat(fee.l1FeeScalar()).contains("7");
    assertThat(fee.l1Fee()).contains(UInt256.valueOf(3_710_000_000_000L));
    assertThat(fee.l1BaseFeeScalar()).isEmpty();
  }

  @Test
  void ecotoneAndFjordFields() {
    L1FeeInfo ecotone = derive(ECOTONE, ECOTONE_PAYLOAD);
    assertThat(ecotone.l1GasPrice()).contains(UInt256.valueOf(1_000_000_000));
    assertThat(ecotone.l1GasUsed()).contains(UInt256.valueOf(480));
    assertThat(ecotone.l1Fee()).contains(UInt256.valueOf(960_900)); // (480/16)*(2*16*1000+3*10)
    assertThat(ecotone.l1FeeScalar()).isEmpty();
    assertThat(ecotone.l1BlobBaseFee()).contains(UInt256.valueOf(10_000_000));
    assertThat(ecotone.l1BaseFeeScalar()).hasValue(2);
    assertThat(ecotone.l1BlobBaseFeeScalar()).hasValue(3);

    L1FeeInfo fjord = derive(FJORD, ECOTONE_PAYLOAD);
    // The minimum size (100 bytes scaled) applies: 1e8 * (2*1e9*16 + 3*1e7) / 1e12.
    assertThat(fjord.l1Fee()).contains(UInt256.valueOf(3_203_000));
    assertThat(fjord.l1GasUsed()).contains(UInt256.valueOf(1600));
  }

  @Test
  void ecotoneAttributesBeforeEcotoneAreAnError() {
    assertThatThrownBy(() -> derive(BEDROCK, ECOTONE_PAYLOAD))
        .hasMessageContaining("expected at least 260 L1 info bytes, got 164");
    assertThatThrownBy(() -> derive(ECOTONE, ECOTONE_PAYLOAD + "00"))
        .hasMessageContaining("expected 164 L1 info bytes, got 165");
  }

  @Test
  void aBlockWithOnlyItsInfoDepositOrAnL1ChainHasNoFields() {
    assertThat(OpReceiptFields.derive(ECOTONE, 1, 0, List.of(info(ECOTONE_PAYLOAD))))
        .containsExactly(Optional.empty());
    ChainConfig l1 =
        new ChainConfig(
            1,
            Map.of(),
            Map.of(),
            Optional.empty(),
            false,
            OptionalLong.empty(),
            Optional.empty(),
            Map.of(),
            OptionalLong.empty(),
            Map.of(),
            Optional.empty());
    assertThat(OpReceiptFields.derive(l1, 1, 0, List.of(EMPTY_TX, EMPTY_TX)))
        .containsExactly(Optional.empty(), Optional.empty());
  }

  /** Go's {@code big.Float.String()} of scalar / 1e6 (10 significant digits, 'g' format). */
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "684000, 0.684",
    "1000000, 1",
    "7000000, 7",
    "1, 1e-06",
    "100, 0.0001",
    "10, 1e-05",
    "123456789, 123.456789",
    "1234567891, 1234.567891",
    "12345678912, 12345.67891",
    "9999999999999999, 1e+10",
    "10000000000000000, 1e+10",
    "12345678900000000, 1.23456789e+10",
    "452312848583266388373324160190187140051835877600158453279131187531910662144,"
        + " 4.523128486e+68",
  })
  void feeScalarIsPrintedAsGoPrintsABigFloat(String scalar, String printed) {
    assertThat(OpReceiptFields.scaledScalar(new BigInteger(scalar))).isEqualTo(printed);
  }

  @Test
  void receiptJsonHasTheFieldsOfItsFork() {
    Receipt receipt = Receipt.of(EMPTY_TX.type(), true, 21_000, List.of());
    RpcReceipt rpc =
        new RpcReceipt(
            receipt,
            Hash.ZERO,
            1,
            Hash.ZERO,
            1,
            Address.ZERO,
            EMPTY_TX.to(),
            21_000,
            UInt256.ONE,
            Optional.empty(),
            0,
            OptionalLong.empty(),
            Optional.empty(),
            Optional.of(derive(ECOTONE, ECOTONE_PAYLOAD)));
    JsonNode json = Json.mapper().valueToTree(rpc);
    assertThat(json.get("l1GasPrice").asText()).isEqualTo("0x3b9aca00");
    assertThat(json.get("l1GasUsed").asText()).isEqualTo("0x1e0");
    assertThat(json.get("l1Fee").asText()).isEqualTo("0xea984");
    assertThat(json.get("l1BlobBaseFee").asText()).isEqualTo("0x989680");
    assertThat(json.get("l1BaseFeeScalar").asText()).isEqualTo("0x2");
    assertThat(json.get("l1BlobBaseFeeScalar").asText()).isEqualTo("0x3");
    assertThat(json.has("l1FeeScalar")).isFalse();
    assertThat(json.has("operatorFeeScalar")).isFalse();

    JsonNode bedrock =
        Json.mapper()
            .valueToTree(
                new RpcReceipt(
                    receipt,
                    Hash.ZERO,
                    1,
                    Hash.ZERO,
                    1,
                    Address.ZERO,
                    EMPTY_TX.to(),
                    21_000,
                    UInt256.ONE,
                    Optional.empty(),
                    0,
                    OptionalLong.empty(),
                    Optional.empty(),
                    Optional.of(derive(BEDROCK, BEDROCK_PAYLOAD))));
    assertThat(bedrock.get("l1FeeScalar").isTextual()).isTrue();
    assertThat(bedrock.get("l1FeeScalar").asText()).isEqualTo("7");
    assertThat(bedrock.has("l1BlobBaseFee")).isFalse();
  }
}
