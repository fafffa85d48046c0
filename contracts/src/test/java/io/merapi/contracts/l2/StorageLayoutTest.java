package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.contracts.ContractArtifact;
import io.merapi.contracts.ContractArtifact.StorageSlot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage layouts of the L2 predeploys against the OP Stack's, written down here as facts from
 * contracts-bedrock's snapshots/storageLayout (commit d317e96). They are protocol, not detail: the
 * execution engine reads the L1Block's fee slots directly, output roots commit to the
 * L2ToL1MessagePasser's storage, and existing chains upgrade these predeploys in place, so a slot
 * that moved would be read wrong.
 */
class StorageLayoutTest {

  private static StorageSlot slot(String label, long slot, int offset, int bytes, String type) {
    return new StorageSlot(label, slot, offset, bytes, type);
  }

  private static List<StorageSlot> layout(ContractArtifact artifact) {
    return artifact.storageLayout();
  }

  @Test
  void l2ToL1MessagePasser() {
    assertThat(layout(L2ToL1MessagePasser.ARTIFACT))
        .containsExactly(
            slot("sentMessages", 0, 0, 32, "mapping(bytes32 => bool)"),
            slot("msgNonce", 1, 0, 30, "uint240"));
  }

  @Test
  void l1Block() {
    // OP's L1Block 1.5.x, then slot 8 as OP's Isthmus L1Block (1.6.0) has it, per specs
    // isthmus/exec-engine.md "Configuring Operator Fee Parameters" (the scalar's big-endian bytes
    // before the constant's at the end of the word).
    assertThat(layout(L1Block.ARTIFACT))
        .containsExactly(
            slot("number", 0, 0, 8, "uint64"),
            slot("timestamp", 0, 8, 8, "uint64"),
            slot("basefee", 1, 0, 32, "uint256"),
            slot("hash", 2, 0, 32, "bytes32"),
            slot("sequenceNumber", 3, 0, 8, "uint64"),
            slot("blobBaseFeeScalar", 3, 8, 4, "uint32"),
            slot("baseFeeScalar", 3, 12, 4, "uint32"),
            slot("batcherHash", 4, 0, 32, "bytes32"),
            slot("l1FeeOverhead", 5, 0, 32, "uint256"),
            slot("l1FeeScalar", 6, 0, 32, "uint256"),
            slot("blobBaseFee", 7, 0, 32, "uint256"),
            slot("operatorFeeConstant", 8, 0, 8, "uint64"),
            slot("operatorFeeScalar", 8, 8, 4, "uint32"));
    // The slots the execution engine reads (state's L1BlockInfo): 1, 3, 5, 6, 7.
    assertThat(L1Block.ARTIFACT.slot("basefee").orElseThrow().slot()).isEqualTo(1);
    assertThat(L1Block.ARTIFACT.slot("baseFeeScalar").orElseThrow().slot()).isEqualTo(3);
    assertThat(L1Block.ARTIFACT.slot("l1FeeOverhead").orElseThrow().slot()).isEqualTo(5);
    assertThat(L1Block.ARTIFACT.slot("l1FeeScalar").orElseThrow().slot()).isEqualTo(6);
    assertThat(L1Block.ARTIFACT.slot("blobBaseFee").orElseThrow().slot()).isEqualTo(7);
  }

  @Test
  void gasPriceOracle() {
    // OP's GasPriceOracle 1.3.x, then isIsthmus after isFjord as OP's Isthmus version (1.4.0).
    assertThat(layout(GasPriceOracle.ARTIFACT))
        .containsExactly(
            slot("isEcotone", 0, 0, 1, "bool"),
            slot("isFjord", 0, 1, 1, "bool"),
            slot("isIsthmus", 0, 2, 1, "bool"));
  }

  @Test
  void feeVaults() {
    // OP's SequencerFeeVault, BaseFeeVault and L1FeeVault 1.5.x: the configuration is in
    // immutables; storage is totalProcessed and a 48-slot gap.
    for (ContractArtifact vault :
        List.of(SequencerFeeVault.ARTIFACT, BaseFeeVault.ARTIFACT, L1FeeVault.ARTIFACT)) {
      assertThat(layout(vault))
          .as(vault.name())
          .containsExactly(
              slot("totalProcessed", 0, 0, 32, "uint256"),
              slot("__gap", 1, 0, 1536, "uint256[48]"));
    }
  }

  @Test
  void weth() {
    // OP's WETH (WETH98): balances then allowances, nothing else in storage.
    assertThat(layout(WETH.ARTIFACT))
        .containsExactly(
            slot("_balanceOf", 0, 0, 32, "mapping(address => uint256)"),
            slot("_allowance", 1, 0, 32, "mapping(address => mapping(address => uint256))"));
  }
}
