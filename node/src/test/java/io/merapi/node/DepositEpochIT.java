package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.derive.L2BlockRef;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.engine.RpcL2Client;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deposits land in the right L2 epoch (derivation.md, deposits: "user deposits are included in the
 * first L2 block of the epoch of the L1 block that emitted them"): for deposits made in different
 * L1 blocks, the sequencer and the verifier (after batches) must hold each in the first L2 block
 * whose L1 origin is that L1 block, and in no other.
 */
class DepositEpochIT extends SequencerAndVerifier {
  @Test
  void eachDepositIsInTheFirstBlockOfItsL1BlocksEpoch() {
    Secp256k1.PrivateKey depositor = DevAccounts.defaults().keys().get(3);
    RpcTransactor transactor = new RpcTransactor(rig.l1Rpc(), depositor, Duration.ofSeconds(60));
    List<Address> recipients =
        List.of(
            Address.fromHex("0x00000000000000000000000000000000000d0e01"),
            Address.fromHex("0x00000000000000000000000000000000000d0e02"));
    UInt256 amount = UInt256.valueOf(1_000_000_000_000L);
    for (Address recipient : recipients) {
      transactor.send(
          "deposit",
          rig.rollup().depositContractAddress(),
          OptimismPortal2.depositTransaction(recipient, amount, 100_000, false, Bytes.EMPTY),
          amount);
    }
    // Where each deposit was made: the portal's TransactionDeposited logs.
    JsonNode logs =
        rig.l1Rpc()
            .call(
                "eth_getLogs",
                java.util.Map.of(
                    "fromBlock", "0x0",
                    "toBlock", "latest",
                    "address", rig.rollup().depositContractAddress().toHex()));
    assertThat(logs).hasSize(recipients.size());

    awaitTrue(
        () -> recipients.stream().allMatch(r -> holds(sequencer, r, amount)),
        "the deposits reach the sequencer's L2");
    long target = sequencer.number("latest");
    rig.batcher(sequencer).postUpTo(target);
    awaitTrue(
        () -> verifier.heads().safe().number() >= target, "the verifier derives to " + target);

    for (RigNode node : List.of(sequencer, verifier)) {
      try (RpcL2Client l2 = node.l2Client()) {
        for (int i = 0; i < recipients.size(); i++) {
          long l1Block = Long.decode(logs.get(i).get("blockNumber").asText());
          long expected = firstBlockOfEpoch(l2, l1Block, target);
          for (long n = 1; n <= target; n++) {
            boolean holds = holdsDepositTo(node.block(n), recipients.get(i));
            assertThat(holds)
                .as(
                    "%s: L2 block %d and the deposit to %s made in L1 block %d",
                    node.name(), n, recipients.get(i), l1Block)
                .isEqualTo(n == expected);
          }
        }
      }
    }
  }

  /** The first L2 block up to {@code last} whose L1 origin is {@code l1Block}. */
  private static long firstBlockOfEpoch(RpcL2Client l2, long l1Block, long last) {
    for (long n = 1; n <= last; n++) {
      L2BlockRef ref = l2.l2BlockRefByNumber(n).orElseThrow();
      if (ref.l1Origin().number() == l1Block) {
        assertThat(ref.sequenceNumber()).as("block %d starts its epoch", n).isZero();
        return n;
      }
    }
    throw new AssertionError("no L2 block up to " + last + " has L1 origin " + l1Block);
  }

  private static boolean holdsDepositTo(JsonNode block, Address recipient) {
    for (JsonNode tx : block.get("transactions")) {
      if (tx.get("type").asText().equals("0x7e")
          && tx.path("to").asText().equalsIgnoreCase(recipient.toHex())) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(RigNode node, Address address, UInt256 amount) {
    return RollupRig.balance(node.eth(), address).equals(amount);
  }
}
