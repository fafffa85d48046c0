package io.merapi.batcher;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.RigNode;
import io.merapi.node.RollupRig;
import io.merapi.service.txmgr.TxManagerConfig;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The node's loopback rollup (dev L1 with beacon API, sequencer and verifier) for the batcher's
 * scenarios, with the real {@link BatcherService} posting the sequencer's chain, signed by the
 * rollup's batcher key, and L2 transactions of random calldata so that batches carry data.
 */
public final class BatcherRig implements AutoCloseable {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  public final RollupRig rig;
  public final RigNode sequencer;
  public final RigNode verifier;
  private final Secp256k1.PrivateKey l2Sender = DevAccounts.defaults().keys().get(5);
  private final SplittableRandom random = new SplittableRandom(42);
  private long l2Nonce;

  public BatcherRig(Path dir) throws Exception {
    this(dir, RollupRig.Options.defaults());
  }

  public BatcherRig(Path dir, RollupRig.Options options) throws Exception {
    rig = RollupRig.start(dir, options);
    RigNode seq = null;
    RigNode ver = null;
    try {
      seq = rig.startNode("seq", true);
      ver = rig.startNode("ver", false);
    } catch (Exception | AssertionError e) {
      rig.close();
      throw e;
    }
    sequencer = seq;
    verifier = ver;
  }

  /** Fast settings for the loopback L1 (1-s blocks): 1 confirmation, channels of 2 L1 blocks. */
  public BatcherConfig config() {
    return BatcherConfig.defaults(
            rig.l1Uri(),
            sequencer.engineHttpUri(),
            sequencer.rollupRpcUri(),
            DevAccounts.defaults().keys().get(2))
        .withPollInterval(Duration.ofMillis(200))
        .withSubSafetyMargin(4)
        .withTxManager(
            TxManagerConfig.defaults()
                .withNumConfirmations(1)
                .withTimings(Duration.ofSeconds(6), Duration.ofMillis(250)))
        .withRpc("127.0.0.1", 0);
  }

  /** Sends {@code count} L2 transactions of random calldata to the sequencer. */
  public void sendL2Transactions(int count) {
    long chainId = rig.rollup().l2ChainId();
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[200 + random.nextInt(600)];
      random.nextBytes(data);
      DynamicFeeTransaction tx =
          new DynamicFeeTransaction(
              chainId,
              l2Nonce++,
              GWEI,
              GWEI.multiply(UInt256.valueOf(10)),
              100_000,
              Optional.of(l2Sender.address()),
              UInt256.ZERO,
              Bytes.wrap(data),
              AccessList.EMPTY,
              UInt256.ZERO,
              UInt256.ZERO,
              UInt256.ZERO);
      sequencer.eth().call("eth_sendRawTransaction", Hex.encode(tx.sign(l2Sender).encoded()));
    }
  }

  /**
   * Waits (sending L2 transactions meanwhile) until the verifier's safe head reaches {@code
   * target}.
   */
  public void awaitVerifierSafe(long target, String what) {
    awaitTrue(
        () -> {
          sendL2Transactions(1);
          return verifier.heads().safe().number() >= target;
        },
        what);
  }

  /** The verifier's chain equals the sequencer's, block by block, up to {@code last}. */
  public void assertSameChain(long last) {
    for (long n = 1; n <= last; n++) {
      assertThat(verifier.hash(n)).as("L2 block %d", n).isEqualTo(sequencer.hash(n));
    }
  }

  /** Batcher transactions to the inbox in L1 blocks {@code from..to}: [calldata, blob]. */
  public int[] inboxTransactions(long from, long to) {
    int[] counts = new int[2];
    String inbox = rig.rollup().batchInboxAddress().toHex();
    for (long n = from; n <= to; n++) {
      JsonNode block = rig.l1Rpc().call("eth_getBlockByNumber", "0x" + Long.toHexString(n), true);
      if (block == null || block.isNull()) {
        continue;
      }
      for (JsonNode tx : block.get("transactions")) {
        if (tx.path("to").asText().equalsIgnoreCase(inbox)) {
          counts[tx.get("type").asText().equals("0x3") ? 1 : 0]++;
        }
      }
    }
    return counts;
  }

  /** The batcher key's private key, as {@code --private-key} takes it. */
  public static String batcherKeyHex() {
    return io.merapi.base.bytes.Hex.encode(DevAccounts.defaults().keys().get(2).toBytes());
  }

  @Override
  public void close() {
    rig.close();
  }
}
