package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static io.merapi.node.RollupRig.balance;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.execution.dev.DevAccounts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup on loopback ({@link RollupRig}): a dev L1 on which the L1 contracts are deployed with
 * transactions, as an operator would, a sequencer and a verifier ({@link RollupNodeService} on
 * their own L2 engines), and a test batcher posting the sequencer's blocks as calldata. The
 * verifier derives from L1 alone and must reach the sequencer's chain block for block; a deposit
 * made on L1 must reach both L2s; finality must follow the L1's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupNodeIT {
  @TempDir static Path dir;

  private RollupRig rig;
  private RigNode sequencer;
  private RigNode verifier;
  private TestBatcher batcher;

  @BeforeAll
  void startRollup() throws Exception {
    rig = RollupRig.start(dir, RollupRig.Options.defaults().withDeployOverRpc(true));
    sequencer = rig.startNode("seq", true);
    verifier = rig.startNode("ver", false);
    batcher = rig.batcher(sequencer);
  }

  @AfterAll
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theVerifierDerivesTheSequencersChainFromL1AndDepositsArrive() throws Exception {
    // The sequencer builds unsafe blocks on its own.
    awaitTrue(() -> sequencer.number("latest") >= 8, "sequencer builds blocks");

    // A deposit on L1: ether to a fresh address on L2.
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000d0e05");
    Secp256k1.PrivateKey depositor = DevAccounts.defaults().keys().get(3);
    RpcTransactor transactor = new RpcTransactor(rig.l1Rpc(), depositor, Duration.ofSeconds(60));
    UInt256 amount = UInt256.valueOf(1_000_000_000_000_000L);
    transactor.send(
        "deposit",
        rig.rollup().depositContractAddress(),
        OptimismPortal2.depositTransaction(recipient, amount, 100_000, false, Bytes.EMPTY),
        amount);
    awaitTrue(
        () -> balance(sequencer.eth(), recipient).equals(amount),
        "the deposit reaches the sequencer's L2");

    // Batches: everything the sequencer built so far.
    long target = sequencer.number("latest");
    batcher.postUpTo(target);
    awaitTrue(
        () -> verifier.heads().safe().number() >= target,
        "the verifier's safe head reaches block " + target);
    for (long n = 1; n <= target; n++) {
      assertThat(verifier.hash(n)).as("block %d", n).isEqualTo(sequencer.hash(n));
    }
    assertThat(balance(verifier.eth(), recipient)).isEqualTo(amount);
    awaitTrue(
        () -> sequencer.heads().safe().number() >= target, "the sequencer's own safe head follows");

    // The dev L1 finalizes its blocks soon: L2 finality follows.
    awaitTrue(
        () -> verifier.heads().finalized().number() >= target,
        "the verifier's finalized head follows the L1's");
  }
}
