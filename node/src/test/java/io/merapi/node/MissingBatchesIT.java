package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing batches (issue 13: "both sides produce the same deposits-only blocks after the sequencing
 * window"): the sequencer builds blocks with user transactions but nothing is ever posted. Once the
 * sequencing window of their epochs has passed, derivation must fill the L2 with deposits-only
 * blocks — on the verifier, and on the sequencer, whose own derivation replaces its unsafe blocks —
 * block for block the same on both, none holding a user transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingBatchesIT {
  /** A short window (the test waits it out), yet long enough to stop the sequencer first. */
  private static final long SEQ_WINDOW = 24;

  @TempDir static Path dir;

  private RollupRig rig;
  private RigNode sequencer;
  private RigNode verifier;

  @BeforeAll
  void startRollup() throws Exception {
    rig =
        RollupRig.start(
            dir, RollupRig.Options.defaults().withSeqWindow(SEQ_WINDOW).withChannelTimeout(4));
    sequencer = rig.startNode("seq", true);
    verifier = rig.startNode("ver", false);
  }

  @AfterAll
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void withoutBatchesBothSidesDeriveTheSameDepositsOnlyBlocks() {
    // User transactions on the sequencer: transfers from a dev account (funded in the L2 genesis).
    awaitTrue(() -> sequencer.number("latest") >= 2, "the sequencer builds blocks");
    Secp256k1.PrivateKey sender = DevAccounts.defaults().keys().get(5);
    Set<String> userTxs = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      userTxs.add(transfer(sender, i));
    }
    Map<Long, String> built = new HashMap<>();
    awaitTrue(
        () -> {
          built.clear();
          int found = 0;
          long head = sequencer.number("latest");
          for (long n = 1; n <= head; n++) {
            JsonNode block = sequencer.block(n);
            for (JsonNode tx : block.get("transactions")) {
              if (userTxs.contains(tx.get("hash").asText())) {
                built.put(n, block.get("hash").asText());
                found++;
              }
            }
          }
          return found == userTxs.size();
        },
        "the sequencer includes the user transactions");
    // Freeze the sequencer's chain: what it built must be replaced by derivation alone.
    sequencer.admin("admin_stopSequencer");
    for (Map.Entry<Long, String> e : built.entrySet()) {
      assertThat(sequencer.hash(e.getKey()))
          .as("the sequencer's block %d is still unsafe and unchanged", e.getKey())
          .isEqualTo(e.getValue());
    }
    long lastWithTx = built.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

    // No batcher: the window passes and derivation makes the blocks itself.
    awaitTrue(
        () ->
            verifier.heads().safe().number() > lastWithTx
                && sequencer.heads().safe().number() > lastWithTx,
        "both safe heads pass block " + lastWithTx + " without batches");
    long upTo = Math.min(verifier.heads().safe().number(), sequencer.heads().safe().number());
    List<Long> replaced = new ArrayList<>();
    for (long n = 1; n <= upTo; n++) {
      JsonNode block = verifier.block(n);
      assertThat(sequencer.hash(n)).as("block %d", n).isEqualTo(block.get("hash").asText());
      for (JsonNode tx : block.get("transactions")) {
        assertThat(tx.get("type").asText()).as("block %d holds deposits only", n).isEqualTo("0x7e");
        assertThat(userTxs).doesNotContain(tx.get("hash").asText());
      }
      if (built.containsKey(n) && !built.get(n).equals(block.get("hash").asText())) {
        replaced.add(n);
      }
    }
    // Every block the sequencer had built with a user transaction was replaced.
    assertThat(replaced).containsExactlyInAnyOrderElementsOf(built.keySet());
  }

  /** Sends 1 wei from {@code key} to a fixed address on the sequencer's L2; its hash. */
  private String transfer(Secp256k1.PrivateKey key, long nonce) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            rig.rollup().l2ChainId(),
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(100_000_000_000L),
            21_000,
            Optional.of(Address.fromHex("0x00000000000000000000000000000000000b0b01")),
            UInt256.ONE,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    return sequencer
        .eth()
        .call("eth_sendRawTransaction", Hex.encode(tx.sign(key).encoded()))
        .asText();
  }
}
