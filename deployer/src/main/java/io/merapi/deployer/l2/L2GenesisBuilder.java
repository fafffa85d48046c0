package io.merapi.deployer.l2;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.l2.BaseFeeVault;
import io.merapi.contracts.l2.GasPriceOracle;
import io.merapi.contracts.l2.L1Block;
import io.merapi.contracts.l2.L1FeeVault;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.l2.SequencerFeeVault;
import io.merapi.contracts.l2.WETH;
import io.merapi.contracts.universal.Multicall3;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.deployer.tx.DeploymentException;
import io.merapi.evm.EvmConfig;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.state.op.Create2Deployer;
import io.merapi.state.op.Predeploys;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.config.OpFork;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The L2 genesis of a new OP chain (op-chain-ops' genesis and contracts-bedrock's L2Genesis script,
 * specs predeploys.md and preinstalls.md): an EIP-1967 proxy owned by the ProxyAdmin predeploy at
 * each of the first 2048 addresses of the 0x4200… namespace (but WETH and the governance token's
 * address), the predeploys' implementations at the matching 0xc0d3… addresses with their proxies
 * pointed at them and initialized, WETH unproxied, the preinstalls Merapi carries, and the dev
 * accounts funded.
 *
 * <p>Nothing is laid out by hand: the implementations are deployed by executing their creation code
 * (so constructors fill immutables) and the proxies initialized by executing their initializers, in
 * a {@link Sandbox}; the genesis allocation is the resulting state, without the accounts the
 * building itself used.
 */
public final class L2GenesisBuilder {
  /** The Holocene extraData of a genesis: version 0, then the denominator and elasticity. */
  private static final int HOLOCENE_EXTRA_DATA_LENGTH = 9;

  /** The 0x4200… namespace and how many of its addresses hold proxies. */
  private static final int PROXIED_COUNT = 2048;

  /** Sends the building transactions; removed from the allocation afterwards. */
  private static final Address BUILDER = label("merapi L2 genesis builder");

  static final UInt256 IMPLEMENTATION_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"));
  static final UInt256 ADMIN_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"));

  public static final Address PROXY_ADMIN = predeploy(0x18);
  public static final Address L2_CROSS_DOMAIN_MESSENGER = predeploy(0x07);
  public static final Address L2_STANDARD_BRIDGE = predeploy(0x10);
  public static final Address OPTIMISM_MINTABLE_ERC20_FACTORY = predeploy(0x12);
  public static final Address GOVERNANCE_TOKEN = predeploy(0x42);
  public static final Address MULTICALL3 =
      Address.fromHex("0xcA11bde05977b3631167028862bE2a173976CA11");

  private final DeployConfig config;
  private final L1Deployment l1;
  private final ChainConfig chainConfig;
  private final long timestamp;
  private final Sandbox sandbox;

  private L2GenesisBuilder(
      DeployConfig config, L1Deployment l1, ChainConfig chainConfig, long timestamp) {
    this.config = config;
    this.l1 = l1;
    this.chainConfig = chainConfig;
    this.timestamp = timestamp;
    this.sandbox = new Sandbox(EvmConfig.l1(Fork.CANCUN, config.l2ChainId()), 0, timestamp);
  }

  /**
   * The L2 genesis for {@code config}, whose L1 contracts are {@code l1}, with the L2 rules of
   * {@code chainConfig} and its first block at {@code timestamp} (the L1 starting block's time).
   */
  public static Genesis build(
      DeployConfig config, L1Deployment l1, ChainConfig chainConfig, long timestamp) {
    return new L2GenesisBuilder(config, l1, chainConfig, timestamp).build();
  }

