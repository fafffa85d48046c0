package io.merapi.proposer;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.RigNode;
import io.merapi.node.RollupRig;
import io.merapi.node.TestBatcher;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.rpc.client.RpcClient;
import io.merapi.service.txmgr.TxManagerConfig;
import io.merapi.types.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A proposer on the node's rollup rig: a dev L1 with the rollup's contracts, an L2 engine with a
 * sequencing rollup node, and the rig's test batcher posting the sequencer's blocks so they become
 * safe (and, as the dev L1 finalizes, finalized). {@link #close} stops everything.
 */
public final class ProposerScenario implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ProposerScenario.class);

  /** The deploy config's proposer, the dev chain's second account (0x7099...79C8). */
  static final int PROPOSER_KEY = 1;

  public final RollupRig rig;
  public final RigNode sequencer;
  final TestBatcher batcher;
  private ProposerService proposer;
  private Thread batching;
  private volatile boolean running = true;

  public ProposerScenario(Path dir, RollupRig.Options options) throws Exception {
    rig = RollupRig.start(dir, options);
    try {
      sequencer = rig.startNode("seq", true);
      batcher = rig.batcher(sequencer);
    } catch (Exception | AssertionError e) {
      rig.close();
      throw e;
    }
    batching = Thread.ofPlatform().name("test-batcher").daemon().start(this::batchLoop);
  }

  /** Posts the sequencer's new blocks every second, so the safe head follows the unsafe one. */
  private void batchLoop() {
    while (running) {
      try {
        long head = RollupRig.number(sequencer.eth(), "latest");
        batcher.postUpTo(head);
      } catch (RuntimeException e) {
        // the node or L1 may be restarting: the next round posts what is missing
        LOG.debug("test batcher: {}", e.toString());
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** An address from the deployment's addresses.json. */
  public Address address(String name) throws Exception {
    JsonNode json = Json.mapper().readTree(rig.dir().resolve("rollup/addresses.json").toFile());
    return Address.fromHex(json.get(name).asText());
  }

  public ProposerService startProposer(ProposerConfig.Mode mode, boolean allowNonFinalized) {
    ProposerConfig config =
        new ProposerConfig(
            rig.l1Uri(),
            sequencer.service().rpcUri(),
            sequencer.engineHttpUri(),
            mode,
            Duration.ofMillis(250),
            allowNonFinalized,
            DevAccounts.defaults().keys().get(PROPOSER_KEY),
            TxManagerConfig.defaults()
                .withNumConfirmations(1)
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(200)),
            new ProposerConfig.Rpc("127.0.0.1", 0, true),
            Optional.of(new ProposerConfig.Endpoint("127.0.0.1", 0)));
    proposer = ProposerService.start(config);
    return proposer;
  }

  public ContractReader reader(Address address, String name) {
    return new ContractReader(ContractReader.rpc(rig.l1Rpc()), address, name);
  }

  /**
   * The output root of L2 block {@code number} computed here, apart from the proposer's code:
   * keccak256(32 zero bytes ++ stateRoot ++ the L2ToL1MessagePasser's storageHash ++ blockHash).
   */
  static Hash independentOutputRoot(RpcClient l2, long number) {
    JsonNode block = l2.call("eth_getBlockByNumber", Hex.quantity(number), false);
    String blockHash = block.get("hash").asText();
    JsonNode proof =
        l2.call("eth_getProof", "0x4200000000000000000000000000000000000016", List.of(), blockHash);
    byte[] preimage = new byte[128];
    System.arraycopy(Bytes.fromHex(block.get("stateRoot").asText()).toArray(), 0, preimage, 32, 32);
    System.arraycopy(
        Bytes.fromHex(proof.get("storageHash").asText()).toArray(), 0, preimage, 64, 32);
    System.arraycopy(Bytes.fromHex(blockHash).toArray(), 0, preimage, 96, 32);
    return Keccak256.digest(preimage);
  }

  @Override
  public void close() {
    running = false;
    if (batching != null) {
      batching.interrupt();
    }
    if (proposer != null) {
      proposer.close();
    }
    rig.close();
  }
}
