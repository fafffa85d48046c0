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
}
