package io.merapi.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hex;
import io.merapi.cannon.VmException;
import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.elf.ElfSymbols;
import io.merapi.cannon.oracle.HostProcess;
import io.merapi.cannon.oracle.PreimageHostException;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.StateFile;
import io.merapi.cannon.state.StepWitness;
import io.merapi.cannon.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merapi cannon}: the MIPS64 fault-proof VM with cannon's subcommands. */
@Command(
    name = "cannon",
    mixinStandardHelpOptions = true,
    description = "MIPS64 fault-proof VM (cannon's load-elf, run, witness).",
    subcommands = {
      CannonCommand.LoadElf.class,
      CannonCommand.Run.class,
      CannonCommand.Witness.class
    })
public final class CannonCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long the host may take to start or to answer one hint or pre-image request. */
  static final Duration HOST_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public void run() {
    throw new CommandFailure("merapi cannon: name a subcommand (load-elf, run, witness)");
  }

  @Command(name = "load-elf", description = "Load an ELF binary into a VM state.")
  static final class LoadElf implements Callable<Integer> {
    @Option(names = "--path", required = true, description = "The MIPS64 ELF to load.")
    Path path;

    @Option(names = "--out", defaultValue = "state.bin.gz", description = "State file to write.")
    Path out;

    @Option(names = "--meta", defaultValue = "meta.json", description = "Symbols as JSON.")
    Path meta;

    @Override
    public Integer call() throws IOException {
      byte[] elf = Files.readAllBytes(path);
      State state;
      List<ElfSymbols.Symbol> symbols;
      try {
        state = ElfLoader.load(elf);
        symbols = ElfSymbols.read(elf);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new CommandFailure("cannot load " + path + ": " + e.getMessage());
      }
      StateFile.save(state, out);
      ObjectNode root = JSON.createObjectNode();
      ArrayNode list = root.putArray("symbols");
      for (ElfSymbols.Symbol s : symbols) {
        list.addObject().put("name", s.name()).put("start", s.start()).put("size", s.size());
      }
      JSON.writeValue(meta.toFile(), root);
      return 0;
    }
  }

  @Command(name = "witness", description = "Print the witness of a VM state.")
  static final class Witness implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "State file (.bin or .bin.gz).")
    Path input;

    @Option(names = "--output", description = "Write the witness bytes to this file.")
    Path output;

    @Override
    public Integer call() throws IOException {
      State state = load(input);
      byte[] witness = state.encodeWitness();
      if (output != null) {
        Files.write(output, witness);
      }
      ObjectNode o = JSON.createObjectNode();
      o.put("witnessHash", Hex.encode(State.stateHash(witness)));
      o.put("witness", Hex.encode(witness));
      o.put("step", state.step);
      o.put("exited", state.exited);
      o.put("exitCode", state.exitCode);
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
      return 0;
    }
  }

  @Command(name = "run", description = "Run a VM state.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--input", defaultValue = "state.bin.gz", description = "Start state.")
    Path input;

    @Option(names = "--output", defaultValue = "out.bin.gz", description = "Final state file.")
    Path output;

    @Option(names = "--proof-at", defaultValue = "never", description = "Steps to prove.")
    String proofAt;

    @Option(names = "--proof-fmt", defaultValue = "proof-%d.json", description = "Proof files.")
    String proofFmt;

    @Option(names = "--snapshot-at", defaultValue = "never", description = "Steps to snapshot.")
    String snapshotAt;

    @Option(names = "--snapshot-fmt", defaultValue = "state-%d.bin.gz", description = "Snapshots.")
    String snapshotFmt;

    @Option(names = "--stop-at", defaultValue = "never", description = "Step to stop at.")
    String stopAt;

    @Option(names = "--info-at", defaultValue = "never", description = "Steps to log progress.")
    String infoAt;

    @Option(
        names = "--stop-at-preimage",
        description =
            "Stop after the step that reads the pre-image of this key (hex, a prefix"
                + " is enough), at OFFSET (default 0): KEY[@OFFSET].")
    String stopAtPreimage;

    @Option(
        names = "--stop-at-preimage-type",
        description =
            "Stop after the first pre-image read of this key type: any, local, keccak,"
                + " sha256, blob, precompile.")
    String stopAtPreimageType;

    @Option(
        names = "--stop-at-preimage-larger-than",
        defaultValue = "0",
        description = "Stop after the first step that reads a pre-image larger than this (bytes).")
    long stopAtPreimageLargerThan;

    @Option(names = "--meta", description = "Symbols (meta.json): info lines name the function.")
    Path meta;

    @Parameters(
        description =
            "-- HOST COMMAND…: the pre-image host, started with the hint channel on fds 3/4 and"
                + " the pre-image channel on fds 5/6 (op-program's protocol).")
    List<String> host;

    @Override
    public Integer call() throws IOException {
      StepPattern proof = StepPattern.parse(proofAt);
      StepPattern snapshot = StepPattern.parse(snapshotAt);
      StepPattern stop = StepPattern.parse(stopAt);
      StepPattern info = StepPattern.parse(infoAt);
      PreimageStop preimageStop =
          PreimageStop.parse(stopAtPreimage, stopAtPreimageType, stopAtPreimageLargerThan);
      State state = load(input);
      HostProcess hostProcess = null;
      try {
        PreimageOracle oracle = PreimageOracle.NONE;
        if (host != null && !host.isEmpty()) {
          hostProcess = startHost(host);
          oracle = hostProcess.oracle();
        }
        runLoop(
            state,
            new Vm(state, oracle, System.out, System.err),
            proof,
            snapshot,
            stop,
            info,
            preimageStop);
      } catch (VmException e) {
        throw new CommandFailure("the VM stopped at step " + state.step + ": " + e.getMessage());
      } catch (PreimageHostException e) {
        throw new CommandFailure(
            "the pre-image host failed at step " + state.step + ": " + e.getMessage());
      } finally {
        if (hostProcess != null) {
          hostProcess.close();
        }
      }
      StateFile.save(state, output);
      return 0;
    }

    private static HostProcess startHost(List<String> command) {
      try {
        return HostProcess.start(command, HOST_TIMEOUT);
      } catch (IOException e) {
        throw new CommandFailure(
            "cannot start the pre-image host " + command + ": " + e.getMessage());
      }
    }

    private void runLoop(
        State state,
        Vm vm,
        StepPattern proof,
        StepPattern snapshot,
        StepPattern stop,
        StepPattern info,
        PreimageStop preimageStop)
        throws IOException {
      List<ElfSymbols.Symbol> symbols = meta == null ? List.of() : readMeta(meta);
      long start = System.nanoTime();
      long startStep = state.step;
      while (!state.exited) {
        long step = state.step;
        if (stop.matches(step)) {
          break;
        }
        if (snapshot.matches(step)) {
          StateFile.save(state, Path.of(String.format(snapshotFmt, step)));
        }
        if (info.matches(step)) {
          double secs = (System.nanoTime() - start) / 1e9;
          long pc = state.currentThread().pc;
          System.err.printf(
              "step=%d pc=0x%x func=%s ips=%.0f%n",
              step, pc, function(symbols, pc), (step - startStep) / Math.max(secs, 1e-9));
        }
        if (proof.matches(step)) {
          StepWitness w = vm.step(true);
          writeProof(step, w, state);
        } else {
          long next = nextEvent(step, proof, snapshot, stop, info);
          vm.run(next - step, preimageStop.active());
        }
        Vm.PreimageRead read = vm.lastPreimageRead();
        if (read != null && preimageStop.matches(read)) {
          System.err.printf(
              "stopping at pre-image read: step=%d key=%s offset=%d size=%d%n",
              state.step, Hex.encode(read.key()), read.offset(), read.value().length - 8);
          break;
        }
      }
    }

    private static List<ElfSymbols.Symbol> readMeta(Path path) {
      try {
        List<ElfSymbols.Symbol> out = new java.util.ArrayList<>();
        for (var s : JSON.readTree(path.toFile()).path("symbols")) {
          out.add(
              new ElfSymbols.Symbol(
                  s.path("name").asText(), s.path("start").asLong(), s.path("size").asLong()));
        }
        return out;
      } catch (IOException e) {
        throw new CommandFailure("cannot read meta " + path + ": " + e.getMessage());
      }
    }

    /** The symbol whose range holds {@code pc} (meta.json is small; a scan is enough here). */
    private static String function(List<ElfSymbols.Symbol> symbols, long pc) {
      for (ElfSymbols.Symbol s : symbols) {
        if (Long.compareUnsigned(pc - s.start(), s.size()) < 0) {
          return s.name();
        }
      }
      return "?";
    }

    private void writeProof(long step, StepWitness w, State post) throws IOException {
      ObjectNode o = JSON.createObjectNode();
      o.put("step", step);
      o.put("pre", Hex.encode(w.stateHash()));
      o.put("post", Hex.encode(State.stateHash(post.encodeWitness())));
      o.put("state-data", Hex.encode(w.state()));
      o.put("proof-data", Hex.encode(w.proofData()));
      if (w.hasPreimage()) {
        o.put("oracle-key", Hex.encode(w.preimageKey()));
        o.put("oracle-value", Hex.encode(w.preimageValue()));
        o.put("oracle-offset", w.preimageOffset());
      }
      JSON.writeValue(Path.of(String.format(proofFmt, step)).toFile(), o);
    }

    /** The next step at which any pattern fires (at most 1M steps ahead, to keep logs live). */
    private static long nextEvent(long step, StepPattern... patterns) {
      long next = step + 1_000_000;
      for (StepPattern p : patterns) {
        next = Math.min(next, p.next(step + 1));
      }
      return next;
    }
  }

  static State load(Path path) {
    try {
      return StateFile.load(path);
    } catch (IOException e) {
      throw new CommandFailure("cannot read state " + path + ": " + e.getMessage());
    }
  }

  /**
   * cannon's pre-image stops: a key prefix read at an offset, any read (type {@code any}), a key
   * type as a one-byte prefix, or a pre-image larger than a size.
   */
  record PreimageStop(boolean any, byte[] keyPrefix, long offset, long largerThan) {
    static PreimageStop parse(String keyAtOffset, String type, long largerThan) {
      if (largerThan < 0) {
        throw new CommandFailure("--stop-at-preimage-larger-than must not be negative");
      }
      if (keyAtOffset != null) {
        String[] parts = keyAtOffset.split("@", -1);
        if (parts.length > 2) {
          throw new CommandFailure("bad --stop-at-preimage '" + keyAtOffset + "': KEY[@OFFSET]");
        }
        try {
          byte[] prefix = Hex.decode(parts[0]);
          if (prefix.length == 0 || prefix.length > 32) {
            throw new IllegalArgumentException("1 to 32 key bytes");
          }
          long offset = parts.length == 2 ? Long.parseUnsignedLong(parts[1]) : 0;
          return new PreimageStop(false, prefix, offset, largerThan);
        } catch (IllegalArgumentException e) {
          throw new CommandFailure(
              "bad --stop-at-preimage '"
                  + keyAtOffset
                  + "': KEY[@OFFSET] ("
                  + e.getMessage()
                  + ")");
        }
      }
      if (type == null || type.isEmpty()) {
        return new PreimageStop(false, null, 0, largerThan);
      }
      // Key types of op-program's pre-image oracle (the key's first byte).
      int typeByte =
          switch (type) {
            case "any" -> -1;
            case "local" -> 1;
            case "keccak" -> 2;
            case "sha256" -> 4;
            case "blob" -> 5;
            case "precompile" -> 6;
            default ->
                throw new CommandFailure(
                    "bad --stop-at-preimage-type '"
                        + type
                        + "': any, local, keccak, sha256, blob or precompile");
          };
      if (typeByte < 0) {
        return new PreimageStop(true, null, 0, largerThan);
      }
      return new PreimageStop(false, new byte[] {(byte) typeByte}, 0, largerThan);
    }

    boolean active() {
      return any || keyPrefix != null || largerThan > 0;
    }

    boolean matches(Vm.PreimageRead read) {
      if (any) {
        return true;
      }
      if (keyPrefix != null
          && java.util.Arrays.equals(
              read.key(), 0, keyPrefix.length, keyPrefix, 0, keyPrefix.length)
          && read.offset() == offset) {
        return true;
      }
      // The value carries its 8-byte length prefix, as cannon's tracked pre-image does.
      return largerThan > 0 && read.value().length > largerThan;
    }
  }

  /** cannon's step patterns: {@code never}, {@code always}, {@code =N}, {@code %N}. */
  record StepPattern(char kind, long n) {
    static StepPattern parse(String s) {
      try {
        if (s.equals("never")) {
          return new StepPattern('n', 0);
        }
        if (s.equals("always")) {
          return new StepPattern('a', 0);
        }
        if (s.startsWith("=")) {
          return new StepPattern('=', Long.parseUnsignedLong(s.substring(1)));
        }
        if (s.startsWith("%")) {
          long n = Long.parseUnsignedLong(s.substring(1));
          if (n == 0) {
            throw new NumberFormatException("zero");
          }
          return new StepPattern('%', n);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new CommandFailure("bad step pattern '" + s + "': use never, always, =N or %N");
    }

    boolean matches(long step) {
      return switch (kind) {
        case 'a' -> true;
        case '=' -> step == n;
        case '%' -> Long.remainderUnsigned(step, n) == 0;
        default -> false;
      };
    }

    /** The first step at or after {@code from} that matches. */
    long next(long from) {
      return switch (kind) {
        case 'a' -> from;
        case '=' -> Long.compareUnsigned(from, n) <= 0 ? n : Long.MAX_VALUE;
        case '%' -> {
          long r = Long.remainderUnsigned(from, n);
          yield r == 0 ? from : from + (n - r);
        }
        default -> Long.MAX_VALUE;
      };
    }
  }
}
