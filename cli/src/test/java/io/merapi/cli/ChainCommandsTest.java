package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.testing.TestData;
import io.merapi.cli.MerapiRun.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** genesis inspect, execution init/import/export and evm blocktest through the command line. */
class ChainCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void genesisInspectPrintsHashRootAndNumber() throws Exception {
    Path genesis = TestData.require("rpc-compat/genesis.json");
    Output result = merapi("genesis", "inspect", genesis.toString());
    assertThat(result.exitCode()).isZero();
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.get("hash").asText())
        .isEqualTo("0x414c637788e37e9f65ed2c6ee962d32aeea39722ad50ee764e712fabebd69118");
    assertThat(json.get("stateRoot").asText()).startsWith("0x").hasSize(66);
    assertThat(json.get("number").asLong()).isZero();

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"alloc\": {}}");
    Output failed = merapi("genesis", "inspect", bad.toString());
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("config");
  }

  @Test
  void initImportExportRoundTrip() throws Exception {
    Path data = TestData.require("rpc-compat");
    Path datadir = dir.resolve("data");
    Output init =
        merapi(
            "execution",
            "init",
            "--datadir",
            datadir.toString(),
            data.resolve("genesis.json").toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
    Output imported =
        merapi(
            "execution",
            "import",
            "--datadir",
            datadir.toString(),
            data.resolve("chain.rlp").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("head #20 0x8f64c4436f7213cfdf02cfb9f45d012f1774dfb329b8803de5e7479b11586902");
    Path exported = dir.resolve("exported.rlp");
    Output export =
        merapi(
            "execution", "export", "--datadir", datadir.toString(), exported.toString(), "1", "20");
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(Files.readAllBytes(exported))
        .isEqualTo(Files.readAllBytes(data.resolve("chain.rlp")));

    // A second import of the same file changes nothing; a different genesis is refused.
    Output again =
        merapi(
            "execution",
            "import",
            "--datadir",
            datadir.toString(),
            data.resolve("chain.rlp").toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains("20 already known");
    Path other = dir.resolve("other.json");
    Files.writeString(
        other, "{\"config\": {\"chainId\": 1, \"londonBlock\": 0}, \"gasLimit\": \"0x1000000\"}");
    Output refused = merapi("execution", "init", "--datadir", datadir.toString(), other.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("another genesis");
  }

  @Test
  void importStopsAtAnInvalidBlock() throws Exception {
    Path data = TestData.require("rpc-compat");
    Path datadir = dir.resolve("data");
    assertThat(
            merapi(
                    "execution",
                    "init",
                    "--datadir",
                    datadir.toString(),
                    data.resolve("genesis.json").toString())
                .exitCode())
        .isZero();
    byte[] chain = Files.readAllBytes(data.resolve("chain.rlp"));
    // Skip the first block: the second's parent is unknown.
    int firstLength = ((chain[1] & 0xff) << 8 | (chain[2] & 0xff)) + 3;
    assertThat(chain[0] & 0xff).isEqualTo(0xf9);
    Path rest = dir.resolve("rest.rlp");
    Files.write(rest, java.util.Arrays.copyOfRange(chain, firstLength, chain.length));
    Output failed = merapi("execution", "import", "--datadir", datadir.toString(), rest.toString());
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("import failed at block #2").contains("unknown parent");
  }

  @Test
  void blocktestPrintsResultsAndExitCode() throws Exception {
    Path file =
        TestData.require(
            "ethereum-tests/BlockchainTests/ValidBlocks/bcExample/basefeeExample.json");
    Output result = merapi("evm", "blocktest", file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.isArray()).isTrue();
    assertThat(json.get(0).get("name").asText()).isEqualTo("basefeeExample_Cancun");
    assertThat(json.get(0).get("pass").asBoolean()).isTrue();
    assertThat(json.get(0).get("fork").asText()).isEqualTo("Cancun");

    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken,
        Files.readString(file).replace("\"lastblockhash\" : \"0x", "\"lastblockhash\" : \"0x00"));
    JsonNode tree = JSON.readTree(Files.readString(file));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("basefeeExample_Cancun"))
        .put("lastblockhash", "0x" + "22".repeat(32));
    Files.writeString(broken, JSON.writeValueAsString(tree));
    Output failed = merapi("evm", "blocktest", broken.toString());
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(failed.out()).get(0).get("error").asText())
        .contains("last block hash");
  }
}