  private Genesis build() {
    sandbox.put(BUILDER, new GenesisAccount(UInt256.ZERO, 0, Bytes.EMPTY, Map.of()));

    Bytes proxyCode = Proxy.ARTIFACT.deployedBytecode();
    for (int i = 0; i < PROXIED_COUNT; i++) {
      Address address = predeploy(i);
      if (address.equals(Predeploys.WETH) || address.equals(GOVERNANCE_TOKEN)) {
        continue;
      }
      sandbox.put(
          address,
          new GenesisAccount(
              UInt256.ZERO, 0, proxyCode, Map.of(ADMIN_SLOT.toHash(), PROXY_ADMIN.toWord())));
    }

    implementation(PROXY_ADMIN, ProxyAdmin.deployment(config.proxyAdminOwner()));
    // The proxy's own storage holds its owner (Ownable keeps it in slot 0).
    sandbox.edit(PROXY_ADMIN, a -> withSlot(a, UInt256.ZERO, config.proxyAdminOwner().toWord()));

    implementation(Predeploys.L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.deployment());
    implementation(Predeploys.L1_BLOCK, L1Block.deployment());
    implementation(Predeploys.GAS_PRICE_ORACLE, GasPriceOracle.deployment());
    implementation(L2_CROSS_DOMAIN_MESSENGER, L2CrossDomainMessenger.deployment());
    initialize(
        L2_CROSS_DOMAIN_MESSENGER,
        L2CrossDomainMessenger.initialize(l1.l1CrossDomainMessengerProxy()));
    implementation(L2_STANDARD_BRIDGE, L2StandardBridge.deployment());
    initialize(L2_STANDARD_BRIDGE, L2StandardBridge.initialize(l1.l1StandardBridgeProxy()));
    implementation(OPTIMISM_MINTABLE_ERC20_FACTORY, OptimismMintableERC20Factory.deployment());
    initialize(
        OPTIMISM_MINTABLE_ERC20_FACTORY,
        OptimismMintableERC20Factory.initialize(L2_STANDARD_BRIDGE));
    DeployConfig.FeeVaultConfig sequencer = config.sequencerFeeVault();
    implementation(
        Predeploys.SEQUENCER_FEE_VAULT,
        SequencerFeeVault.deployment(
            sequencer.recipient(), sequencer.minimumWithdrawalAmount(), sequencer.network()));
    DeployConfig.FeeVaultConfig base = config.baseFeeVault();
    implementation(
        Predeploys.BASE_FEE_VAULT,
        BaseFeeVault.deployment(base.recipient(), base.minimumWithdrawalAmount(), base.network()));
    DeployConfig.FeeVaultConfig l1Fee = config.l1FeeVault();
    implementation(
        Predeploys.L1_FEE_VAULT,
        L1FeeVault.deployment(l1Fee.recipient(), l1Fee.minimumWithdrawalAmount(), l1Fee.network()));

    // WETH is not proxied (specs predeploys.md): its code sits at the predeploy address itself.
    sandbox.deployAt(Predeploys.WETH, BUILDER, Bytes.wrap(WETH.deployment()));

    // The GasPriceOracle switches its formula at Ecotone and Fjord by a call from the depositor,
    // which the upgrade transactions make on a live chain; a chain born past them starts switched.
    if (activeAtGenesis(OpFork.ECOTONE)) {
      asDepositor(Predeploys.GAS_PRICE_ORACLE, GasPriceOracle.setEcotone(), "setEcotone");
    }
    if (activeAtGenesis(OpFork.FJORD)) {
      asDepositor(Predeploys.GAS_PRICE_ORACLE, GasPriceOracle.setFjord(), "setFjord");
    }

    preinstalls();
    if (config.fundDevAccounts()) {
      for (Address account : DevAccounts.defaults().addresses()) {
        sandbox.put(account, new GenesisAccount(DevGenesis.BALANCE, 0, Bytes.EMPTY, Map.of()));
      }
    }

    // The accounts that only built the genesis are not part of it.
    sandbox.remove(BUILDER);
    sandbox.remove(Predeploys.L1_ATTRIBUTES_DEPOSITOR);
    Map<Address, GenesisAccount> alloc = sandbox.accounts();
    return new Genesis(
        chainConfig,
        0,
        timestamp,
        extraData(),
        config.l2GenesisBlockGasLimit(),
        Optional.of(UInt256.ZERO),
        Hash.ZERO,
        Predeploys.SEQUENCER_FEE_VAULT,
        alloc,
        0,
        0,
        Hash.ZERO,
        Optional.of(config.l2GenesisBlockBaseFeePerGas()),
        activeAtGenesis(OpFork.ECOTONE) ? OptionalLong.of(0) : OptionalLong.empty(),
        activeAtGenesis(OpFork.ECOTONE) ? OptionalLong.of(0) : OptionalLong.empty(),
        Optional.empty());
  }

