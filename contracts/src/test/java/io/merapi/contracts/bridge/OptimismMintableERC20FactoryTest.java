package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.OptimismMintableERC20Factory.Events.OptimismMintableERC20Created;
import io.merapi.contracts.universal.OptimismMintableERC20Factory.Events.StandardL2TokenCreated;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OptimismMintableERC20Factory predeploy (specs predeploys.md): tokens bridged by the
 * L2StandardBridge, created at CREATE2 addresses known in advance.
 */
class OptimismMintableERC20FactoryTest {
  private final TestChain chain = TestChain.l2();
  private final Address factory = OPTIMISM_MINTABLE_ERC20_FACTORY;
  private final Address remote = TestChain.address("L1 token");
  private final Address deployer = TestChain.address("token deployer");
  private Address implementation;

  @BeforeEach
  void setUp() {
    implementation =
        predeploy(
            chain,
            factory,
            OptimismMintableERC20Factory.deployment(),
            OptimismMintableERC20Factory.initialize(L2_STANDARD_BRIDGE));
  }

  /** CREATE2: keccak256(0xff ++ factory ++ salt ++ keccak256(initcode))[12:]. */
  private Address expectedAddress(String name, String symbol, int decimals) {
    byte[] salt =
        Keccak256.hash(
            AbiCodec.encode(
                (AbiType.Tuple) AbiType.parse("(address,string,string,uint8)"),
                List.of(remote, name, symbol, decimals)));
    byte[] initcode =
        OptimismMintableERC20.deployment(L2_STANDARD_BRIDGE, remote, name, symbol, decimals);
    byte[] preimage = new byte[1 + 20 + 32 + 32];
    preimage[0] = (byte) 0xff;
    System.arraycopy(factory.array(), 0, preimage, 1, 20);
    System.arraycopy(salt, 0, preimage, 21, 32);
    System.arraycopy(Keccak256.hash(initcode), 0, preimage, 53, 32);
    return Address.copyOf(Keccak256.hash(preimage), 12);
  }

  @Test
  void isInitializedWithTheL2Bridge() {
    assertThat(chain.call(factory, OptimismMintableERC20Factory.bridge()))
        .isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.call(factory, OptimismMintableERC20Factory.BRIDGE()))
        .isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.call(factory, OptimismMintableERC20Factory.version())).isEqualTo("1.10.1");
    // bridge in slot 1 (slot 0 holds the initializer flags and a spacer).
    assertThat(asAddress(chain.storage(factory, UInt256.ONE))).isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.storage(factory, UInt256.ZERO)).isEqualTo(UInt256.ONE);
    assertThat(
            reason(
                chain.send(deployer, factory, OptimismMintableERC20Factory.initialize(deployer))))
        .isEqualTo("Initializable: contract is already initialized");
    assertThat(
            reason(
                chain.send(
                    deployer, implementation, OptimismMintableERC20Factory.initialize(deployer))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void createsTokensAtTheirCreate2Address() {
    Outcome created =
        chain.send(
            deployer,
            factory,
            OptimismMintableERC20Factory.createOptimismMintableERC20(remote, "Wrapped", "W"));
    Address token =
        OptimismMintableERC20Factory.createOptimismMintableERC20(remote, "", "")
            .decode(created.requireSuccess().output().array());
    assertThat(token).isEqualTo(expectedAddress("Wrapped", "W", 18));
    // The legacy event first, then the current one.
    assertThat(created.logs()).hasSize(2);
    assertThat(StandardL2TokenCreated.from(created.logs().get(0)))
        .contains(new StandardL2TokenCreated(remote, token));
    assertThat(OptimismMintableERC20Created.from(created.logs().get(1)))
        .contains(new OptimismMintableERC20Created(token, remote, deployer));
    assertThat(chain.call(factory, OptimismMintableERC20Factory.deployments(token)))
        .isEqualTo(remote);
    assertThat(asAddress(chain.storage(factory, mappingSlot(token.toWord(), 2)))).isEqualTo(remote);

    assertThat(chain.call(token, OptimismMintableERC20.bridge())).isEqualTo(L2_STANDARD_BRIDGE);
    assertThat(chain.call(token, OptimismMintableERC20.remoteToken())).isEqualTo(remote);
    assertThat(chain.call(token, OptimismMintableERC20.decimals())).isEqualTo(18);
    assertThat(chain.call(token, OptimismMintableERC20.name())).isEqualTo("Wrapped");

    // The same parameters cannot create a second token (CREATE2 collision).
    Outcome again =
        chain.send(
            deployer,
            factory,
            OptimismMintableERC20Factory.createOptimismMintableERC20(remote, "Wrapped", "W"));
    assertThat(again.isSuccess()).isFalse();
  }

  @Test
  void createsTokensWithDecimalsAndUnderTheLegacyName() {
    Outcome six =
        chain.send(
            deployer,
            factory,
            OptimismMintableERC20Factory.createOptimismMintableERC20WithDecimals(
                remote, "USD", "USD", 6));
    Address usd =
        OptimismMintableERC20Factory.createOptimismMintableERC20(remote, "", "")
            .decode(six.requireSuccess().output().array());
    assertThat(usd).isEqualTo(expectedAddress("USD", "USD", 6));
    assertThat(chain.call(usd, OptimismMintableERC20.decimals())).isEqualTo(6);

    Outcome legacy =
        chain.send(
            deployer,
            factory,
            OptimismMintableERC20Factory.createStandardL2Token(remote, "Old", "OLD"));
    Address old =
        OptimismMintableERC20Factory.createOptimismMintableERC20(remote, "", "")
            .decode(legacy.requireSuccess().output().array());
    assertThat(old).isEqualTo(expectedAddress("Old", "OLD", 18));
    assertThat(OptimismMintableERC20Created.in(legacy.logs()))
        .containsExactly(new OptimismMintableERC20Created(old, remote, deployer));
  }

  @Test
  void aRemoteTokenIsRequired() {
    Outcome o =
        chain.send(
            deployer,
            factory,
            OptimismMintableERC20Factory.createOptimismMintableERC20(Address.ZERO, "X", "X"));
    assertThat(reason(o))
        .isEqualTo("OptimismMintableERC20Factory: must provide remote token address");
  }

  @Test
  void theImplementationLivesBehindTheProxy() {
    assertThat(asAddress(chain.storage(factory, IMPLEMENTATION_SLOT))).isEqualTo(implementation);
    assertThat(asAddress(chain.storage(factory, ADMIN_SLOT))).isEqualTo(L2_PROXY_ADMIN);
  }
}
