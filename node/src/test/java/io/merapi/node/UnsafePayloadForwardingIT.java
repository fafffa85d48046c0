package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.node.engine.RpcL2Client;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unsafe blocks by {@code admin_postUnsafePayload} until gossip exists: a loop in the test copies
 * each new block of the sequencer (read from its engine as an execution payload, as the node reads
 * blocks) to the verifier. The verifier's unsafe head follows the sequencer's before any batch;
 * once batches arrive its safe head takes over the same blocks (consolidation, no reorg).
 */
class UnsafePayloadForwardingIT extends SequencerAndVerifier {
  private long forwarded;

  @Test
  void theVerifierFollowsPostedPayloadsThenConsolidatesThem() {
    try (RpcL2Client source = sequencer.l2Client()) {
      awaitTrue(
          () -> {
            forward(source);
            RigNode.Heads v = verifier.heads();
            return v.unsafe().number() >= 8
                && v.unsafe().hash().equals(sequencer.hash(v.unsafe().number()));
          },
          "the verifier's unsafe head follows the sequencer's");
      assertThat(verifier.heads().safe().number()).as("no batch yet").isZero();
      long upTo = verifier.heads().unsafe().number();
      Map<Long, String> unsafe = new HashMap<>();
      for (long n = 1; n <= upTo; n++) {
        unsafe.put(n, verifier.hash(n));
        assertThat(unsafe.get(n)).as("block %d", n).isEqualTo(sequencer.hash(n));
      }

      rig.batcher(sequencer).postUpTo(upTo);
      awaitTrue(
          () -> {
            forward(source);
            return verifier.heads().safe().number() >= upTo;
          },
          "the verifier's safe head reaches " + upTo);
      for (long n = 1; n <= upTo; n++) {
        assertThat(verifier.hash(n)).as("block %d kept, not reorged", n).isEqualTo(unsafe.get(n));
      }
    }
  }

  /** Posts the sequencer's blocks the verifier has not been sent yet. */
  private void forward(RpcL2Client source) {
    long head = sequencer.number("latest");
    while (forwarded < head) {
      ExecutionPayloadEnvelope envelope = source.payloadByNumber(forwarded + 1).orElseThrow();
      verifier.admin("admin_postUnsafePayload", envelope.toJson());
      forwarded++;
    }
  }
}
