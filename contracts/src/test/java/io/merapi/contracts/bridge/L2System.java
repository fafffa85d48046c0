package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;

import io.merapi.base.bytes.Address;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;

/**
 * An L2 with the bridging predeploys as its genesis has them (each behind a Proxy owned by the L2
 * ProxyAdmin predeploy and initialized): the L2ToL1MessagePasser, the L2CrossDomainMessenger paired
 * with {@code l1Messenger}, the L2StandardBridge paired with {@code l1Bridge}, and the
 * OptimismMintableERC20Factory of the L2StandardBridge.
 */
final class L2System {
  final TestChain chain = TestChain.l2();
  final Address l1Messenger;
  final Address l1Bridge;
  final Address messengerImplementation;
  final Address bridgeImplementation;

  L2System(Address l1Messenger, Address l1Bridge) {
    this.l1Messenger = l1Messenger;
    this.l1Bridge = l1Bridge;
    predeploy(chain, L2_TO_L1_MESSAGE_PASSER, L2ToL1MessagePasser.deployment(), null);
    messengerImplementation =
        predeploy(
            chain,
            L2_CROSS_DOMAIN_MESSENGER,
            L2CrossDomainMessenger.deployment(),
            L2CrossDomainMessenger.initialize(l1Messenger));
    bridgeImplementation =
        predeploy(
            chain,
            L2_STANDARD_BRIDGE,
            L2StandardBridge.deployment(),
            L2StandardBridge.initialize(l1Bridge));
    predeploy(
        chain,
        OPTIMISM_MINTABLE_ERC20_FACTORY,
        OptimismMintableERC20Factory.deployment(),
        OptimismMintableERC20Factory.initialize(L2_STANDARD_BRIDGE));
  }

  /** An OptimismMintableERC20 for {@code remote}, created through the factory predeploy. */
  Address createToken(Address remote, String name, String symbol) {
    TestChain.Outcome o =
        chain
            .send(
                TestChain.address("token creator"),
                OPTIMISM_MINTABLE_ERC20_FACTORY,
                OptimismMintableERC20Factory.createOptimismMintableERC20(remote, name, symbol))
            .requireSuccess();
    return OptimismMintableERC20Factory.createOptimismMintableERC20(remote, name, symbol)
        .decode(o.output().array());
  }
}
