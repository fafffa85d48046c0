package io.merapi.contracts.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.SuperchainConfig;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.contracts.structs.Addresses;
import io.merapi.contracts.structs.ResourceConfig;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;

/**
 * A chain's L1 contracts deployed as a deployment script does: every contract behind its own Proxy
 * owned by one ProxyAdmin, proxies first (their addresses go into the SystemConfig), then each
 * upgraded to its implementation and initialized in the same call. The portal is the OptimismPortal
 * proven against the L2OutputOracle (one output per L2 block, finalization period {@link
 * #FINALIZATION_PERIOD} seconds).
 */
final class L1System {
  static final long FINALIZATION_PERIOD = 7 * 24 * 3600;
  static final long L2_BLOCK_TIME = 2;

  final TestChain chain = TestChain.l1();
  final Address owner = TestChain.address("L1 ProxyAdmin owner");
  final Address guardian = TestChain.address("guardian");
  final Address proposer = TestChain.address("proposer");
  final Address challenger = TestChain.address("challenger");
  final Address proxyAdmin;
  final Address superchainConfig;
  final Address systemConfig;
  final Address l2OutputOracle;
  final Address portal;
  final Address messenger;
  final Address bridge;
  final Address factory;
  final long l2StartingTimestamp;

  L1System() {
    proxyAdmin = chain.deploy(owner, ProxyAdmin.deployment(owner));
    superchainConfig = proxy();
    systemConfig = proxy();
    l2OutputOracle = proxy();
    portal = proxy();
    messenger = proxy();
    bridge = proxy();
    factory = proxy();
    l2StartingTimestamp = chain.timestamp() - 1000;

    upgrade(
        superchainConfig,
        SuperchainConfig.deployment(),
        SuperchainConfig.initialize(guardian, false));
    upgrade(
        systemConfig,
        SystemConfig.deployment(),
        SystemConfig.initialize(
            owner,
            1368,
            810949,
            TestChain.address("batcher").toWord(),
            30_000_000,
            TestChain.address("unsafe block signer"),
            new ResourceConfig(
                20_000_000, 10, 8, 1_000_000_000L, 1_000_000, UInt256.fromLimbs(0, 0, -1L, -1L)),
            TestChain.address("batch inbox"),
            new Addresses(
                messenger, Address.ZERO, bridge, Address.ZERO, portal, factory, Address.ZERO)));
    upgrade(
        l2OutputOracle,
        L2OutputOracle.deployment(),
        L2OutputOracle.initialize(
            UInt256.ONE,
            UInt256.valueOf(L2_BLOCK_TIME),
            UInt256.ZERO,
            UInt256.valueOf(l2StartingTimestamp),
            proposer,
            challenger,
            UInt256.valueOf(FINALIZATION_PERIOD)));
    upgrade(
        portal,
        OptimismPortal.deployment(),
        OptimismPortal.initialize(l2OutputOracle, systemConfig, superchainConfig));
    upgrade(
        messenger,
        L1CrossDomainMessenger.deployment(),
        L1CrossDomainMessenger.initialize(superchainConfig, portal, systemConfig));
    upgrade(
        bridge,
        L1StandardBridge.deployment(),
        L1StandardBridge.initialize(messenger, superchainConfig, systemConfig));
    upgrade(
        factory,
        OptimismMintableERC20Factory.deployment(),
        OptimismMintableERC20Factory.initialize(bridge));
    chain.mine();
  }

  private Address proxy() {
    return chain.deploy(owner, Proxy.deployment(proxyAdmin));
  }

  private void upgrade(Address proxy, byte[] implementation, ContractCall<?> initialize) {
    Address impl = chain.deploy(owner, implementation);
    chain
        .send(owner, proxyAdmin, ProxyAdmin.upgradeAndCall(proxy, impl, initialize.data()))
        .requireSuccess();
  }

  /** The implementation behind a proxy. */
  Address implementation(Address proxy) {
    return Fixtures.asAddress(chain.storage(proxy, Fixtures.IMPLEMENTATION_SLOT));
  }

  void pause() {
    chain.send(guardian, superchainConfig, SuperchainConfig.pause("test")).requireSuccess();
  }

  /** Proposes {@code outputRoot} as the next L2 output; returns its index. */
  UInt256 propose(Hash outputRoot) {
    UInt256 index = chain.call(l2OutputOracle, L2OutputOracle.nextOutputIndex());
    UInt256 l2Block = chain.call(l2OutputOracle, L2OutputOracle.nextBlockNumber());
    chain
        .send(
            proposer,
            l2OutputOracle,
            L2OutputOracle.proposeL2Output(outputRoot, l2Block, Hash.ZERO, UInt256.ZERO))
        .requireSuccess();
    return index;
  }
}
