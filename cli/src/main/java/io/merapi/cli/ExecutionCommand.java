package io.merapi.cli;

import io.merapi.base.rlp.RlpException;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainFile;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.ImportResult;
import io.merapi.execution.chain.UnknownBlockException;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.store.MissingStateException;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.storage.StorageException;
import io.merapi.types.block.Block;
import io.merapi.types.config.Genesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code merapi execution}: the execution engine node and its chain set-up tools. */
@Command(
    name = "execution",
    mixinStandardHelpOptions = true,
    description = "Execution engine node: L2 with OP rules, or an L1 dev chain with --dev.",
    subcommands = {
      ExecutionCommand.Init.class,
      ExecutionCommand.Import.class,
      ExecutionCommand.Export.class,
      ExecutionCommand.Stateless.class
    })
public final class ExecutionCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi execution", "1, execution node");
  }

  /** Where a data directory keeps the chain database (geth: {@code <datadir>/geth/chaindata}). */
  static Path chainData(Path datadir) {
    return datadir.resolve("chaindata");
  }

  static RocksDbKeyValueStore openStore(Path datadir) {
    try {
      return RocksDbKeyValueStore.open(chainData(datadir));
    } catch (StorageException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  static Blockchain openChain(RocksDbKeyValueStore store) {
    try {
      return Blockchain.open(store);
    } catch (IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  static String describe(ChainHead block) {
    return "#" + block.number() + " " + block.hash();
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = "Write the genesis block and state of GENESIS.json (geth init).")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory.")
    Path datadir;

    @Parameters(index = "0", paramLabel = "GENESIS", description = "geth-format genesis.json.")
    Path genesisFile;

    @Override
    public Integer call() {
      Genesis genesis = GenesisCommand.read(genesisFile);
      try (RocksDbKeyValueStore store = openStore(datadir)) {
        Blockchain chain;
        try {
          chain = Blockchain.initialize(store, genesis);
        } catch (IllegalStateException
            | IllegalArgumentException
            | UnsupportedOperationException e) {
          throw new CommandFailure(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "Successfully wrote genesis state: block "
                + describe(chain.genesis())
                + ", state root "
                + chain.genesis().header().stateRoot());
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import concatenated RLP blocks, validating and executing each; the last becomes head"
              + " (geth import).")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory.")
    Path datadir;

    @Parameters(arity = "1..*", paramLabel = "CHAIN.rlp", description = "Files of RLP blocks.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter out = spec.commandLine().getOut();
      try (RocksDbKeyValueStore store = openStore(datadir)) {
        Blockchain chain = openChain(store);
        long started = System.nanoTime();
        long imported = 0;
        long known = 0;
        long gas = 0;
        long txs = 0;
        Optional<ChainHead> last = Optional.empty();
        for (Path file : files) {
          try (ChainFile.Reader reader = new ChainFile.Reader(file)) {
            Optional<Block> next;
            while ((next = reader.next()).isPresent()) {
              Block block = next.get();
              if (chain.contains(block.hash())) {
                known++;
                last = Optional.of(new ChainHead(block.hash(), block.header()));
                continue;
              }
              ImportResult result;
              try {
                result = chain.importBlockAsHead(block);
              } catch (InvalidBlockException | UnknownBlockException | MissingStateException e) {
                throw new CommandFailure(
                    "import failed at block #" + block.number() + ": " + e.getMessage());
              }
              last = Optional.of(result.block());
              imported++;
              gas += block.header().gasUsed();
              txs += block.transactions().size();
            }
          } catch (IOException | RlpException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
          }
        }
        if (last.isPresent() && !chain.head().hash().equals(last.get().hash())) {
          chain.setHead(last.get().hash());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf(
            "Imported %d blocks (%d already known), %d transactions, %d gas in %.2f s (%.1f"
                + " Mgas/s)%n",
            imported, known, txs, gas, seconds, gas / seconds / 1e6);
        out.println("head " + describe(chain.head()));
        out.flush();
        err.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write the canonical chain (from genesis, or FIRST to LAST) as concatenated RLP blocks"
              + " (geth export).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory.")
    Path datadir;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the blocks.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FIRST", description = "First block.")
    Long first;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LAST", description = "Last block.")
    Long last;

    @Override
    public Integer call() {
      try (RocksDbKeyValueStore store = openStore(datadir)) {
        Blockchain chain = openChain(store);
        long from = first == null ? chain.genesis().number() : first;
        long to = last == null ? chain.head().number() : last;
        if (from > to || to > chain.head().number()) {
          throw new CommandFailure(
              "no canonical blocks "
                  + from
                  + " to "
                  + to
                  + " (head is "
                  + chain.head().number()
                  + ")");
        }
        try (ChainFile.Writer writer = new ChainFile.Writer(file)) {
          for (long n = from; n <= to; n++) {
            long number = n;
            writer.write(
                chain
                    .block(number)
                    .orElseThrow(
                        () -> new CommandFailure("canonical block " + number + " missing")));
          }
        } catch (IOException e) {
          throw new CommandFailure("cannot write " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Exported blocks " + from + " to " + to + " to " + file);
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "stateless",
      description = "Execute one L2 block from payload attributes and an execution witness.")
  static final class Stateless implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi execution stateless", "1, OP execution rules");
    }
  }
}
