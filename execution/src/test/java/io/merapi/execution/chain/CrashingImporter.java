package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.storage.RocksDbConfig;
import io.merapi.storage.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run in a child JVM by {@link ChainCrashIT}: opens (or initializes) a RocksDB chain and imports
 * blocks as fast as it can until it is killed, printing {@code committed <hash>} after each import
 * or head change returns. Every fifth block is a sibling of the head (a one-block reorg onto a side
 * branch executed on its tries), and now and then the head goes back to the block it replaced.
 * Blocks alternate between full re-execution ({@code importBlockAsHead}) and sealed imports.
 */
public final class CrashingImporter {
  private CrashingImporter() {}

  public static void main(String[] args) {
    Path directory = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small());
    TestChain test = new TestChain(32);
    Blockchain chain = Blockchain.initialize(store, test.genesis);
    Random random = new Random(seed);
    System.out.println("ready " + chain.head().hash());
    System.out.flush();
    for (long i = 0; ; i++) {
      ChainHead head = chain.head();
      if (i % 5 == 4 && head.number() > 0) {
        // A sibling of the head, then sometimes back again.
        SealedBlock sibling = test.build(chain, head.header().parentHash(), random, 25);
        chain.importBlockAsHead(sibling.block());
        report(sibling.hash());
        if (random.nextBoolean()) {
          chain.setHead(head.hash());
          report(head.hash());
        }
        continue;
      }
      SealedBlock next = test.build(chain, head.hash(), random, 25);
      if (i % 2 == 0) {
        chain.importBlockAsHead(next.block());
      } else {
        chain.importSealed(next, true);
      }
      report(next.hash());
    }
  }

  private static void report(Hash head) {
    System.out.println("committed " + head);
    System.out.flush();
  }
}
