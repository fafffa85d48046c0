package io.merapi.execution.dev;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The genesis of the dev chain ({@code merapi execution --dev}), an L1 in the spirit of geth's
 * {@code DeveloperGenesisBlock}: chain id 1337 as geth {@code --dev} uses (wallets know it as a
 * local chain), every fork through Cancun active from block 0 and timestamp 0, a 30M gas limit
 * (Anvil's default; geth's 11.5M is small for deploying real contracts), the initial 1 gwei base
 * fee, the EIP-4788 beacon roots contract in place so that Cancun's system call and {@code
 * BEACON_ROOT} reads work, and each dev account funded with 10,000 ether.
 *
 * <p>The genesis is deterministic (timestamp 0, no random fields), so a dev data directory can be
 * reopened with the same genesis.
 */
public final class DevGenesis {
  public static final long CHAIN_ID = 1337;
  public static final long GAS_LIMIT = 30_000_000;

  /** 10,000 ether in wei. */
  public static final UInt256 BALANCE = UInt256.valueOf(BigInteger.TEN.pow(22));

  /** EIP-4788: the beacon roots contract's address and runtime code. */
  public static final Address BEACON_ROOTS_ADDRESS =
      Address.fromHex("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02");

  public static final Bytes BEACON_ROOTS_CODE =
      Bytes.fromHex(
          "0x3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f3580"
              + "1560495762001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b6200"
              + "1fff42064281555f359062001fff015500");

  private DevGenesis() {}

  /** The dev chain's config: Cancun rules from genesis on chain {@code chainId}. */
  public static ChainConfig config(long chainId) {
    return ChainConfig.mergedAtGenesis(chainId, Map.of(Fork.SHANGHAI, 0L, Fork.CANCUN, 0L));
  }

  /** The default dev genesis: the ten default accounts funded on chain 1337. */
  public static Genesis of(DevAccounts accounts) {
    return of(accounts.addresses(), BALANCE, CHAIN_ID, GAS_LIMIT);
  }

  /** A dev genesis funding {@code funded} with {@code balance} each. */
  public static Genesis of(List<Address> funded, UInt256 balance, long chainId, long gasLimit) {
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    alloc.put(
        BEACON_ROOTS_ADDRESS, new GenesisAccount(UInt256.ZERO, 1, BEACON_ROOTS_CODE, Map.of()));
    for (Address address : funded) {
      alloc.put(address, new GenesisAccount(balance, 0, Bytes.EMPTY, Map.of()));
    }
    return Genesis.of(config(chainId), 0, gasLimit, alloc);
  }
}
