package io.merapi.faultproof.client;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.host.Host;
import io.merapi.faultproof.host.HostOptions;
import io.merapi.faultproof.host.PreimageHost;
import io.merapi.faultproof.host.ProgramRun;
import io.merapi.faultproof.host.RpcL2Data;
import io.merapi.faultproof.kvstore.DataFormat;
import io.merapi.faultproof.preimage.HintWriter;
import io.merapi.faultproof.preimage.OracleClient;
import io.merapi.faultproof.preimage.PreimageChannel;
import io.merapi.node.RigNode;
import io.merapi.node.RollupRig;
import io.merapi.node.l1.RpcKind;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-proof program against a real loopback rollup (the node's rig: a dev L1 with the
 * rollup's contracts, a sequencer, calldata batches): from an agreed output before a deposit, the
 * true output root of a later safe block exits 0 and another claim 1, online (the host fetching
 * from the L1 and L2 nodes into a datadir) and again offline from that datadir, with the same
 * sequence of pre-image requests; an empty datadir exits 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgramRollupIT {
  @TempDir static Path dir;

  private RollupRig rig;
  private RigNode sequencer;
  private Hash l1Head;
  private Hash agreedHash;
  private Hash agreedOutput;
  private long agreedNumber;
  private long claimBlock;
  private Hash trueClaim;
  private String rollupJson;

  @BeforeAll
  void startRollup() throws Exception {
    rig = RollupRig.start(dir.resolve("rig"), RollupRig.Options.defaults());
    sequencer = rig.startNode("seq", true);
    awaitTrue(() -> sequencer.number("latest") >= 2, "the sequencer builds blocks");
    long agreed = sequencer.number("latest");

    Secp256k1.PrivateKey depositor = DevAccounts.defaults().keys().get(3);
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000d0e01");
    UInt256 amount = UInt256.valueOf(1_000_000_000_000L);
    new RpcTransactor(rig.l1Rpc(), depositor, Duration.ofSeconds(60))
        .send(
            "deposit",
            rig.rollup().depositContractAddress(),
            OptimismPortal2.depositTransaction(recipient, amount, 100_000, false, Bytes.EMPTY),
            amount);
    awaitTrue(
        () -> RollupRig.balance(sequencer.eth(), recipient).equals(amount),
        "the deposit reaches the L2");
    long target = sequencer.number("latest") + 2;
    awaitTrue(() -> sequencer.number("latest") >= target, "the sequencer passes the deposit");
    rig.batcher(sequencer).postUpTo(target);
    awaitTrue(
        () -> sequencer.heads().safe().number() >= target, "the sequencer's safe head reaches it");

    l1Head = Hash.fromHex(rig.l1Block(rig.l1Head()).get("hash").asText());
    agreedHash = Hash.fromHex(sequencer.hash(agreed));
    agreedNumber = agreed;
    claimBlock = target;
    try (HttpRpcClient l2 =
        HttpRpcClient.create(sequencer.engineHttpUri(), RpcClientOptions.defaults())) {
      RpcL2Data data = new RpcL2Data(l2, RetryPolicy.defaults());
      agreedOutput = data.outputAt(agreedHash).root();
      trueClaim = data.outputAt(Hash.fromHex(sequencer.hash(target))).root();
    }
    rollupJson = Json.mapper().writeValueAsString(rig.rollup().toJson());
  }

  @AfterAll
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void trueClaimExits0WrongClaimExits1OnlineThenOfflineWithTheSameRequests() throws Exception {
    Path datadir = dir.resolve("preimages");
    Hash wrongClaim = Hash.fromHex("0x" + "ab".repeat(32));

    Run online = run(options(true, datadir, trueClaim));
    assertThat(online.code()).as(online.err()).isZero();
    // Decided at the claim's block, not at a safe head short of it.
    assertThat(online.err()).contains("at L2 block " + claimBlock + " is " + trueClaim);
    Run onlineWrong = run(options(true, datadir, wrongClaim));
    assertThat(onlineWrong.code()).as(onlineWrong.err()).isEqualTo(1);

    Run offline = run(options(false, datadir, trueClaim));
    assertThat(offline.code()).as(offline.err()).isZero();
    Run offlineWrong = run(options(false, datadir, wrongClaim));
    assertThat(offlineWrong.code()).as(offlineWrong.err()).isEqualTo(1);

    // Determinism: the same requests in the same order, whatever the host had to fetch.
    assertThat(offline.digest()).isEqualTo(online.digest());
    assertThat(offline.requests()).isEqualTo(online.requests()).isGreaterThan(10);
    // The claim only enters at the very end: the wrong claim's run asks the same.
    assertThat(offlineWrong.digest()).isEqualTo(offline.digest());

    // The program as merapi program runs it: in this JVM, and as a child process on descriptors
    // 3-6, offline from the same datadir.
    try (Host host = Host.open(options(false, datadir, trueClaim))) {
      assertThat(ProgramRun.inProcess(host, System.err)).isZero();
    }
    try (Host host = Host.open(options(false, datadir, trueClaim))) {
      assertThat(ProgramRun.child(host, childCommand())).isZero();
    }
  }

  @Test
  void aClaimAtTheAgreedBlockNeedsNoDerivation() throws Exception {
    Path datadir = dir.resolve("at-agreed");
    Run same = run(options(true, datadir, agreedOutput, agreedNumber));
    assertThat(same.code()).as(same.err()).isZero();
    Run other = run(options(true, datadir, trueClaim, agreedNumber));
    assertThat(other.code()).as(other.err()).isEqualTo(1);
  }

  @Test
  void anEmptyDatadirOfflineExits2() throws Exception {
    Run run = run(options(false, dir.resolve("empty"), trueClaim));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("fault-proof program failed");
  }

  private HostOptions options(boolean online, Path datadir, Hash claim) {
    return options(online, datadir, claim, claimBlock);
  }

  private HostOptions options(boolean online, Path datadir, Hash claim, long block) {
    BootInfo boot =
        BootInfo.custom(
            l1Head,
            agreedOutput,
            claim,
            block,
            new BootInfo.CustomChain(
                Bytes.wrap("{}".getBytes(StandardCharsets.UTF_8)),
                Bytes.wrap(rollupJson.getBytes(StandardCharsets.UTF_8))));
    return new HostOptions(
        online ? Optional.of(rig.l1Uri()) : Optional.<URI>empty(),
        Optional.empty(),
        false,
        RpcKind.STANDARD,
        online ? Optional.of(sequencer.engineHttpUri()) : Optional.<URI>empty(),
        Optional.of(datadir),
        DataFormat.DIRECTORY,
        boot,
        Optional.of(agreedHash));
  }

  private record Run(int code, String err, Hash digest, long requests) {}

  /** The program in this JVM, as {@link ProgramRun#inProcess} runs it, recording its requests. */
  private static Run run(HostOptions options) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (Host host = Host.open(options);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      PreimageChannel.Ends hints = PreimageChannel.pipe();
      PreimageChannel.Ends preimages = PreimageChannel.pipe();
      PreimageHost serving =
          PreimageHost.start(hints.host(), preimages.host(), host.prefetcher(), host.prefetcher());
      try {
        RecordingOracle recording =
            new RecordingOracle(
                new OracleClient(preimages.client()), new HintWriter(hints.client()));
        int code = ClientMain.run(recording, recording, errStream);
        hints.client().close();
        preimages.client().close();
        return new Run(
            code, err.toString(StandardCharsets.UTF_8), recording.digest(), recording.requests());
      } finally {
        serving.close();
      }
    }
  }

  private static List<String> childCommand() {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ClientMain.class.getName());
    return command;
  }
}
