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

class EvmCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runPrintsTheOutput() {
    Output result = merapi("evm", "run", "--code", "0x600160020160005260206000f3");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).isEqualTo("0x" + "00".repeat(31) + "03");
  }

  @Test
  void runWithTraceWritesEip3155Lines() throws Exception {
    Output result = merapi("evm", "run", "--json", "--code", "0x6001600201");
    assertThat(result.exitCode()).isZero();
    JsonNode first =
        JSON.readTree(
            result.err().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    assertThat(first.get("opName").asText()).isEqualTo("PUSH1");
    assertThat(first.get("gasCost").asText()).isEqualTo("0x3");
  }

  @Test
  void runReportsAFailedExecution() {
    Output result = merapi("evm", "run", "--code", "0xfe");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("invalid opcode");
  }

  @Test
  void statetestPrintsGethsResultFields() throws Exception {
    Path file = TestData.require("ethereum-tests/GeneralStateTests/stExample/add11.json");
    Output result = merapi("evm", "statetest", "--fork", "Cancun", file.toString());
    assertThat(result.exitCode()).isZero();
    JsonNode results = JSON.readTree(result.out());
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    assertThat(r.get("name").asText()).isEqualTo("add11");
    assertThat(r.get("pass").asBoolean()).isTrue();
    assertThat(r.get("fork").asText()).isEqualTo("Cancun");
    assertThat(r.get("stateRoot").asText())
        .isEqualTo("0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530");
    assertThat(r.has("error")).isFalse();
  }

  @Test
  void statetestFailsOnAWrongExpectation(@TempDir Path dir) throws Exception {
    Path source = TestData.require("ethereum-tests/GeneralStateTests/stExample/add11.json");
    String broken =
        Files.readString(source)
            .replace(
                "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
                "0x" + "11".repeat(32));
    Path file = dir.resolve("broken.json");
    Files.writeString(file, broken);
    Output result = merapi("evm", "statetest", file.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(result.out()).get(0).get("error").asText())
        .contains("post state root mismatch");
  }

  @Test
  void t8nWritesResultAndAlloc(@TempDir Path dir) throws Exception {
    String key = "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8";
    Files.writeString(
        dir.resolve("alloc.json"),
        "{\"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b\": {\"balance\": \"0x1000000000\"}}");
    Files.writeString(
        dir.resolve("env.json"),
        """
        {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentNumber": "1",
         "currentTimestamp": "1000", "currentGasLimit": "0x1000000", "currentBaseFee": "0x7",
         "currentRandom": "0x1", "currentExcessBlobGas": "0x0", "withdrawals": [],
         "parentBeaconBlockRoot": "0x0000000000000000000000000000000000000000000000000000000000000000"}
        """);
    Files.writeString(
        dir.resolve("txs.json"),
        """
        [{"type": "0x2", "chainId": "0x1", "nonce": "0x0", "gas": "0x5208",
          "to": "0x1111111111111111111111111111111111111111", "value": "0x5", "input": "0x",
          "maxFeePerGas": "0xa", "maxPriorityFeePerGas": "0x1", "accessList": [],
          "v": "0x0", "r": "0x0", "s": "0x0", "secretKey": "%s"}]
        """
            .formatted(key));
    Output result =
        merapi(
            "evm",
            "t8n",
            "--input.alloc=" + dir.resolve("alloc.json"),
            "--input.env=" + dir.resolve("env.json"),
            "--input.txs=" + dir.resolve("txs.json"),
            "--state.fork=Cancun",
            "--output.basedir=" + dir,
            "--output.result=stdout",
            "--output.alloc=alloc.out.json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode out = JSON.readTree(result.out());
    assertThat(out.get("result").get("gasUsed").asText()).isEqualTo("0x5208");
    assertThat(out.get("result").get("receipts").get(0).get("status").asText()).isEqualTo("0x1");
    JsonNode alloc = JSON.readTree(dir.resolve("alloc.out.json").toFile());
    assertThat(alloc.get("0x1111111111111111111111111111111111111111").get("balance").asText())
        .isEqualTo("0x5");
  }

  @Test
  void t8nExitsWithGethsConfigErrorCode(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("alloc.json"), "{}");
    Files.writeString(
        dir.resolve("env.json"),
        "{\"currentCoinbase\": \"0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba\", \"currentNumber\": \"1\","
            + " \"currentTimestamp\": \"1\", \"currentGasLimit\": \"0x1000000\"}");
    Files.writeString(dir.resolve("txs.json"), "[]");
    Output result =
        merapi(
            "evm",
            "t8n",
            "--input.alloc=" + dir.resolve("alloc.json"),
            "--input.env=" + dir.resolve("env.json"),
            "--input.txs=" + dir.resolve("txs.json"),
            "--state.fork=Cancun",
            "--output.basedir=" + dir);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("ERROR(3)");
  }
}
