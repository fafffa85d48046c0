package io.merapi.execution.engine;

import static io.merapi.execution.engine.EngineHarness.forkchoice;
import static io.merapi.execution.testing.ChainFixture.GWEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcJson;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.OptimismConfig;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The Engine API on an OP Stack chain (Granite at genesis, so Cancun rules): payload attributes
 * with forced deposits and a gas limit, the pool's transactions after them, and op-geth's envelope.
 */
class EngineApiOpStackTest {

  private static ChainConfig graniteConfig() {
    ChainConfig l1 = DevGenesis.config(ChainFixture.CHAIN_ID);
    return new ChainConfig(
        ChainFixture.CHAIN_ID,
        l1.forkBlocks(),
        l1.forkTimes(),
        l1.terminalTotalDifficulty(),
        true,
        OptionalLong.empty(),
        Optional.empty(),
        Map.of(),
        OptionalLong.of(0),
        Map.of(
            OpFork.REGOLITH, 0L,
            OpFork.CANYON, 0L,
            OpFork.DELTA, 0L,
            OpFork.ECOTONE, 0L,
            OpFork.FJORD, 0L,
            OpFork.GRANITE, 0L),
        Optional.of(new OptimismConfig(6, 50, OptionalLong.of(250))));
  }

  private static void assertAttributesRefused(Runnable call, String why) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(EngineErrors.INVALID_PAYLOAD_ATTRIBUTES);
              assertThat(e.error().data().orElseThrow().get("err").textValue()).contains(why);
            });
  }

  @Test
  void sequencesDepositsThenPoolTransactions() {
    try (EngineHarness engine =
        new EngineHarness(new ChainFixture(2, DevGenesis.BALANCE, graniteConfig()))) {
      Transaction user = ChainFixture.transfer(engine.fixture.keys.get(0), 0, GWEI, 10 * GWEI);
      engine.pool.add(user);
      Transaction deposit =
          new DepositTransaction(
              Hash.fromHex("0x" + "22".repeat(32)),
              Address.fromHex("0x00000000000000000000000000000000000de905"),
              Optional.of(ChainFixture.RECIPIENT),
              UInt256.valueOf(1_000_000_000_000L),
              UInt256.valueOf(5),
              100_000,
              false,
              Bytes.EMPTY);
      Hash root = engine.beaconRoot();
      ObjectNode attributes = engine.attributesV3(2);
      attributes.putArray("transactions").add(Hex.encode(deposit.encoded()));
      attributes.put("gasLimit", "0x1c9c380");

      ObjectNode withoutGasLimit = attributes.deepCopy();
      withoutGasLimit.remove("gasLimit");
      assertAttributesRefused(
          () ->
              engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), withoutGasLimit),
          "gasLimit parameter is required");
      ObjectNode early = attributes.deepCopy();
      early.put("eip1559Params", "0x0000000800000002");
      assertAttributesRefused(
          () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), early),
          "before Holocene");
      ObjectNode jovian = attributes.deepCopy();
      jovian.put("minBaseFee", "0x3b9aca00");
      assertAttributesRefused(
          () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), jovian),
          "minBaseFee must be null before Jovian");

      JsonNode fcu =
          engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), attributes);
      JsonNode envelope = engine.call("engine_getPayloadV3", fcu.get("payloadId").textValue());
      JsonNode payload = envelope.get("executionPayload");
      assertThat(payload.get("transactions")).hasSize(2);
      assertThat(payload.get("transactions").get(0).textValue())
          .isEqualTo(Hex.encode(deposit.encoded()));
      assertThat(payload.get("transactions").get(1).textValue())
          .isEqualTo(Hex.encode(user.encoded()));
      assertThat(payload.get("gasLimit").textValue()).isEqualTo("0x1c9c380");
      assertThat(envelope.get("parentBeaconBlockRoot").textValue()).isEqualTo(root.toHex());

      JsonNode status =
          engine.call(
              "engine_newPayloadV3", payload, RpcJson.mapper().createArrayNode(), root.toHex());
      assertThat(status.get("status").textValue()).isEqualTo("VALID");
      Hash hash = Hash.fromHex(payload.get("blockHash").textValue());
      engine.call("engine_forkchoiceUpdatedV3", forkchoice(hash), null);
      assertThat(engine.head()).isEqualTo(hash);
      assertThat(
              engine
                  .fixture
                  .chain
                  .headState()
                  .account(ChainFixture.RECIPIENT)
                  .orElseThrow()
                  .balance())
          .isEqualTo(UInt256.valueOf(5 + 1));
    }
  }
}
