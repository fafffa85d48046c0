package io.merapi.execution.dev;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
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
 * The single-node dev chain of {@code merapi execution --dev}, assembled: the chain on the dev
 * genesis ({@link #open} with its own store, RocksDB under the data directory or memory; or {@link
 * #on} a chain the node opened), the transaction pool, the payload builder, the Engine API and the
 * block producer. The node wires its JSON-RPC servers to {@link #chain}, {@link #pool} and {@link
 * #engine}, calls {@link #start}, prints {@link DevBanner}'s lines, and {@link #close}s it on
 * shutdown.
 */
public final class DevChain implements AutoCloseable {
  private final DevConfig config;
  private final DevAccounts accounts;
  private final Optional<KeyValueStore> ownedStore;
  private final Blockchain chain;
  private final TransactionPool pool;
  private final PayloadBuilder builder;
  private final EngineApi engine;
  private final DevMiner miner;
  private final DevBalances balances = new DevBalances();

  private DevChain(
      DevConfig config, Optional<KeyValueStore> ownedStore, Blockchain chain, Clock clock) {
    this.config = config;
    this.accounts = DevAccounts.derive(config.mnemonic(), config.accounts());
    this.ownedStore = ownedStore;
    this.chain = chain;
    this.pool = TransactionPool.create(chain, config.pool(), clock);
    this.builder =
        new PayloadBuilder(chain, Optional.of(pool), config.builder(), "payload-builder", balances);
    this.engine = new EngineApi(chain, builder);
    this.miner =
        new DevMiner(
            engine,
            pool,
            config.period(),
            config.finality(),
            config.feeRecipient(),
            balances,
            clock);
  }

  /**
   * Opens (or creates) the dev chain in its own store: RocksDB under the config's data directory,
   * or memory. Blocks start with {@link #start}.
   *
   * @throws IllegalStateException if the data directory holds another chain
   * @throws io.merapi.storage.StorageException if the store cannot be opened (in use, ...)
   */
  public static DevChain open(DevConfig config) {
    return open(config, Clock.systemUTC());
  }

  public static DevChain open(DevConfig config, Clock clock) {
    DevAccounts accounts = DevAccounts.derive(config.mnemonic(), config.accounts());
    KeyValueStore store =
        config
            .dataDir()
            .<KeyValueStore>map(dir -> RocksDbKeyValueStore.open(chainData(dir)))
            .orElseGet(InMemoryKeyValueStore::new);
    try {
      Blockchain chain = Blockchain.initialize(store, genesis(config, accounts));
      return new DevChain(config, Optional.of(store), chain, clock);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The dev chain's pool, builder, Engine API and producer on a chain someone else opened (the
   * node, with {@link #genesis} as its genesis); closing it leaves the chain's store open.
   */
  public static DevChain on(Blockchain chain, DevConfig config) {
    return new DevChain(config, Optional.empty(), chain, Clock.systemUTC());
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

  /**
   * Sets {@code address}'s balance ({@code anvil_setBalance}) in a block sealed now, so that the
   * head shows it at once.
   *
   * @return the block that set it
   */
  public ChainHead setBalance(Address address, UInt256 balance) {
    balances.set(address, balance);
    return miner.mine();
  }

  /** Stops block production, and closes the store if {@link #open} opened it. */
  @Override
  public void close() {
    miner.close();
    builder.close();
    pool.close();
    ownedStore.ifPresent(KeyValueStore::close);
  }
}
