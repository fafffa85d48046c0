package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.cli.MerapiRun.Output;
import io.merapi.state.Account;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.TrieCommit;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.transaction.DepositTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionStatelessCommandTest {
  /** OP Sepolia's rollup config (superchain-registry values), Holocene at 1732633200. */
  static final String ROLLUP =
      """
      {"genesis": {"l1": {"hash": "0x48f520cf4ddaf34c8336e6e490632ea3cf1e5e93b0b2bc6e917557e31845371b", "number": 4071408},
        "l2": {"hash": "0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d", "number": 0},
        "l2_time": 1691802540,
        "system_config": {"batcherAddr": "0x8f23bb38f531600e5d8fddaaec41f13fab46e98c",
          "overhead": "0x00000000000000000000000000000000000000000000000000000000000000bc",
          "scalar": "0x00000000000000000000000000000000000000000000000000000000000a6fe0",
          "gasLimit": 30000000}},
       "block_time": 2, "max_sequencer_drift": 600, "seq_window_size": 3600, "channel_timeout": 300,
       "l1_chain_id": 11155111, "l2_chain_id": 11155420,
       "regolith_time": 0, "canyon_time": 1699981200, "delta_time": 1703203200,
       "ecotone_time": 1708534800, "fjord_time": 1716998400, "granite_time": 1723478400,
       "holocene_time": 1732633200, "isthmus_time": 1744905600,
       "batch_inbox_address": "0xff00000000000000000000000000000011155420",
       "deposit_contract_address": "0x16fc5058f25648194471939df75cf27a2fdc48bc",
       "l1_system_config_address": "0x034edd2a225f7f429a63e0f1d2084b9e0a93b538",
       "chain_op_config": {"eip1559Elasticity": 6, "eip1559Denominator": 50, "eip1559DenominatorCanyon": 250}}
      """;

  static final long PARENT_TIME = 1_740_000_000L;
  static final Address DEPOSITOR = Address.fromHex("0x00000000000000000000000000000000000de905");

  /** One funded account; the witness holds the whole (one-leaf) state trie. */
  record Fixture(Hash stateRoot, List<String> nodes) {}

  static Fixture state() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    Account account =
        new Account(0, UInt256.valueOf(1000), Account.EMPTY_STORAGE_ROOT, Account.EMPTY_CODE_HASH);
    trie.put(Keccak256.hash(DEPOSITOR.array()), account.toRlp());
    TrieCommit commit = trie.commit();
    List<String> nodes = new ArrayList<>();
    for (EncodedNode node : commit.nodes()) {
      nodes.add(node.rlp().toHex());
    }
    return new Fixture(commit.root(), nodes);
  }

  static Path files(Path dir, Fixture fixture, boolean withWitness) throws Exception {
    Header parent =
        new Header(
            Hash.fromHex("0x" + "ab".repeat(32)),
            Header.EMPTY_OMMERS_HASH,
            Address.fromHex("0x4200000000000000000000000000000000000011"),
            fixture.stateRoot(),
            Header.EMPTY_ROOT,
            Header.EMPTY_ROOT,
            LogsBloom.EMPTY,
            UInt256.ZERO,
            20_000_000,
            30_000_000,
            0,
            PARENT_TIME,
            Bytes.fromHex("0x00000000fa00000006"),
            Hash.ZERO,
            0,
            Optional.of(UInt256.valueOf(1_000_000)),
            Optional.of(Header.EMPTY_ROOT),
            OptionalLong.of(0),
            OptionalLong.of(0),
            Optional.of(Hash.ZERO),
            Optional.empty());
    DepositTransaction deposit =
        new DepositTransaction(
            Hash.fromHex("0x" + "22".repeat(32)),
            DEPOSITOR,
            Optional.of(DEPOSITOR),
            UInt256.valueOf(5),
            UInt256.ZERO,
            100_000,
            false,
            Bytes.EMPTY);
    Files.writeString(dir.resolve("rollup.json"), ROLLUP);
    Files.writeString(dir.resolve("parent.json"), Json.mapper().writeValueAsString(parent));
    Files.writeString(
        dir.resolve("attrs.json"),
        """
        {"timestamp": "%s", "prevRandao": "0x%s", "suggestedFeeRecipient": "0x4200000000000000000000000000000000000011",
         "withdrawals": [], "parentBeaconBlockRoot": "0x%s", "transactions": ["%s"],
         "noTxPool": true, "gasLimit": "0x1c9c380", "eip1559Params": "0x0000000000000000"}
        """
            .formatted(
                Hex.quantity(PARENT_TIME + 2),
                "33".repeat(32),
                "44".repeat(32),
                Hex.encode(deposit.encoded())));
    String nodes =
        withWitness
            ? String.join(",", fixture.nodes().stream().map(n -> "\"" + n + "\"").toList())
            : "";
    Files.writeString(
        dir.resolve("witness.json"),
        "{\"state\": [" + nodes + "], \"codes\": [], \"keys\": [], \"headers\": []}");
    return dir;
  }

  static Output run(Path dir) {
    return merapi(
        "execution",
        "stateless",
        "--rollup.config",
        dir.resolve("rollup.json").toString(),
        "--parent",
        dir.resolve("parent.json").toString(),
        "--attributes",
        dir.resolve("attrs.json").toString(),
        "--witness",
        dir.resolve("witness.json").toString());
  }

  @Test
  void printsTheSealedHeaderWithItsHash(@TempDir Path dir) throws Exception {
    Output result = run(files(dir, state(), true));
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = Json.mapper().readTree(result.out());
    Header header = Json.mapper().treeToValue(json, Header.class);
    assertThat(json.get("hash").asText()).isEqualTo(header.hash().toHex());
    assertThat(header.number()).isEqualTo(20_000_001L);
    assertThat(header.extraData().toHex()).isEqualTo("0x00000000fa00000006");
    assertThat(header.gasUsed()).isEqualTo(21_000);
    assertThat(header.stateRoot()).isNotEqualTo(state().stateRoot());
  }

  @Test
  void aWitnessWithoutTheNodesNamesTheMissingHash(@TempDir Path dir) throws Exception {
    Fixture fixture = state();
    Output result = run(files(dir, fixture, false));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("witness has no preimage")
        .contains(fixture.stateRoot().toHex());
  }

  @Test
  void aBadRollupConfigIsNamed(@TempDir Path dir) throws Exception {
    files(dir, state(), true);
    Files.writeString(
        dir.resolve("rollup.json"), ROLLUP.replace("\"block_time\"", "\"blocktime\""));
    Output result = run(dir);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("'blocktime'");
  }
}
