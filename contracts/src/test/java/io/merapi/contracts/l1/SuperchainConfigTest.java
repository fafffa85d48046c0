package io.merapi.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiError;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SuperchainConfig (specs superchain-config.md): the guardian's pause, at named slots. */
class SuperchainConfigTest {
  private final TestChain chain = TestChain.l1();
  private final Address owner = TestChain.address("owner");
  private final Address guardian = TestChain.address("guardian");
  private final Address stranger = TestChain.address("stranger");

  /** keccak256(name) - 1, the OP Stack's named slots. */
  static UInt256 namedSlot(String name) {
    return UInt256.fromHash(Keccak256.digest(name.getBytes(StandardCharsets.UTF_8)))
        .subtract(UInt256.ONE);
  }

  private Address deploy(boolean paused, Outcome[] init) {
    Address admin = chain.deploy(owner, ProxyAdmin.deployment(owner));
    Address proxy = chain.deploy(owner, Proxy.deployment(admin));
    Address impl = chain.deploy(owner, SuperchainConfig.deployment());
    init[0] =
        chain
            .send(
                owner,
                admin,
                ProxyAdmin.upgradeAndCall(
                    proxy, impl, SuperchainConfig.initialize(guardian, paused).data()))
            .requireSuccess();
    return proxy;
  }

  @Test
  void theGuardianPausesAndUnpauses() {
    Outcome[] init = new Outcome[1];
    Address config = deploy(false, init);
    assertThat(SuperchainConfig.Events.ConfigUpdate.in(init[0].logs()))
        .containsExactly(
            new SuperchainConfig.Events.ConfigUpdate(
                0, Bytes.wrap(AbiCodec.encodeValue(AbiType.parse("address"), guardian))));
    assertThat(chain.call(config, SuperchainConfig.guardian())).isEqualTo(guardian);
    assertThat(chain.call(config, SuperchainConfig.paused())).isFalse();
    assertThat(chain.call(config, SuperchainConfig.version())).isEqualTo("1.1.0");

    Outcome refused = chain.send(stranger, config, SuperchainConfig.pause("x"));
    assertThat(AbiError.reason(refused.revertData()))
        .contains("SuperchainConfig: only guardian can pause");
    Outcome paused =
        chain.send(guardian, config, SuperchainConfig.pause("bridge exploit")).requireSuccess();
    assertThat(SuperchainConfig.Events.Paused.in(paused.logs()))
        .containsExactly(new SuperchainConfig.Events.Paused("bridge exploit"));
    assertThat(chain.call(config, SuperchainConfig.paused())).isTrue();

    assertThat(
            AbiError.reason(chain.send(stranger, config, SuperchainConfig.unpause()).revertData()))
        .contains("SuperchainConfig: only guardian can unpause");
    Outcome unpaused = chain.send(guardian, config, SuperchainConfig.unpause()).requireSuccess();
    assertThat(SuperchainConfig.Events.Unpaused.in(unpaused.logs())).hasSize(1);
    assertThat(chain.call(config, SuperchainConfig.paused())).isFalse();
  }

  @Test
  void itMayStartPausedAndKeepsItsValuesAtNamedSlots() {
    Outcome[] init = new Outcome[1];
    Address config = deploy(true, init);
    assertThat(SuperchainConfig.Events.Paused.in(init[0].logs()))
        .containsExactly(new SuperchainConfig.Events.Paused("Initializer paused"));
    assertThat(chain.call(config, SuperchainConfig.PAUSED_SLOT()))
        .isEqualTo(namedSlot("superchainConfig.paused").toHash());
    assertThat(chain.call(config, SuperchainConfig.GUARDIAN_SLOT()))
        .isEqualTo(namedSlot("superchainConfig.guardian").toHash());
    assertThat(chain.storage(config, namedSlot("superchainConfig.paused"))).isEqualTo(UInt256.ONE);
    assertThat(chain.storage(config, namedSlot("superchainConfig.guardian")))
        .isEqualTo(UInt256.fromHash(guardian.toWord()));
    // Nothing else but Initializable's slot 0.
    assertThat(chain.storage(config).keySet())
        .containsExactlyInAnyOrder(
            UInt256.ZERO,
            namedSlot("superchainConfig.paused"),
            namedSlot("superchainConfig.guardian"),
            namedSlot("eip1967.proxy.implementation"),
            namedSlot("eip1967.proxy.admin"));
    assertThat(
            AbiError.reason(
                chain
                    .send(owner, config, SuperchainConfig.initialize(stranger, false))
                    .revertData()))
        .contains("Initializable: contract is already initialized");
  }
}
