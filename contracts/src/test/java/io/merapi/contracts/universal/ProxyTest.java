package io.merapi.contracts.universal;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The EIP-1967 proxy and its admin contract, run on Merapi's EVM. */
class ProxyTest {
  private static final UInt256 IMPLEMENTATION_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"));
  private static final UInt256 ADMIN_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"));

  private final TestChain chain = TestChain.l1();
  private final Address owner = TestChain.address("owner");
  private final Address stranger = TestChain.address("stranger");

  @Test
  void proxyAdminUpgradesAndReadsItsProxies() {
    Address admin = chain.deploy(owner, ProxyAdmin.deployment(owner));
    Address proxy = chain.deploy(owner, Proxy.deployment(admin));
    Address implementation = chain.deploy(owner, ProxyAdmin.deployment(owner));

    assertThat(chain.storage(proxy, ADMIN_SLOT)).isEqualTo(UInt256.fromHash(admin.toWord()));
    assertThat(chain.call(admin, ProxyAdmin.getProxyAdmin(proxy))).isEqualTo(admin);
    assertThat(chain.call(admin, ProxyAdmin.getProxyImplementation(proxy))).isEqualTo(Address.ZERO);

    Outcome upgraded = chain.send(owner, admin, ProxyAdmin.upgrade(proxy, implementation));
    upgraded.requireSuccess();
    assertThat(Proxy.Events.Upgraded.in(upgraded.logs()))
        .containsExactly(new Proxy.Events.Upgraded(implementation));
    assertThat(chain.storage(proxy, IMPLEMENTATION_SLOT))
        .isEqualTo(UInt256.fromHash(implementation.toWord()));
    assertThat(chain.call(admin, ProxyAdmin.getProxyImplementation(proxy)))
        .isEqualTo(implementation);

    // Anyone but the admin reaches the implementation (here a ProxyAdmin without an owner).
    assertThat(chain.call(proxy, ProxyAdmin.owner())).isEqualTo(Address.ZERO);
  }

  @Test
  void onlyTheOwnerUpgrades() {
    Address admin = chain.deploy(owner, ProxyAdmin.deployment(owner));
    Address proxy = chain.deploy(owner, Proxy.deployment(admin));
    Outcome refused = chain.send(stranger, admin, ProxyAdmin.upgrade(proxy, stranger));
    assertThat(refused.isSuccess()).isFalse();
    assertThat(AbiError.reason(refused.revertData())).contains("Ownable: caller is not the owner");
  }

  @Test
  void aProxyWithoutImplementationRefusesCalls() {
    Address proxy = chain.deploy(owner, Proxy.deployment(owner));
    Outcome o = chain.send(stranger, Optional.of(proxy), UInt256.ZERO, Bytes.EMPTY, 100_000);
    assertThat(AbiError.reason(o.revertData())).contains("Proxy: implementation not initialized");
  }
}
