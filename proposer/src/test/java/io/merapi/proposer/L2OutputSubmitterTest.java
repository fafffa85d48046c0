package io.merapi.proposer;

import static io.merapi.proposer.Fakes.engineOutput;
import static io.merapi.proposer.Fakes.hash;
import static io.merapi.proposer.Fakes.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.proposer.contract.OutputOracleTarget;
import io.merapi.proposer.metrics.ProposerMetrics;
import io.merapi.types.rollup.OutputRoot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class L2OutputSubmitterTest {
  static final Address ORACLE = Address.fromHex("0x00000000000000000000000000000000000000aa");

  final Fakes.Rollup rollup = new Fakes.Rollup(status(25, 15, 30));
  final Fakes.Txs txs = new Fakes.Txs();
  final Fakes.Contract oracle =
      new Fakes.Contract().answer(L2OutputOracle.nextBlockNumber(), UInt256.valueOf(10));
  final ProposerMetrics metrics = new ProposerMetrics();
  long l1Head = 40;

  L2OutputSubmitter submitter(boolean allowNonFinalized) {
    return new L2OutputSubmitter(
        rollup,
        Fakes::engineOutput,
        new OutputOracleTarget(new ContractReader(oracle, ORACLE, "L2OutputOracle")),
        txs,
        () -> l1Head,
        allowNonFinalized,
        Duration.ofMillis(1),
        Duration.ZERO,
        metrics);
  }

  @Test
  void proposesTheNextBlockOnceFinalizedWithTheNodesCurrentL1() throws Exception {
    var outcome = submitter(false).step();

    assertThat(outcome).isInstanceOf(L2OutputSubmitter.Proposed.class);
    assertThat(txs.sent).hasSize(1);
    var l1 = rollup.status.currentL1();
    assertThat(txs.sent.get(0).to()).isEqualTo(ORACLE);
    assertThat(txs.sent.get(0).data())
        .isEqualTo(
            L2OutputOracle.proposeL2Output(
                    engineOutput(10).root(),
                    UInt256.valueOf(10),
                    l1.hash(),
                    UInt256.valueOf(l1.number()))
                .data());
    assertThat(metrics.proposedBlock()).isEqualTo(10.0);
  }

  @Test
  void waitsWhileTheNextBlockIsOnlySafe() throws Exception {
    rollup.status = status(25, 9, 30);
    assertThat(submitter(false).step()).isInstanceOf(L2OutputSubmitter.Idle.class);
    assertThat(submitter(true).step()).isInstanceOf(L2OutputSubmitter.Proposed.class);
  }

  @Test
  void refusesWithoutSigningWhenTheNodeDisagreesWithTheEngine() throws Exception {
    OutputRoot honest = engineOutput(10);
    rollup.lies.put(
        10L, new OutputRoot(hash(0x99), honest.withdrawalStorageRoot(), honest.blockHash()));

    var outcome = submitter(false).step();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            L2OutputSubmitter.Refused.class,
            r -> assertThat(r.reason()).contains("state root").contains("output root"));
    assertThat(txs.sent).isEmpty();
  }

  @Test
  void waitsUntilTheL1HeadPassesTheNodesHead() throws Exception {
    l1Head = 31; // the node's L1 head is 30: the proposal needs 32 or more
    assertThat(submitter(false).step()).isInstanceOf(L2OutputSubmitter.Idle.class);
    assertThat(txs.sent).isEmpty();
    l1Head = 32;
    assertThat(submitter(false).step()).isInstanceOf(L2OutputSubmitter.Proposed.class);
  }
}
