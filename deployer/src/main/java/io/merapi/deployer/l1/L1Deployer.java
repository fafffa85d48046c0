package io.merapi.deployer.l1;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.contracts.dispute.PermissionedDisputeGame;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l1.SuperchainConfig;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.contracts.structs.Addresses;
import io.merapi.contracts.structs.ResourceConfig;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.tx.Transactor;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Deploys and initializes a rollup's L1 contracts, as a chain operator does (op-deployer's steps):
 * a ProxyAdmin, then for each contract an EIP-1967 proxy owned by it and an implementation, each
 * proxy upgraded to its implementation and initialized in the same call so that nobody can
 * initialize it in between. The deployer owns the ProxyAdmin and the DisputeGameFactory while it
 * sets them up and hands them to the config's owners at the end.
 */
public final class L1Deployer {
  private final Transactor tx;
  private final DeployConfig config;

  public L1Deployer(Transactor tx, DeployConfig config) {
    this.tx = tx;
    this.config = config;
  }

  /** The protocol's resource metering parameters for a new chain (specs system-config.md). */
  public static ResourceConfig defaultResourceConfig() {
    return new ResourceConfig(
        20_000_000L,
        10,
        8,
        1_000_000_000L,
        1_000_000L,
        UInt256.valueOf(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
  }

  public L1Deployment deploy() {
    Address deployer = tx.from();
    Address proxyAdmin = tx.deploy("ProxyAdmin", ProxyAdmin.deployment(deployer));

    Address superchainConfigProxy = proxy("SuperchainConfigProxy", proxyAdmin);
    Address superchainConfig = tx.deploy("SuperchainConfig", SuperchainConfig.deployment());
    upgradeAndCall(
        proxyAdmin,
        superchainConfigProxy,
        superchainConfig,
        SuperchainConfig.initialize(config.superchainConfigGuardian(), false));

    Address systemConfigProxy = proxy("SystemConfigProxy", proxyAdmin);
    Address portalProxy = proxy("OptimismPortalProxy", proxyAdmin);
    Address messengerProxy = proxy("L1CrossDomainMessengerProxy", proxyAdmin);
    Address bridgeProxy = proxy("L1StandardBridgeProxy", proxyAdmin);
    Address factoryProxy = proxy("OptimismMintableERC20FactoryProxy", proxyAdmin);

    Optional<Address> gameFactoryProxy = Optional.empty();
    Optional<Address> gameFactory = Optional.empty();
    Optional<Address> fastGame = Optional.empty();
    Optional<Address> permissionedGame = Optional.empty();
    Optional<Address> oracleProxy = Optional.empty();
    Optional<Address> oracle = Optional.empty();
    Address portal;
    if (config.useFaultProofs()) {
      Address factoryImpl = tx.deploy("DisputeGameFactory", DisputeGameFactory.deployment());
      Address dgfProxy = proxy("DisputeGameFactoryProxy", proxyAdmin);
      upgradeAndCall(proxyAdmin, dgfProxy, factoryImpl, DisputeGameFactory.initialize(deployer));
      Address fast = tx.deploy("FastDisputeGame", FastDisputeGame.deployment());
      Address permissioned =
          tx.deploy(
              "PermissionedDisputeGame",
              PermissionedDisputeGame.deployment(
                  config.faultGameMaxClockDuration(),
                  UInt256.valueOf(config.l2ChainId()),
                  config.faultGameGenesisOutputRoot(),
                  UInt256.valueOf(config.faultGameGenesisBlock()),
                  config.l2OutputOracleProposer(),
                  config.l2OutputOracleChallenger()));
      setGame(dgfProxy, DeployConfig.FAST_GAME_TYPE, fast);
      setGame(dgfProxy, DeployConfig.PERMISSIONED_GAME_TYPE, permissioned);
      tx.send(
          "DisputeGameFactory: owner " + config.finalSystemOwner(),
          dgfProxy,
          DisputeGameFactory.transferOwnership(config.finalSystemOwner()));

      portal =
          tx.deploy(
              "OptimismPortal2",
              OptimismPortal2.deployment(
                  UInt256.valueOf(config.proofMaturityDelaySeconds()),
                  UInt256.valueOf(config.disputeGameFinalityDelaySeconds())));
      upgradeAndCall(
          proxyAdmin,
          portalProxy,
          portal,
          OptimismPortal2.initialize(
              dgfProxy, systemConfigProxy, superchainConfigProxy, config.respectedGameType()));
      gameFactoryProxy = Optional.of(dgfProxy);
      gameFactory = Optional.of(factoryImpl);
      fastGame = Optional.of(fast);
      permissionedGame = Optional.of(permissioned);
    } else {
      Address oracleImpl = tx.deploy("L2OutputOracle", L2OutputOracle.deployment());
      Address l2ooProxy = proxy("L2OutputOracleProxy", proxyAdmin);
      upgradeAndCall(
          proxyAdmin,
          l2ooProxy,
          oracleImpl,
          L2OutputOracle.initialize(
              UInt256.valueOf(config.l2OutputOracleSubmissionInterval()),
              UInt256.valueOf(config.l2BlockTime()),
              UInt256.valueOf(config.l2OutputOracleStartingBlockNumber()),
              UInt256.valueOf(config.l2OutputOracleStartingTimestamp()),
              config.l2OutputOracleProposer(),
              config.l2OutputOracleChallenger(),
              UInt256.valueOf(config.finalizationPeriodSeconds())));
      portal = tx.deploy("OptimismPortal", OptimismPortal.deployment());
      upgradeAndCall(
          proxyAdmin,
          portalProxy,
          portal,
          OptimismPortal.initialize(l2ooProxy, systemConfigProxy, superchainConfigProxy));
      oracleProxy = Optional.of(l2ooProxy);
      oracle = Optional.of(oracleImpl);
    }

    Address systemConfig = tx.deploy("SystemConfig", SystemConfig.deployment());
    upgradeAndCall(
        proxyAdmin,
        systemConfigProxy,
        systemConfig,
        SystemConfig.initialize(
            config.finalSystemOwner(),
            config.gasPriceOracleBaseFeeScalar(),
            config.gasPriceOracleBlobBaseFeeScalar(),
            Hash.leftPad(config.batchSenderAddress().array()),
            config.l2GenesisBlockGasLimit(),
            config.p2pSequencerAddress(),
            defaultResourceConfig(),
            config.batchInboxAddress(),
            new Addresses(
                messengerProxy,
                Address.ZERO,
                bridgeProxy,
                gameFactoryProxy.orElse(Address.ZERO),
                portalProxy,
                factoryProxy,
                // No custom gas token: ETH pays for gas.
                Address.ZERO)));

    Address messenger = tx.deploy("L1CrossDomainMessenger", L1CrossDomainMessenger.deployment());
    upgradeAndCall(
        proxyAdmin,
        messengerProxy,
        messenger,
        L1CrossDomainMessenger.initialize(superchainConfigProxy, portalProxy, systemConfigProxy));

    Address bridge = tx.deploy("L1StandardBridge", L1StandardBridge.deployment());
    upgradeAndCall(
        proxyAdmin,
        bridgeProxy,
        bridge,
        L1StandardBridge.initialize(messengerProxy, superchainConfigProxy, systemConfigProxy));

    Address factory =
        tx.deploy("OptimismMintableERC20Factory", OptimismMintableERC20Factory.deployment());
    upgradeAndCall(
        proxyAdmin, factoryProxy, factory, OptimismMintableERC20Factory.initialize(bridgeProxy));

    tx.send(
        "ProxyAdmin: owner " + config.proxyAdminOwner(),
        proxyAdmin,
        ProxyAdmin.transferOwnership(config.proxyAdminOwner()));

    return new L1Deployment(
        proxyAdmin,
        superchainConfigProxy,
        superchainConfig,
        systemConfigProxy,
        systemConfig,
        portalProxy,
        portal,
        messengerProxy,
        messenger,
        bridgeProxy,
        bridge,
        factoryProxy,
        factory,
        gameFactoryProxy,
        gameFactory,
        fastGame,
        permissionedGame,
        oracleProxy,
        oracle);
  }

  private Address proxy(String name, Address proxyAdmin) {
    return tx.deploy(name, Proxy.deployment(proxyAdmin));
  }

  private void upgradeAndCall(
      Address proxyAdmin, Address proxy, Address implementation, ContractCall<?> initialize) {
    tx.send(
        "initialize " + proxy + " with " + implementation,
        proxyAdmin,
        ProxyAdmin.upgradeAndCall(proxy, implementation, initialize.data()));
  }

  private void setGame(Address factory, int gameType, Address implementation) {
    tx.send(
        "DisputeGameFactory: game type " + gameType + " is " + implementation,
        factory,
        DisputeGameFactory.setImplementation(gameType, implementation));
    tx.send(
        "DisputeGameFactory: bond of game type " + gameType,
        factory,
        DisputeGameFactory.setInitBond(gameType, config.disputeGameInitBond()));
  }
}
