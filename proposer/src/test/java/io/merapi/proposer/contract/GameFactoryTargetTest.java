package io.merapi.proposer.contract;

import static io.merapi.proposer.Fakes.hash;
import static io.merapi.proposer.Fakes.l1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.structs.GameSearchResult;
import io.merapi.proposer.Fakes;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GameFactoryTargetTest {
  static final Address FACTORY = Address.fromHex("0x00000000000000000000000000000000000000fa");
  static final long TYPE = 254;
  static final long NOW = 10_000;

  final Fakes.Contract factory = new Fakes.Contract();

  GameFactoryTarget target() {
    return new GameFactoryTarget(
        new ContractReader(factory, FACTORY, "DisputeGameFactory"),
        TYPE,
        Duration.ofSeconds(60),
        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  }

  void latestGame(long createdAt, long l2Block) {
    factory.answer(DisputeGameFactory.gameCount(), UInt256.valueOf(3));
    factory.answer(
        DisputeGameFactory.findLatestGames(TYPE, UInt256.valueOf(2), UInt256.ONE),
        List.of(
            new GameSearchResult(
                    UInt256.valueOf(2),
                    hash(5),
                    createdAt,
                    hash(6),
                    Bytes.wrap(UInt256.valueOf(l2Block).toBytes()))
                .toAbi()));
  }

  @Test
  void withNoGamesTheNewestProposableBlockIsDueButNotGenesis() {
    factory.answer(DisputeGameFactory.gameCount(), UInt256.ZERO);
    assertThat(target().due(12)).isEqualTo(OptionalLong.of(12));
    assertThat(target().due(0)).isEmpty();
  }

  @Test
  void waitsOutTheIntervalSinceTheLatestGame() {
    latestGame(NOW - 30, 8);
    assertThat(target().due(12)).isEmpty();
    latestGame(NOW - 60, 8);
    assertThat(target().due(12)).isEqualTo(OptionalLong.of(12));
  }

  @Test
  void neverProposesABlockAtOrBeforeTheLatestGames() {
    latestGame(NOW - 600, 12);
    assertThat(target().due(12)).isEmpty();
    assertThat(target().due(13)).isEqualTo(OptionalLong.of(13));
  }

  @Test
  void createsTheGameWithTheBlockNumberAsExtraDataAndPaysTheBond() {
    factory.answer(DisputeGameFactory.initBonds(TYPE), UInt256.valueOf(77));
    Hash root = hash(0x42);
    var candidate = target().proposal(root, 12, l1(3));
    assertThat(candidate.to()).isEqualTo(FACTORY);
    assertThat(candidate.value()).isEqualTo(BigInteger.valueOf(77));
    assertThat(candidate.data())
        .isEqualTo(
            DisputeGameFactory.create(TYPE, root, Bytes.wrap(UInt256.valueOf(12).toBytes()))
                .data());
  }

  @Test
  void aContractWithoutCodeIsNamed() {
    var reader = new ContractReader((to, data) -> new byte[0], FACTORY, "DisputeGameFactory");
    assertThatThrownBy(() -> reader.read(DisputeGameFactory.gameCount()))
        .isInstanceOf(ContractReadException.class)
        .hasMessageContaining("is there a DisputeGameFactory at");
  }
}
