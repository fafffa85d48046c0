package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.storage.RocksDbConfig;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.types.block.Block;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process importing blocks, 50 times at random moments. After each kill the chain
 * reopens on a head that is complete: every block the child reported as committed is stored, the
 * head's state opens from its root and the flat view equals it, and the canonical chain re-imports
 * into a second chain (every block validated and executed again, from genesis over the rounds) to
 * the same head and receipts.
 */
class ChainCrashIT {
  private static final int ROUNDS = 50;

  @TempDir Path directory;

  @Test
  void killedImportersReopenConsistent() throws Exception {
    Random random = new Random(20261121);
    TestChain test = new TestChain(32);
    List<Hash> reported = new ArrayList<>();
    // Re-imports every canonical block once, across the rounds, validated and executed again.
    Blockchain fresh = Blockchain.initialize(new InMemoryKeyValueStore(), test.genesis);
    long maxHeight = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<String> lines = new CopyOnWriteArrayList<>();
      Process child =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-Xmx512m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashingImporter.class.getName(),
                  directory.toString(),
                  Long.toString(random.nextLong()))
              .redirectErrorStream(true)
              .start();
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                      String line;
                      while ((line = out.readLine()) != null) {
                        lines.add(line);
                      }
                    } catch (java.io.IOException closed) {
                      // the child was killed
                    }
                  });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lines.stream().noneMatch(l -> l.startsWith("ready")) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(lines).as("the importer started: %s", lines).anyMatch(l -> l.startsWith("ready"));
      Thread.sleep(50 + random.nextInt(1500));
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join();
      for (String line : lines) {
        if (line.startsWith("committed ")) {
          reported.add(Hash.fromHex(line.substring("committed ".length())));
        } else if (!line.startsWith("ready") && !line.startsWith("SLF4J")) {
          System.out.println("importer: " + line);
        }
      }
      maxHeight = Math.max(maxHeight, check(fresh, reported, round));
    }
    assertThat(maxHeight).as("the chain grew across the kills").isGreaterThan(ROUNDS);
  }

  private long check(Blockchain fresh, List<Hash> reported, int round) {
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small())) {
      Blockchain chain = Blockchain.open(store);
      ChainHead head = chain.head();
      for (Hash hash : reported) {
        assertThat(chain.contains(hash)).as("reported block %s is stored", hash).isTrue();
      }
      if (!reported.isEmpty()) {
        // A kill lands after at most one commit the child did not report: the head is the last
        // reported block, or the block it went back to just before that, or a new block on the
        // last reported one or on its parent (a sibling).
        Hash last = reported.get(reported.size() - 1);
        Hash beforeLast = reported.size() > 1 ? reported.get(reported.size() - 2) : last;
        Hash lastParent = chain.header(last).orElseThrow().parentHash();
        boolean unreported = !reported.contains(head.hash());
        Hash parent = head.header().parentHash();
        assertThat(
                head.hash().equals(last)
                    || head.hash().equals(beforeLast)
                    || (unreported && (parent.equals(last) || parent.equals(lastParent))))
            .as("head %s after last reported %s", head.hash(), last)
            .isTrue();
      }
      int accounts = FlatStateCheck.verify(store, head.header().stateRoot());

      // The canonical blocks not imported yet import again (down to the last known one).
      List<Block> missing = new ArrayList<>();
      for (long n = head.number(); n > 0; n--) {
        Block block = chain.block(n).orElseThrow();
        if (fresh.contains(block.hash())) {
          break;
        }
        missing.add(0, block);
      }
      for (Block block : missing) {
        fresh.importBlockAsHead(block);
        assertThat(fresh.receipts(block.hash())).isEqualTo(chain.receipts(block.hash()));
      }
      fresh.setHead(head.hash());
      assertThat(fresh.head()).isEqualTo(head);
      System.out.printf(
          "round %d: reopened after kill -9 at head #%d %s (%d accounts, %d commits reported)%n",
          round, head.number(), head.hash(), accounts, reported.size());
      return head.number();
    }
  }
}
