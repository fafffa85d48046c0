package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Batches as blobs: the test batcher posts the sequencer's blocks in EIP-4844 transactions (frames
 * blob-encoded as derivation reads them, real KZG commitments and proofs) to the dev L1, which
 * keeps the sidecars and serves them on its beacon API; the verifier reads them there (checked
 * against the versioned hashes) and derives the sequencer's chain block for block.
 */
class BlobBatchesIT extends SequencerAndVerifier {
  @Test
  void theVerifierDerivesFromBlobs() {
    TestBatcher batcher = rig.batcher(sequencer).useBlobs();
    awaitTrue(() -> sequencer.number("latest") >= 4, "the sequencer builds blocks");
    long first = sequencer.number("latest");
    batcher.postUpTo(first);
    awaitTrue(() -> sequencer.number("latest") >= first + 4, "the sequencer builds on");
    long target = sequencer.number("latest");
    batcher.postUpTo(target);

    awaitTrue(
        () -> verifier.heads().safe().number() >= target,
        "the verifier derives from blobs up to " + target);
    for (long n = 1; n <= target; n++) {
      assertThat(verifier.hash(n)).as("block %d", n).isEqualTo(sequencer.hash(n));
    }
    // The batches went to L1 as blob transactions, and only so.
    int blobTxs = 0;
    long l1Head = rig.l1Head();
    for (long n = 1; n <= l1Head; n++) {
      for (JsonNode tx :
          rig.l1Rpc()
              .call("eth_getBlockByNumber", RollupRig.quantity(n), true)
              .get("transactions")) {
        if (tx.path("to").asText().equalsIgnoreCase(rig.rollup().batchInboxAddress().toHex())) {
          assertThat(tx.get("type").asText()).isEqualTo("0x3");
          assertThat(tx.get("blobVersionedHashes")).isNotEmpty();
          blobTxs++;
        }
      }
    }
    assertThat(blobTxs).isGreaterThanOrEqualTo(2);
  }
}
