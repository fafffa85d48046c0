package io.merapi.execution.dev;

import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.engine.EngineApi;
import io.merapi.execution.engine.PayloadBuilder;
import io.merapi.execution.txpool.TransactionPool;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.types.config.Genesis;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The single-node dev chain of {@code merapi execution --dev}, assembled: the store (RocksDB under
 * the data directory, or memory), the chain on the dev genesis, the transaction pool, the payload
 * builder, the Engine API and the block producer. The node wires its JSON-RPC servers to {@link
 * #chain}, {@link #pool} and {@link #engine}, calls {@link #start}, prints {@link DevBanner}'s
 * lines, and {@link #close}s it on shutdown.
 */
public final class DevChain implements AutoCloseable {
  private final DevConfig config;
  private final DevAccounts accounts;
  private final KeyValueStore store;
  private final Blockchain chain;
  private final TransactionPool pool;
  private final PayloadBuilder builder;
  private final EngineApi engine;
  private final DevMiner miner;

  private DevChain(DevConfig config, Clock clock) {
    this.config = config;
    this.accounts = DevAccounts.derive(config.mnemonic(), config.accounts());
    this.store =
        config
            .dataDir()
            .<KeyValueStore>map(dir -> RocksDbKeyValueStore.open(chainData(dir)))
            .orElseGet(InMemoryKeyValueStore::new);
    try {
      this.chain = Blockchain.initialize(store, genesis(config, accounts));
      this.pool = TransactionPool.create(chain, config.pool(), clock);
      this.builder = new PayloadBuilder(chain, Optional.of(pool), config.builder());
      this.engine = new EngineApi(chain, builder);
      this.miner = new DevMiner(engine, pool, config.period(), config.feeRecipient(), clock);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Opens (or creates) the dev chain; blocks start with {@link #start}.
   *
   * @throws IllegalStateException if the data directory holds another chain
   * @throws io.merapi.storage.StorageException if the store cannot be opened (in use, ...)
   */
  public static DevChain open(DevConfig config) {
    return new DevChain(config, Clock.systemUTC());
  }

  public static DevChain open(DevConfig config, Clock clock) {
    return new DevChain(config, clock);
  }

  /** The genesis a config gives: its accounts funded on its chain id. */
  public static Genesis genesis(DevConfig config, DevAccounts accounts) {
    return DevGenesis.of(
        accounts.addresses(), DevGenesis.BALANCE, config.chainId(), config.gasLimit());
  }

  /** Where the chain database lives in a data directory (as {@code merapi execution init}). */
  public static Path chainData(Path dataDir) {
    return dataDir.resolve("chaindata");
  }

  public void start() {
    miner.start();
  }

  public DevConfig config() {
    return config;
  }

  public DevAccounts accounts() {
    return accounts;
  }

  public Blockchain chain() {
    return chain;
  }

  public TransactionPool pool() {
    return pool;
  }

  public PayloadBuilder builder() {
    return builder;
  }

  public EngineApi engine() {
    return engine;
  }

  public DevMiner miner() {
    return miner;
  }

  /** Stops block production and closes the store. */
  @Override
  public void close() {
    miner.close();
    builder.close();
    pool.close();
    store.close();
  }
}
