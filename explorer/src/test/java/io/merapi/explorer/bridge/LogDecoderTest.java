package io.merapi.explorer.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.types.receipt.Log;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Logs as the chains write them, named and decoded; unknown ones left raw. */
class LogDecoderTest {
  private final LogDecoder decoder = LogDecoder.standard();

  private static final Address ALICE =
      Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  private static final Address BOB = Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

  @Test
  void anErc20TransferAsMainnetWritesItIsDecodedWithFieldNames() {
    // A Transfer(address,address,uint256) log byte for byte: topic 0 is the well-known hash.
    Log log =
        new Log(
            Address.fromHex("0x4200000000000000000000000000000000000006"),
            List.of(
                Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
                Hash.fromHex("0x00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8"),
                Hash.fromHex("0x0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc")),
            Bytes.fromHex("0x0000000000000000000000000000000000000000000000000de0b6b3a7640000"));

    LogDecoder.Decoded decoded = decoder.decode(log, Optional.of("WETH")).orElseThrow();

    assertThat(decoded.contract()).isEqualTo("WETH");
    assertThat(decoded.event()).isEqualTo("Transfer");
    assertThat(decoded.fields())
        .extracting(LogDecoder.Field::name)
        .containsExactly("src", "dst", "wad");
    assertThat(decoded.fields().get(0).value()).isEqualTo(ALICE.toChecksumHex());
    assertThat(decoded.fields().get(1).value()).isEqualTo(BOB.toChecksumHex());
    assertThat(decoded.fields().get(2).value())
        .isEqualTo(UInt256.valueOf(1_000_000_000_000_000_000L));

    // At an address the explorer does not know, the same log still decodes, named by a declarer.
    LogDecoder.Decoded anywhere = decoder.decode(log, Optional.empty()).orElseThrow();
    assertThat(anywhere.event()).isEqualTo("Transfer");
    assertThat(decoder.candidates(log.topics().getFirst()))
        .extracting(LogDecoder.Known::contract)
        .contains("WETH", "OptimismMintableERC20", "ERC-20");
  }

  @Test
  void theBridgesEventsAreDecoded() {
    Hash withdrawalHash =
        Hash.fromHex("0x8b6ac8e3c3d2ee2b4f4cf1d6c0b0cbe1dd2f2d4c5a9b6f1e3d4c5b6a79887766");
    var event = OptimismPortal2.Events.WithdrawalFinalized.EVENT;
    Log finalized =
        new Log(
            Address.fromHex("0x1111111111111111111111111111111111111111"),
            event.encodeTopics(List.of(withdrawalHash, true)),
            Bytes.wrap(event.encodeData(List.of(withdrawalHash, true))));
    LogDecoder.Decoded decoded =
        decoder.decode(finalized, Optional.of("OptimismPortal2")).orElseThrow();
    assertThat(decoded.event()).isEqualTo("WithdrawalFinalized");
    assertThat(decoded.fields())
        .extracting(LogDecoder.Field::name, LogDecoder.Field::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("withdrawalHash", withdrawalHash),
            org.assertj.core.groups.Tuple.tuple("success", true));

    var passed = L2ToL1MessagePasser.Events.MessagePassed.EVENT;
    List<Object> values =
        List.of(
            UInt256.valueOf(7),
            ALICE,
            BOB,
            UInt256.valueOf(100),
            UInt256.valueOf(21_000),
            Bytes.EMPTY,
            withdrawalHash);
    Log message =
        new Log(
            BridgeContracts.L2_TO_L1_MESSAGE_PASSER,
            passed.encodeTopics(values),
            Bytes.wrap(passed.encodeData(values)));
    LogDecoder.Decoded m =
        decoder.decode(message, Optional.of("L2ToL1MessagePasser")).orElseThrow();
    assertThat(m.event()).isEqualTo("MessagePassed");
    assertThat(m.fields())
        .extracting(LogDecoder.Field::name)
        .containsExactly(
            "nonce", "sender", "target", "value", "gasLimit", "data", "withdrawalHash");
    assertThat(m.fields().get(1).indexed()).isTrue();
    assertThat(m.fields().get(6).value()).isEqualTo(withdrawalHash);
  }

  @Test
  void unknownEventsAndLogsWithoutTopicsStayRaw() {
    Log unknown =
        new Log(ALICE, List.of(Hash.fromHex("0x" + "12".repeat(32))), Bytes.fromHex("0x01"));
    assertThat(decoder.decode(unknown, Optional.empty())).isEmpty();
    assertThat(decoder.decode(new Log(ALICE, List.of(), Bytes.EMPTY), Optional.empty())).isEmpty();
    // A Transfer topic with the wrong number of topics decodes as none of the declarers.
    Log wrongShape =
        new Log(
            ALICE,
            List.of(
                Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")),
            Bytes.EMPTY);
    assertThat(decoder.decode(wrongShape, Optional.empty())).isEmpty();
  }
}
