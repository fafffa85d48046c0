package io.merapi.proposer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.structs.OutputProposal;
import io.merapi.node.RollupRig;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proposer against the L2OutputOracle (the rollup deployed with {@code useFaultProofs false}),
 * proposing finalized blocks only: every root the oracle holds is the independent computation's,
 * for exactly the blocks {@code nextBlockNumber} asked for.
 */
class OutputOracleProposerIT {
  static final long INTERVAL = 4;

  @TempDir Path dir;

  @Test
  void everyProposedRootIsTheEnginesOutputRoot() throws Exception {
    RollupRig.Options options =
        RollupRig.Options.defaults()
            .withDeployConfig("useFaultProofs", false)
            .withDeployConfig("l2OutputOracleSubmissionInterval", INTERVAL);
    try (ProposerScenario scenario = new ProposerScenario(dir, options)) {
      Address oracleAddress = scenario.address("L2OutputOracleProxy");
      ContractReader oracle = scenario.reader(oracleAddress, "L2OutputOracle");
      ProposerService proposer =
          scenario.startProposer(new ProposerConfig.OutputOracle(oracleAddress), false);

      RollupRig.awaitTrue(
          () -> oracle.read(L2OutputOracle.nextOutputIndex()).toLongExact() >= 3,
          "three outputs proposed",
          Duration.ofSeconds(75));

      long count = oracle.read(L2OutputOracle.nextOutputIndex()).toLongExact();
      long finalized = scenario.sequencer.heads().finalized().number();
      for (long i = 0; i < count; i++) {
        OutputProposal output = oracle.read(L2OutputOracle.getL2Output(UInt256.valueOf(i)));
        long block = output.l2BlockNumber().toLongExact();
        assertThat(block).isEqualTo((i + 1) * INTERVAL);
        assertThat(block).isLessThanOrEqualTo(finalized);
        assertThat(output.outputRoot())
            .as("output %d, L2 block %d", i, block)
            .isEqualTo(ProposerScenario.independentOutputRoot(scenario.sequencer.eth(), block));
      }
      // The metric follows the receipt, which the test may have beaten to the contract.
      RollupRig.awaitTrue(
          () -> proposer.metrics().proposedBlock() >= 3.0 * INTERVAL,
          "the proposed-block metric",
          Duration.ofSeconds(10));
      String scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(proposer.metricsUri().orElseThrow()).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(scrape)
          .contains("op_proposer_default_up 1")
          .contains("op_proposer_default_refs_number{layer=\"l2\",type=\"proposed\"}");

      // op-proposer's admin API: stop, a second stop is an error, start again.
      try (RpcClient admin = HttpRpcClient.create(proposer.rpcUri(), RpcClientOptions.defaults())) {
        admin.call("admin_stopProposer");
        assertThat(proposer.driver().running()).isFalse();
        assertThat(admin.call("admin_proposerActive").asBoolean()).isFalse();
        assertThatThrownBy(() -> admin.call("admin_stopProposer"))
            .isInstanceOf(RpcException.class)
            .hasMessageContaining("not running");
        admin.call("admin_startProposer");
        assertThat(proposer.driver().running()).isTrue();
      }
    }
  }
}
