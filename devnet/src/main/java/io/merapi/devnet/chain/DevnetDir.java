package io.merapi.devnet.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.files.FileTrees;
import io.merapi.deployer.RollupDeployer;
import io.merapi.execution.genesis.GenesisJson;
import io.merapi.types.config.Genesis;
import io.merapi.types.json.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The devnet's data directory, held for as long as the devnet runs:
 *
 * <pre>
 * LOCK  chain-settings.json  l1-genesis.json  rollup/{addresses,genesis,rollup}.json  jwtsecret
 * devnet.json  l1/chaindata  sequencer/{engine/chaindata,safedb}  verifier/{engine/chaindata,safedb}
 * explorer/index
 * </pre>
 *
 * {@code LOCK} is taken first, so a second devnet (or a {@code --fresh} against a running one) on
 * the same directory fails at once. {@code --fresh} empties only a directory that holds nothing but
 * the devnet's own entries, and never the home directory. The chain files are written once, {@code
 * chain-settings.json} last: a directory without it holds no chain yet.
 */
public final class DevnetDir implements AutoCloseable {
  static final String LOCK = "LOCK";
  static final String SETTINGS = "chain-settings.json";
  static final String L1_GENESIS = "l1-genesis.json";
  static final String ROLLUP = "rollup";
  static final String JWT_SECRET = "jwtsecret";
  static final String INFO = "devnet.json";
  static final String L1 = "l1";
  static final String SEQUENCER = "sequencer";
  static final String VERIFIER = "verifier";
  static final String EXPLORER = "explorer";

  /** Everything the devnet puts in its directory; anything else means it is not a devnet's. */
  private static final Set<String> OWN =
      Set.of(
          LOCK, SETTINGS, L1_GENESIS, ROLLUP, JWT_SECRET, INFO, L1, SEQUENCER, VERIFIER, EXPLORER);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DevnetDir(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating it if needed) and locks the devnet directory {@code root}; with {@code fresh},
   * empties it first.
   *
   * @throws IllegalStateException if another devnet holds it, it holds files that are not a
   *     devnet's, or {@code fresh} names the home directory
   */
  public static DevnetDir open(Path root, boolean fresh) {
    Path dir = root.toAbsolutePath().normalize();
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
    if (dir.equals(home) || dir.getParent() == null) {
      throw new IllegalStateException(
          "--datadir " + dir + " is not a place for a devnet: choose a directory of its own");
    }
    try {
      Files.createDirectories(dir);
      List<String> foreign = foreignEntries(dir);
      if (!foreign.isEmpty()) {
        throw new IllegalStateException(
            "--datadir "
                + dir
                + " is not a devnet's directory (it holds "
                + String.join(", ", foreign)
                + "): choose an empty or new one");
      }
      FileChannel channel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "another devnet is running on " + dir + " (it holds " + dir.resolve(LOCK) + ")");
      }
      DevnetDir opened = new DevnetDir(dir, channel, lock);
      if (fresh) {
        opened.empty();
      }
      return opened;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the devnet directory " + dir, e);
    }
  }

  private static List<String> foreignEntries(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !OWN.contains(name) && !name.endsWith(".tmp"))
          .sorted()
          .limit(3)
          .toList();
    }
  }

  /** Deletes everything but the lock: what {@code --fresh} does. */
  private void empty() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals(LOCK)) {
          FileTrees.delete(entry);
        }
      }
    }
  }

  /** The chains kept here, or empty before the first start (or after {@code --fresh}). */
  public Optional<ChainFiles> read() {
    Path settings = root.resolve(SETTINGS);
    if (!Files.exists(settings)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ChainFiles(
              ChainSettings.fromJson(JSON.readTree(settings.toFile())),
              Genesis.read(l1GenesisFile()),
              RollupDeployer.Output.read(rollupDir())));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the devnet's chain files in "
              + root
              + ": "
              + e.getMessage()
              + " (--fresh "
              + "starts a new devnet)",
          e);
    }
  }

  /** Writes the chain files, {@code chain-settings.json} last. */
  public void write(ChainFiles files) {
    try {
      JsonFiles.write(l1GenesisFile(), GenesisJson.toJson(files.l1Genesis()));
      files.rollup().write(rollupDir());
      JsonFiles.write(root.resolve(SETTINGS), files.settings().toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the devnet's chain files in " + root, e);
    }
  }

  /** Writes {@code devnet.json}. */
  public void writeInfo(JsonNode info) {
    try {
      JsonFiles.write(infoFile(), info);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + infoFile(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Path l1GenesisFile() {
    return root.resolve(L1_GENESIS);
  }

  /** {@code addresses.json}, the L2 {@code genesis.json} and {@code rollup.json}. */
  public Path rollupDir() {
    return root.resolve(ROLLUP);
  }

  /** The Engine API secret both L2 engines and both rollup nodes share (as in ops-bedrock). */
  public Path jwtSecret() {
    return root.resolve(JWT_SECRET);
  }

  public Path infoFile() {
    return root.resolve(INFO);
  }

  /** The dev L1's data directory. */
  public Path l1() {
    return root.resolve(L1);
  }

  /** The L2 engine's data directory of the sequencer or the verifier. */
  public Path engine(boolean sequencer) {
    return root.resolve(sequencer ? SEQUENCER : VERIFIER).resolve("engine");
  }

  /** The rollup node's safe-head database of the sequencer or the verifier. */
  public Path safeDb(boolean sequencer) {
    return root.resolve(sequencer ? SEQUENCER : VERIFIER).resolve("safedb");
  }

  /**
   * The data directory of the block explorer that {@code merapi devnet} serves (its index follows
   * these chains, so {@code --fresh} empties it with them).
   */
  public Path explorer() {
    return root.resolve(EXPLORER);
  }

  /** Releases the lock (the files stay). */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + root.resolve(LOCK), e);
    }
  }
}
