package io.merapi.derive.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.testing.TestData;
import io.merapi.evm.EvmConfig;
import io.merapi.state.op.Predeploys;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Ecotone and Fjord upgrade transactions: byte for byte the encodings kona asserts (testdata
 * op/upgrades), every field as the specs list it, and the deployment bytecodes checked against the
 * specs' code hashes by running the deposits.
 */
class NetworkUpgradesTest {
  /** One upgrade transaction as the fork's derivation.md lists it. */
  record Spec(
      String fork,
      int index,
      String intent,
      String sourceHash,
      String from,
      Optional<String> to,
      long gasLimit,
      Optional<String> data,
      Optional<String> deployedAddress,
      Optional<String> codeHash) {
    @Override
    public String toString() {
      return fork + "_tx_" + index + " " + intent;
    }

    DepositTransaction tx() {
      return (fork.equals("ecotone") ? NetworkUpgrades.ecotone() : NetworkUpgrades.fjord())
          .get(index);
    }
  }

  static Stream<Spec> specs() {
    return Stream.of(
        new Spec(
            "ecotone",
            0,
            "Ecotone: L1 Block Deployment",
            "0x877a6077205782ea15a6dc8699fa5ebcec5e0f4389f09cb8eda09488231346f8",
            "0x4210000000000000000000000000000000000000",
            Optional.empty(),
            375_000,
            Optional.empty(),
            Optional.of("0x07dbe8500fc591d1852B76feE44d5a05e13097Ff"),
            Optional.of("0xc88a313aa75dc4fbf0b6850d9f9ae41e04243b7008cf3eadb29256d4a71c1dfd")),
        new Spec(
            "ecotone",
            1,
            "Ecotone: Gas Price Oracle Deployment",
            "0xa312b4510adf943510f05fcc8f15f86995a5066bd83ce11384688ae20e6ecf42",
            "0x4210000000000000000000000000000000000001",
            Optional.empty(),
            1_000_000,
            Optional.empty(),
            Optional.of("0xb528D11cC114E026F138fE568744c6D45ce6Da7A"),
            Optional.of("0x8b71360ea773b4cfaf1ae6d2bd15464a4e1e2e360f786e475f63aeaed8da0ae5")),
        new Spec(
            "ecotone",
            2,
            "Ecotone: L1 Block Proxy Update",
            "0x18acb38c5ff1c238a7460ebc1b421fa49ec4874bdf1e0a530d234104e5e67dbc",
            "0x0000000000000000000000000000000000000000",
            Optional.of("0x4200000000000000000000000000000000000015"),
            50_000,
            Optional.of(
                "0x3659cfe600000000000000000000000007dbe8500fc591d1852b76fee44d5a05e13097ff"),
            Optional.empty(),
            Optional.empty()),
        new Spec(
            "ecotone",
            3,
            "Ecotone: Gas Price Oracle Proxy Update",
            "0xee4f9385eceef498af0be7ec5862229f426dec41c8d42397c7257a5117d9230a",
            "0x0000000000000000000000000000000000000000",
            Optional.of("0x420000000000000000000000000000000000000F"),
            50_000,
            Optional.of(
                "0x3659cfe6000000000000000000000000b528d11cc114e026f138fe568744c6d45ce6da7a"),
            Optional.empty(),
            Optional.empty()),
        new Spec(
            "ecotone",
            4,
            "Ecotone: Gas Price Oracle Set Ecotone",
            "0x0c1cb38e99dbc9cbfab3bb80863380b0905290b37eb3d6ab18dc01c1f3e75f93",
            "0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001",
            Optional.of("0x420000000000000000000000000000000000000F"),
            80_000,
            Optional.of("0x22b90ab3"),
            Optional.empty(),
            Optional.empty()),
        // EIP-4788's contract address; its runtime code is the EIP's.
        new Spec(
            "ecotone",
            5,
            "Ecotone: beacon block roots contract deployment",
            "0x69b763c48478b9dc2f65ada09b3d92133ec592ea715ec65ad6e7f3dc519dc00c",
            "0x0B799C86a49DEeb90402691F1041aa3AF2d3C875",
            Optional.empty(),
            0x3d090,
            Optional.of(
                "0x60618060095f395ff33373fffffffffffffffffffffffffffffffffffffffe14604d5760203614"
                    + "6024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff01545f"
                    + "5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500"),
            Optional.of("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02"),
            Optional.empty()),
        new Spec(
            "fjord",
            0,
            "Fjord: Gas Price Oracle Deployment",
            "0x86122c533fdcb89b16d8713174625e44578a89751d96c098ec19ab40a51a8ea3",
            "0x4210000000000000000000000000000000000002",
            Optional.empty(),
            1_450_000,
            Optional.empty(),
            Optional.of("0xa919894851548179A0750865e7974DA599C0Fac7"),
            Optional.of("0xa88fa50a2745b15e6794247614b5298483070661adacb8d32d716434ed24c6b2")),
        new Spec(
            "fjord",
            1,
            "Fjord: Gas Price Oracle Proxy Update",
            "0x1e6bb0c28bfab3dc9b36ffb0f721f00d6937f33577606325692db0965a7d58c6",
            "0x0000000000000000000000000000000000000000",
            Optional.of("0x420000000000000000000000000000000000000F"),
            50_000,
            Optional.of(
                "0x3659cfe6000000000000000000000000a919894851548179a0750865e7974da599c0fac7"),
            Optional.empty(),
            Optional.empty()),
        new Spec(
            "fjord",
            2,
            "Fjord: Gas Price Oracle Set Fjord",
            "0xbac7bb0d5961cad209a345408b0280a0d4686b1b20665e1b0f9cdafd73b19b6b",
            "0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001",
            Optional.of("0x420000000000000000000000000000000000000F"),
            90_000,
            Optional.of("0x8e98b106"),
            Optional.empty(),
            Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void everyFieldIsTheSpecs(Spec spec) {
    DepositTransaction tx = spec.tx();
    assertThat(DepositSource.upgrade(spec.intent())).isEqualTo(Hash.fromHex(spec.sourceHash()));
    assertThat(tx.sourceHash()).isEqualTo(Hash.fromHex(spec.sourceHash()));
    assertThat(tx.from()).isEqualTo(Address.fromHex(spec.from()));
    assertThat(tx.to()).isEqualTo(spec.to().map(Address::fromHex));
    assertThat(tx.mint().isZero()).isTrue();
    assertThat(tx.value().isZero()).isTrue();
    assertThat(tx.gasLimit()).isEqualTo(spec.gasLimit());
    assertThat(tx.isSystemTx()).isFalse();
    spec.data().ifPresent(d -> assertThat(tx.data()).isEqualTo(Bytes.fromHex(d)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void encodesToTheBytesKonaAsserts(Spec spec) throws IOException {
    Path file = TestData.require("op/upgrades/" + spec.fork() + "_tx_" + spec.index() + ".hex");
    Bytes expected = Bytes.fromHex("0x" + Files.readString(file).strip());
    assertThat(Bytes.wrap(spec.tx().encoded())).isEqualTo(expected);
  }

  /**
   * Runs each fork's upgrade deposits in order on a state with the proxies' targets absent, as
   * their block does: every deployment succeeds within its gas limit, lands at the specs' address
   * and leaves code with the specs' code hash.
   */
  @Test
  void deploymentsCreateTheCodeTheSpecsPin() {
    Sandbox sandbox = new Sandbox(EvmConfig.l1(Fork.CANCUN, 901), 1, 1_000);
    for (Spec spec : specs().toList()) {
      if (spec.deployedAddress().isEmpty()) {
        continue;
      }
      Sandbox.Outcome outcome = sandbox.deposit(spec.tx());
      assertThat(outcome.isSuccess()).as(spec.toString()).isTrue();
      Address deployed = Address.fromHex(spec.deployedAddress().get());
      assertThat(outcome.created()).as(spec.toString()).contains(deployed);
      assertThat(outcome.gasUsed()).isLessThanOrEqualTo(spec.gasLimit());
      spec.codeHash()
          .ifPresent(
              h ->
                  assertThat(Keccak256.digest(sandbox.code(deployed).array()))
                      .as(spec.toString())
                      .isEqualTo(Hash.fromHex(h)));
    }
  }

  /** The resources are the testdata's deployment bytecodes (which the specs' files equal). */
  @Test
  void bytecodeResourcesAreTheUpstreamOnes() throws IOException {
    Map<String, Bytes> resources =
        Map.of(
            "l1_block_ecotone.hex", NetworkUpgrades.Bytecode.ECOTONE_L1_BLOCK,
            "gpo_ecotone.hex", NetworkUpgrades.Bytecode.ECOTONE_GAS_PRICE_ORACLE,
            "eip4788_ecotone.hex", NetworkUpgrades.Bytecode.BEACON_BLOCK_ROOTS,
            "gpo_fjord.hex", NetworkUpgrades.Bytecode.FJORD_GAS_PRICE_ORACLE);
    for (Map.Entry<String, Bytes> e : resources.entrySet()) {
      Path file = TestData.require("op/upgrades/" + e.getKey());
      assertThat(e.getValue())
          .as(e.getKey())
          .isEqualTo(Bytes.fromHex("0x" + Files.readString(file).strip()));
    }
  }

  record Activation(String name, Map<OpFork, Long> forks, long l2Time, List<String> intents) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<String> ECOTONE =
      IntStream.range(0, 6).mapToObj(i -> specs().toList().get(i).intent()).toList();
  static final List<String> FJORD =
      IntStream.range(6, 9).mapToObj(i -> specs().toList().get(i).intent()).toList();

  static Stream<Activation> activations() {
    return Stream.of(
        new Activation("before Ecotone", Map.of(OpFork.ECOTONE, 1_000L), 998, List.of()),
        new Activation("Ecotone activation block", Map.of(OpFork.ECOTONE, 1_000L), 1_000, ECOTONE),
        // Activation between two block times counts for the first block at or after it.
        new Activation(
            "Ecotone activation between blocks", Map.of(OpFork.ECOTONE, 999L), 1_000, ECOTONE),
        new Activation("block after Ecotone", Map.of(OpFork.ECOTONE, 1_000L), 1_002, List.of()),
        // Forks active at the rollup genesis need no upgrade transactions.
        new Activation("Ecotone at genesis", Map.of(OpFork.ECOTONE, 0L), 0, List.of()),
        new Activation(
            "Fjord activation block",
            Map.of(OpFork.ECOTONE, 0L, OpFork.FJORD, 1_000L),
            1_000,
            FJORD),
        new Activation(
            "Ecotone and Fjord together",
            Map.of(OpFork.ECOTONE, 1_000L, OpFork.FJORD, 1_000L),
            1_000,
            Stream.concat(ECOTONE.stream(), FJORD.stream()).toList()),
        new Activation(
            "Granite and Holocene bring none",
            Map.of(
                OpFork.ECOTONE,
                0L,
                OpFork.FJORD,
                0L,
                OpFork.GRANITE,
                1_000L,
                OpFork.HOLOCENE,
                1_000L),
            1_000,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  void upgradesComeInTheirForksFirstBlock(Activation a) {
    RollupConfig rollup = Fakes.rollup(a.forks());
    assertThat(NetworkUpgrades.at(rollup, a.l2Time()))
        .extracting(DepositTransaction::sourceHash)
        .containsExactlyElementsOf(a.intents().stream().map(DepositSource::upgrade).toList());
  }

  @Test
  void proxyUpdatesCallUpgradeTo() {
    assertThat(NetworkUpgrades.UPGRADE_TO_SELECTOR).isEqualTo(Bytes.fromHex("0x3659cfe6"));
    assertThat(NetworkUpgrades.ecotone().get(2).to()).contains(Predeploys.L1_BLOCK);
  }
}
