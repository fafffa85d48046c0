package io.merapi.execution.blocktest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runner passes a real test and fails each way the test can be tampered with. */
class BlockTestRunnerTest {
  private static BlockTest example() throws Exception {
    Path file =
        TestData.require(
            "ethereum-tests/BlockchainTests/ValidBlocks/bcExample/basefeeExample.json");
    return BlockTest.read(file).get(0);
  }

  private static BlockTest tampered(BlockTest test, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode json = test.json().deepCopy();
    edit.accept(json);
    return new BlockTest(test.name(), json);
  }

  @Test
  void passesAndFailsForTheRightReasons() throws Exception {
    BlockTest test = example();
    assertThat(BlockTestRunner.run(test).pass()).isTrue();

    BlockTestResult wrongHead =
        BlockTestRunner.run(tampered(test, j -> j.put("lastblockhash", "0x" + "11".repeat(32))));
    assertThat(wrongHead.pass()).isFalse();
    assertThat(wrongHead.error().orElseThrow()).contains("last block hash");

    BlockTestResult wrongBalance =
        BlockTestRunner.run(
            tampered(
                test,
                j -> {
                  ObjectNode post = (ObjectNode) j.get("postState");
                  String first = post.fieldNames().next();
                  ((ObjectNode) post.get(first)).put("balance", "0x123456789");
                }));
    assertThat(wrongBalance.pass()).isFalse();
    assertThat(wrongBalance.error().orElseThrow()).contains("balance");

    BlockTestResult shouldHaveFailed =
        BlockTestRunner.run(
            tampered(
                test,
                j ->
                    ((ObjectNode) j.withArray("blocks").get(0))
                        .put("expectException", "TransactionException.INTRINSIC_GAS_TOO_LOW")));
    assertThat(shouldHaveFailed.pass()).isFalse();
    assertThat(shouldHaveFailed.error().orElseThrow()).contains("should have failed");

    BlockTestResult wrongGenesis =
        BlockTestRunner.run(
            tampered(
                test, j -> ((ObjectNode) j.get("genesisBlockHeader")).put("gasLimit", "0x01")));
    assertThat(wrongGenesis.pass()).isFalse();
    assertThat(wrongGenesis.error().orElseThrow()).contains("genesis block hash");

    BlockTestResult network =
        BlockTestRunner.run(tampered(test, j -> j.put("network", "Frontier")));
    assertThat(network.error().orElseThrow()).contains("unsupported network");
  }
}
