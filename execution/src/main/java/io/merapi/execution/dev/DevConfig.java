package io.merapi.execution.dev;

import io.merapi.base.bytes.Address;
import io.merapi.execution.engine.BuilderConfig;
import io.merapi.execution.txpool.TxPoolConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code merapi execution --dev} runs its chain.
 *
 * @param dataDir where the chain lives (RocksDB in {@code <dataDir>/chaindata}); empty keeps it in
 *     memory, gone when the process ends
 * @param period seconds between blocks ({@code --dev.period}); zero seals a block as soon as
 *     transactions arrive
 * @param mnemonic the BIP-39 mnemonic of the prefunded accounts
 * @param accounts how many accounts to fund
 * @param feeRecipient the coinbase of produced blocks (tips go there)
 * @param finality how far behind the head the safe and finalized labels follow
 */
public record DevConfig(
    Optional<Path> dataDir,
    Duration period,
    String mnemonic,
    int accounts,
    long chainId,
    long gasLimit,
    Address feeRecipient,
    TxPoolConfig pool,
    BuilderConfig builder,
    FinalitySchedule finality) {

  public DevConfig {
    Objects.requireNonNull(dataDir);
    Objects.requireNonNull(mnemonic);
    Objects.requireNonNull(feeRecipient);
    Objects.requireNonNull(pool);
    Objects.requireNonNull(builder);
    Objects.requireNonNull(finality);
    if (period.isNegative()) {
      throw new IllegalArgumentException("dev period must not be negative: " + period);
    }
    if (accounts < 1) {
      throw new IllegalArgumentException("dev chain needs at least one account");
    }
  }

  /**
   * The dev chain's data directory when none is given: {@code ~/.merapi/dev}, so that the chain
   * survives restarts as geth's does with {@code --datadir}.
   */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".merapi", "dev");
  }

  /**
   * Blocks on demand, the default mnemonic's ten accounts, chain 1337, RocksDB at the default, safe
   * and finalized {@link FinalitySchedule#DEFAULT 8 and 16} blocks behind the head.
   */
  public static DevConfig defaults() {
    return new DevConfig(
        Optional.of(defaultDataDir()),
        Duration.ZERO,
        DevAccounts.DEFAULT_MNEMONIC,
        DevAccounts.DEFAULT_COUNT,
        DevGenesis.CHAIN_ID,
        DevGenesis.GAS_LIMIT,
        Address.ZERO,
        TxPoolConfig.defaults(),
        BuilderConfig.defaults().withGasCeil(DevGenesis.GAS_LIMIT),
        FinalitySchedule.DEFAULT);
  }

  public DevConfig withDataDir(Optional<Path> dataDir) {
    return new DevConfig(
        dataDir,
        period,
        mnemonic,
        accounts,
        chainId,
        gasLimit,
        feeRecipient,
        pool,
        builder,
        finality);
  }

  public DevConfig withPool(TxPoolConfig pool) {
    return new DevConfig(
        dataDir,
        period,
        mnemonic,
        accounts,
        chainId,
        gasLimit,
        feeRecipient,
        pool,
        builder,
        finality);
  }

  public DevConfig withPeriod(Duration period) {
    return new DevConfig(
        dataDir,
        period,
        mnemonic,
        accounts,
        chainId,
        gasLimit,
        feeRecipient,
        pool,
        builder,
        finality);
  }

  public DevConfig withFinality(FinalitySchedule finality) {
    return new DevConfig(
        dataDir,
        period,
        mnemonic,
        accounts,
        chainId,
        gasLimit,
        feeRecipient,
        pool,
        builder,
        finality);
  }
}
