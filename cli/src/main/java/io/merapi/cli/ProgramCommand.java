package io.merapi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.host.Host;
import io.merapi.faultproof.host.HostOptions;
import io.merapi.faultproof.host.PreimageHost;
import io.merapi.faultproof.host.ProgramRun;
import io.merapi.faultproof.kvstore.DataFormat;
import io.merapi.faultproof.preimage.InheritedChannels;
import io.merapi.faultproof.preimage.PreimageChannel;
import io.merapi.node.l1.RpcKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code merapi program}: the fault-proof program with op-program's flags. With {@code --server} it
 * is the pre-image host alone, serving a program on the descriptors 3 to 6 it inherited (as Cannon
 * starts op-program). Without it the host serves the program (client) in this JVM over in-memory
 * pipes, or, with {@code --exec}, a child process on its descriptors 3 to 6 ({@code merapi program
 * client} is such a child); the exit code is the program's: 0 valid claim, 1 invalid, 2 failure.
 */
@Command(
    name = "program",
    mixinStandardHelpOptions = true,
    description = "Fault-proof program, host and client, op-program flags.",
    subcommands = ProgramClientCommand.class)
public final class ProgramCommand implements Callable<Integer> {
  @Option(names = "--l1.head", description = "L1 block hash the program takes as L1's head.")
  String l1Head;

  @Option(names = "--l2.head", description = "The agreed L2 block hash.")
  String l2Head;

  @Option(names = "--l2.outputroot", description = "The agreed output root (at --l2.head).")
  String l2OutputRoot;

  @Option(names = "--l2.claim", description = "The disputed output root.")
  String l2Claim;

  @Option(names = "--l2.blocknumber", description = "The L2 block number of the claim.")
  String l2BlockNumber;

  @Option(names = "--network", description = "A known network by name (not supported yet).")
  String network;

  @Option(names = "--rollup.config", description = "rollup.json of a custom chain.")
  Path rollupConfig;

  @Option(names = "--l2.genesis", description = "genesis.json of a custom chain's L2.")
  Path l2Genesis;

  @Option(names = "--l1", description = "L1 JSON-RPC, to fetch what hints ask for.")
  URI l1;

  @Option(names = "--l1.beacon", description = "L1 beacon API, for blobs.")
  URI l1Beacon;

  @Option(names = "--l1.trustrpc", description = "Take the L1 RPC's data without checks.")
  boolean l1TrustRpc;

  @Option(
      names = "--l1.rpckind",
      defaultValue = "standard",
      description = "L1 RPC kind, for receipt fetching (default: ${DEFAULT-VALUE}).")
  String l1RpcKind;

  @Option(names = "--l2", description = "L2 execution node JSON-RPC, to fetch what hints ask for.")
  URI l2;

  @Option(names = "--datadir", description = "Where pre-images are kept (default: in memory).")
  Path datadir;

  @Option(
      names = "--data.format",
      defaultValue = "directory",
      description = "Layout of a new datadir: file or directory (default: ${DEFAULT-VALUE}).")
  String dataFormat;

  @Option(names = "--exec", description = "Run the client as this child process.")
  String exec;

  @Option(
      names = "--server",
      description = "Serve pre-images on the inherited descriptors 3-6 and run no client.")
  boolean server;

  @Override
  public Integer call() throws IOException, InterruptedException {
    HostOptions options = hostOptions();
    if (!server) {
      try (Host host = Host.open(options)) {
        if (exec != null) {
          List<String> command = List.of(exec.trim().split("\\s+"));
          return ProgramRun.child(host, command);
        }
        return ProgramRun.inProcess(host, System.err);
      }
    }
    PreimageChannel hints = InheritedChannels.hints();
    PreimageChannel preimages = InheritedChannels.preimages();
    try (Host host = Host.open(options)) {
      PreimageHost serving =
          PreimageHost.start(hints, preimages, host.prefetcher(), host.prefetcher());
      Optional<Throwable> failure = serving.awaitDone();
      return failure.isPresent() ? 1 : 0;
    }
  }

  HostOptions hostOptions() {
    Flags.require(l1Head, "--l1.head is required: the L1 block the program takes as its head");
    Flags.require(l2Head, "--l2.head is required: the agreed L2 block");
    Flags.require(l2OutputRoot, "--l2.outputroot is required: the agreed output root");
    Flags.require(l2Claim, "--l2.claim is required: the disputed output root");
    Flags.require(l2BlockNumber, "--l2.blocknumber is required: the claim's L2 block number");
    if (network != null) {
      throw new CommandFailure(
          "--network is not supported yet; pass the chain as --rollup.config and --l2.genesis");
    }
    Flags.require(rollupConfig, "--rollup.config and --l2.genesis are required (custom chain)");
    Flags.require(l2Genesis, "--rollup.config and --l2.genesis are required (custom chain)");
    BootInfo boot =
        BootInfo.custom(
            Flags.parse("--l1.head", l1Head, Hash::fromHex),
            Flags.parse("--l2.outputroot", l2OutputRoot, Hash::fromHex),
            Flags.parse("--l2.claim", l2Claim, Hash::fromHex),
            Flags.parse("--l2.blocknumber", l2BlockNumber, Long::parseUnsignedLong),
            new BootInfo.CustomChain(chainConfig(l2Genesis), compactJson(rollupConfig)));
    try {
      return new HostOptions(
          Optional.ofNullable(l1),
          Optional.ofNullable(l1Beacon),
          l1TrustRpc,
          Flags.parse("--l1.rpckind", l1RpcKind, RpcKind::fromFlag),
          Optional.ofNullable(l2),
          Optional.ofNullable(datadir),
          Flags.parse("--data.format", dataFormat, DataFormat::parse),
          boot,
          Optional.of(Flags.parse("--l2.head", l2Head, Hash::fromHex)));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The genesis file's {@code config} object: what op-program serves under local key 6. */
  private static Bytes chainConfig(Path genesis) {
    JsonNode config = readJson(genesis).get("config");
    if (config == null || !config.isObject()) {
      throw new CommandFailure(genesis + ": a genesis file has a \"config\" object");
    }
    return json(config);
  }

  private static Bytes compactJson(Path file) {
    return json(readJson(file));
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new CommandFailure(file + ": " + e.getMessage());
    }
  }

  private static Bytes json(JsonNode node) {
    try {
      return Bytes.wrap(JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new CommandFailure("cannot write JSON: " + e.getMessage());
    }
  }
}