  /** The preinstalls Merapi carries (specs preinstalls.md). */
  private void preinstalls() {
    sandbox.deployAt(MULTICALL3, BUILDER, Bytes.wrap(Multicall3.deployment()));
    sandbox.put(
        Predeploys.CREATE2_DEPLOYER,
        new GenesisAccount(UInt256.ZERO, 0, Bytes.wrap(Create2Deployer.code()), Map.of()));
    // EIP-4788's beacon roots contract, as Ecotone's upgrade transactions deploy it (nonce 1).
    sandbox.put(
        DevGenesis.BEACON_ROOTS_ADDRESS,
        new GenesisAccount(UInt256.ZERO, 1, DevGenesis.BEACON_ROOTS_CODE, Map.of()));
  }

  /**
   * Holocene at genesis puts the EIP-1559 parameters in the genesis extraData, as op-geth reads.
   */
  private Bytes extraData() {
    if (!activeAtGenesis(OpFork.HOLOCENE)) {
      return Bytes.EMPTY;
    }
    ByteBuffer data = ByteBuffer.allocate(HOLOCENE_EXTRA_DATA_LENGTH);
    data.put((byte) 0);
    data.putInt((int) config.eip1559DenominatorCanyon());
    data.putInt((int) config.eip1559Elasticity());
    return Bytes.wrap(data.array());
  }

  private boolean activeAtGenesis(OpFork fork) {
    Long offset = config.l2ForkOffsets().get(fork);
    return offset != null && offset == 0;
  }

  /**
   * Deploys an implementation at the predeploy's code-namespace address and points the predeploy's
   * proxy at it. Its storage comes along, so an implementation keeps its disabled initializer (OP's
   * genesis copies the code only).
   */
  private void implementation(Address predeploy, byte[] deployment) {
    Address implementation = codeNamespace(predeploy);
    sandbox.deployAt(implementation, BUILDER, Bytes.wrap(deployment));
    sandbox.edit(predeploy, a -> withSlot(a, IMPLEMENTATION_SLOT, implementation.toWord()));
  }

  private void initialize(Address proxy, ContractCall<?> call) {
    run(BUILDER, proxy, call, "initialize " + proxy);
  }

  private void asDepositor(Address to, ContractCall<?> call, String what) {
    run(Predeploys.L1_ATTRIBUTES_DEPOSITOR, to, call, what);
  }

  private void run(Address from, Address to, ContractCall<?> call, String what) {
    Sandbox.Outcome o =
        sandbox.execute(from, Optional.of(to), UInt256.ZERO, call.data(), 10_000_000, true);
    if (!o.isSuccess()) {
      throw new DeploymentException("L2 genesis: " + what + " failed: " + o.halt());
    }
  }

  private static GenesisAccount withSlot(GenesisAccount account, UInt256 slot, Hash value) {
    Map<Hash, Hash> storage = new LinkedHashMap<>(account.storage());
    storage.put(slot.toHash(), value);
    return new GenesisAccount(account.balance(), account.nonce(), account.code(), storage);
  }

  /** 0x4200…0000 plus {@code index}. */
  public static Address predeploy(int index) {
    byte[] a = Address.fromHex("0x4200000000000000000000000000000000000000").toArray();
    a[18] = (byte) (index >>> 8);
    a[19] = (byte) index;
    return Address.wrap(a);
  }

  /** The implementation address of a predeploy: 0xc0d3c0d3…, with the predeploy's last 2 bytes. */
  public static Address codeNamespace(Address predeploy) {
    byte[] a = Address.fromHex("0xc0D3C0d3C0d3C0D3c0d3C0d3c0D3C0d3c0d30000").toArray();
    a[18] = predeploy.array()[18];
    a[19] = predeploy.array()[19];
    return Address.wrap(a);
  }

  /**
   * An address no key controls, named by {@code text} (the low 20 bytes of its Keccak-256): for
   * accounts that only act inside a sandbox, such as a genesis builder or a deployer.
   */
  public static Address label(String text) {
    return Address.copyOf(Keccak256.hash(text.getBytes(StandardCharsets.UTF_8)), 12);
  }
}
