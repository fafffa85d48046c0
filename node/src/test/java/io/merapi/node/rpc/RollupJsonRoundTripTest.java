package io.merapi.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.service.rollup.OutputResponse;
import io.merapi.service.rollup.RollupJsonReader;
import org.junit.jupiter.api.Test;

/**
 * What the node serves is what the batcher's and proposer's rollup client reads: the node's writer
 * and the service module's reader agree field for field.
 */
class RollupJsonRoundTripTest {
  @Test
  void syncStatusReadsBackEqual() {
    assertThat(RollupJsonReader.syncStatus(RollupJson.syncStatus(RollupRpcTest.STATUS)))
        .isEqualTo(RollupRpcTest.STATUS);
  }

  @Test
  void outputResponseReadsBackEqual() {
    OutputResponse read =
        RollupJsonReader.outputResponse(
            RollupJson.outputResponse(
                RollupRpcTest.OUTPUT, RollupRpcTest.STATUS.safeL2(), RollupRpcTest.STATUS));
    assertThat(read.outputRoot()).isEqualTo(RollupRpcTest.OUTPUT.root());
    assertThat(read.stateRoot()).isEqualTo(RollupRpcTest.OUTPUT.stateRoot());
    assertThat(read.withdrawalStorageRoot())
        .isEqualTo(RollupRpcTest.OUTPUT.withdrawalStorageRoot());
    assertThat(read.blockRef()).isEqualTo(RollupRpcTest.STATUS.safeL2());
    assertThat(read.syncStatus()).isEqualTo(RollupRpcTest.STATUS);
  }
}
