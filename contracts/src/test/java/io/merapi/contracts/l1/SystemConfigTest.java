package io.merapi.contracts.l1;

import static io.merapi.contracts.l1.SuperchainConfigTest.namedSlot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.l1.OpNodeSystemConfig.Config;
import io.merapi.contracts.structs.Addresses;
import io.merapi.contracts.structs.ResourceConfig;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.types.receipt.Log;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SystemConfig (specs system-config.md): every setter, its owner check and rules, and its
 * ConfigUpdate event applied by an independent op-node decoder; the resource config rules; the
 * named slots off-chain services read; the OP Stack's storage slots from 101 on.
 */
class SystemConfigTest {
  private static final long GAS_LIMIT = 30_000_000;
  private static final long BASEFEE_SCALAR = 1368;
  private static final long BLOB_SCALAR = 810949;

  private final TestChain chain = TestChain.l1();
  private final Address deployer = TestChain.address("deployer");
  private final Address owner = TestChain.address("owner");
  private final Address stranger = TestChain.address("stranger");
  private final Address batcher = TestChain.address("batcher");
  private final Address signer = TestChain.address("unsafe block signer");
  private final Address inbox = Address.fromHex("0xff00000000000000000000000000000000000901");
  private final Addresses addresses =
      new Addresses(
          TestChain.address("messenger"),
          TestChain.address("erc721 bridge"),
          TestChain.address("standard bridge"),
          TestChain.address("factory"),
          TestChain.address("portal"),
          TestChain.address("erc20 factory"),
          Address.ZERO);
  private Outcome initOutcome;
  private long initBlock;

  SystemConfigTest() {
    chain.mine(20);
  }

  private ContractCall<Void> initialize(ResourceConfig rc, long gasLimit, Addresses a) {
    return initialize(owner, rc, gasLimit, a);
  }

  private ContractCall<Void> initialize(
      Address initialOwner, ResourceConfig rc, long gasLimit, Addresses a) {
    return SystemConfig.initialize(
        initialOwner,
        BASEFEE_SCALAR,
        BLOB_SCALAR,
        batcher.toWord(),
        gasLimit,
        signer,
        rc,
        inbox,
        a);
  }

  /** A proxy pointed at a fresh implementation; initialized through the ProxyAdmin. */
  private Outcome deploy(ContractCall<Void> init, Address[] proxyOut, boolean presetStartBlock) {
    Address admin = chain.deploy(deployer, ProxyAdmin.deployment(deployer));
    Address proxy = chain.deploy(deployer, Proxy.deployment(admin));
    Address impl = chain.deploy(deployer, SystemConfig.deployment());
    if (presetStartBlock) {
      chain.setStorage(proxy, namedSlot("systemconfig.startBlock"), UInt256.valueOf(5));
    }
    proxyOut[0] = proxy;
    initBlock = chain.number();
    return chain.send(deployer, admin, ProxyAdmin.upgradeAndCall(proxy, impl, init.data()));
  }

  private Address deployed() {
    Address[] proxy = new Address[1];
    initOutcome =
        deploy(initialize(L1Fixture.DEFAULT_RESOURCE_CONFIG, GAS_LIMIT, addresses), proxy, false)
            .requireSuccess();
    return proxy[0];
  }

  @Test
  void theConfigurationHasAnOwner() {
    Address admin = chain.deploy(deployer, ProxyAdmin.deployment(deployer));
    Address proxy = chain.deploy(deployer, Proxy.deployment(admin));
    Address impl = chain.deploy(deployer, SystemConfig.deployment());
    chain.send(deployer, admin, ProxyAdmin.upgrade(proxy, impl)).requireSuccess();
    Outcome o =
        chain.send(
            deployer,
            proxy,
            initialize(Address.ZERO, L1Fixture.DEFAULT_RESOURCE_CONFIG, GAS_LIMIT, addresses));
    assertThat(reason(o)).isEqualTo("Ownable: new owner is the zero address");
  }

  /**
   * The reason initialize refuses these values. (Called through the proxy directly: the Proxy's
   * upgradeToAndCall replaces a failed call's reason with its own.)
   */
  private String initRefusal(ResourceConfig rc, long gasLimit, Addresses a) {
    Address admin = chain.deploy(deployer, ProxyAdmin.deployment(deployer));
    Address proxy = chain.deploy(deployer, Proxy.deployment(admin));
    Address impl = chain.deploy(deployer, SystemConfig.deployment());
    chain.send(deployer, admin, ProxyAdmin.upgrade(proxy, impl)).requireSuccess();
    return reason(chain.send(deployer, proxy, initialize(rc, gasLimit, a)));
  }

  private static List<Log> configUpdates(Outcome o) {
    return o.logs().stream()
        .filter(l -> l.topics().get(0).equals(OpNodeSystemConfig.TOPIC))
        .toList();
  }

  private static Config applyAll(Config c, Outcome o, boolean ecotone) {
    for (Log log : configUpdates(o)) {
      c = OpNodeSystemConfig.apply(c, log, ecotone);
    }
    return c;
  }

  private static byte[] ecotoneScalar(long base, long blob) {
    byte[] s = new byte[32];
    s[0] = 1;
    for (int i = 0; i < 4; i++) {
      s[27 - i] = (byte) (blob >>> (8 * i));
      s[31 - i] = (byte) (base >>> (8 * i));
    }
    return s;
  }

  private static String reason(Outcome o) {
    assertThat(o.isSuccess()).as("should have reverted").isFalse();
    return AbiError.reason(o.revertData()).orElse("data " + Bytes.wrap(o.revertData()).toHex());
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void initializeSetsEverythingAndEmitsTheDerivationValuesInTypeOrder() {
    Address config = deployed();
    List<Log> updates = configUpdates(initOutcome);
    assertThat(updates).hasSize(3);
    assertThat(updates.stream().map(l -> (int) l.topics().get(2).array()[31]).toList())
        .containsExactly(0, 1, 2);
    Config c = applyAll(Config.empty(), initOutcome, true);
    assertThat(c.batcher()).isEqualTo(batcher);
    assertThat(c.scalar()).isEqualTo(ecotoneScalar(BASEFEE_SCALAR, BLOB_SCALAR));
    assertThat(c.gasLimit()).isEqualTo(GAS_LIMIT);

    assertThat(chain.call(config, SystemConfig.owner())).isEqualTo(owner);
    assertThat(chain.call(config, SystemConfig.version())).isEqualTo("2.3.0");
    assertThat(chain.call(config, SystemConfig.VERSION())).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(config, SystemConfig.batcherHash())).isEqualTo(batcher.toWord());
    assertThat(chain.call(config, SystemConfig.basefeeScalar())).isEqualTo(BASEFEE_SCALAR);
    assertThat(chain.call(config, SystemConfig.blobbasefeeScalar())).isEqualTo(BLOB_SCALAR);
    assertThat(chain.call(config, SystemConfig.scalar()))
        .isEqualTo(UInt256.fromBytes(ecotoneScalar(BASEFEE_SCALAR, BLOB_SCALAR)));
    assertThat(chain.call(config, SystemConfig.overhead())).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(config, SystemConfig.gasLimit())).isEqualTo(GAS_LIMIT);
    assertThat(chain.call(config, SystemConfig.resourceConfig()))
        .isEqualTo(L1Fixture.DEFAULT_RESOURCE_CONFIG);
    assertThat(chain.call(config, SystemConfig.minimumGasLimit())).isEqualTo(21_000_000L);
    assertThat(chain.call(config, SystemConfig.maximumGasLimit())).isEqualTo(200_000_000L);
    assertThat(chain.call(config, SystemConfig.unsafeBlockSigner())).isEqualTo(signer);
    assertThat(chain.call(config, SystemConfig.batchInbox())).isEqualTo(inbox);
    assertThat(chain.call(config, SystemConfig.l1CrossDomainMessenger()))
        .isEqualTo(addresses.l1CrossDomainMessenger());
    assertThat(chain.call(config, SystemConfig.l1ERC721Bridge()))
        .isEqualTo(addresses.l1ERC721Bridge());
    assertThat(chain.call(config, SystemConfig.l1StandardBridge()))
        .isEqualTo(addresses.l1StandardBridge());
    assertThat(chain.call(config, SystemConfig.disputeGameFactory()))
        .isEqualTo(addresses.disputeGameFactory());
    assertThat(chain.call(config, SystemConfig.optimismPortal()))
        .isEqualTo(addresses.optimismPortal());
    assertThat(chain.call(config, SystemConfig.optimismMintableERC20Factory()))
        .isEqualTo(addresses.optimismMintableERC20Factory());
    assertThat(chain.call(config, SystemConfig.startBlock())).isEqualTo(UInt256.valueOf(initBlock));
    assertThat(chain.call(config, SystemConfig.eip1559Denominator())).isZero();
    assertThat(chain.call(config, SystemConfig.eip1559Elasticity())).isZero();

    assertThat(
            reason(
                chain.send(
                    owner,
                    config,
                    initialize(L1Fixture.DEFAULT_RESOURCE_CONFIG, GAS_LIMIT, addresses))))
        .isEqualTo("Initializable: contract is already initialized");
  }

  @Test
  void theNamedSlotsAreTheOpStacks() {
    Address config = deployed();
    String[][] slots = {
      {"systemconfig.l1crossdomainmessenger", "L1_CROSS_DOMAIN_MESSENGER_SLOT"},
      {"systemconfig.l1erc721bridge", "L1_ERC_721_BRIDGE_SLOT"},
      {"systemconfig.l1standardbridge", "L1_STANDARD_BRIDGE_SLOT"},
      {"systemconfig.optimismportal", "OPTIMISM_PORTAL_SLOT"},
      {"systemconfig.optimismmintableerc20factory", "OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT"},
      {"systemconfig.batchinbox", "BATCH_INBOX_SLOT"},
      {"systemconfig.startBlock", "START_BLOCK_SLOT"},
      {"systemconfig.disputegamefactory", "DISPUTE_GAME_FACTORY_SLOT"},
    };
    for (String[] s : slots) {
      ContractCall<Hash> getter =
          switch (s[1]) {
            case "L1_CROSS_DOMAIN_MESSENGER_SLOT" -> SystemConfig.L1_CROSS_DOMAIN_MESSENGER_SLOT();
            case "L1_ERC_721_BRIDGE_SLOT" -> SystemConfig.L1_ERC_721_BRIDGE_SLOT();
            case "L1_STANDARD_BRIDGE_SLOT" -> SystemConfig.L1_STANDARD_BRIDGE_SLOT();
            case "OPTIMISM_PORTAL_SLOT" -> SystemConfig.OPTIMISM_PORTAL_SLOT();
            case "OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT" ->
                SystemConfig.OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT();
            case "BATCH_INBOX_SLOT" -> SystemConfig.BATCH_INBOX_SLOT();
            case "START_BLOCK_SLOT" -> SystemConfig.START_BLOCK_SLOT();
            default -> SystemConfig.DISPUTE_GAME_FACTORY_SLOT();
          };
      assertThat(chain.call(config, getter)).as(s[0]).isEqualTo(namedSlot(s[0]).toHash());
    }
    // The unsafe block signer's slot is keccak256 of its name, without the minus one: op-node
    // reads it there.
    Hash signerSlot =
        Keccak256.digest("systemconfig.unsafeblocksigner".getBytes(StandardCharsets.UTF_8));
    assertThat(chain.call(config, SystemConfig.UNSAFE_BLOCK_SIGNER_SLOT())).isEqualTo(signerSlot);
    assertThat(chain.storage(config, UInt256.fromHash(signerSlot)))
        .isEqualTo(UInt256.fromHash(signer.toWord()));
    assertThat(chain.storage(config, namedSlot("systemconfig.optimismportal")))
        .isEqualTo(UInt256.fromHash(addresses.optimismPortal().toWord()));
    assertThat(chain.storage(config, namedSlot("systemconfig.batchinbox")))
        .isEqualTo(UInt256.fromHash(inbox.toWord()));
  }

  @Test
  void theStartBlockIsKeptIfAlreadySet() {
    Address[] proxy = new Address[1];
    deploy(initialize(L1Fixture.DEFAULT_RESOURCE_CONFIG, GAS_LIMIT, addresses), proxy, true)
        .requireSuccess();
    assertThat(chain.call(proxy[0], SystemConfig.startBlock())).isEqualTo(UInt256.valueOf(5));
  }

  @Test
  void theStateSitsInSlots101To106() {
    Address config = deployed();
    chain.send(owner, config, SystemConfig.setEIP1559Params(250, 6)).requireSuccess();
    assertThat(chain.storage(config, UInt256.valueOf(51)))
        .isEqualTo(UInt256.fromHash(owner.toWord()));
    assertThat(chain.storage(config, UInt256.valueOf(101))).isEqualTo(UInt256.ZERO);
    assertThat(chain.storage(config, UInt256.valueOf(102)))
        .isEqualTo(UInt256.fromBytes(ecotoneScalar(BASEFEE_SCALAR, BLOB_SCALAR)));
    assertThat(chain.storage(config, UInt256.valueOf(103)))
        .isEqualTo(UInt256.fromHash(batcher.toWord()));
    // gasLimit (8 bytes), basefeeScalar (4), blobbasefeeScalar (4), low-order first.
    assertThat(chain.storage(config, UInt256.valueOf(104)))
        .isEqualTo(
            UInt256.valueOf(BLOB_SCALAR)
                .multiply(UInt256.fromLimbs(0, 0, 1L << 32, 0))
                .add(UInt256.valueOf(BASEFEE_SCALAR).multiply(UInt256.fromLimbs(0, 0, 1, 0)))
                .add(UInt256.valueOf(GAS_LIMIT)));
    // The resource config in one slot: uint32, uint8, uint8, uint32, uint32, uint128.
    String rc =
        "0000" // unused
            + "ffffffffffffffffffffffffffffffff" // maximumBaseFee
            + "000f4240" // systemTxMaxGas 1,000,000
            + "3b9aca00" // minimumBaseFee 1 gwei
            + "08" // baseFeeMaxChangeDenominator
            + "0a" // elasticityMultiplier
            + "01312d00"; // maxResourceLimit 20,000,000
    assertThat(chain.storage(config, UInt256.valueOf(105)))
        .isEqualTo(UInt256.fromBytes(HexFormat.of().parseHex(rc)));
    // eip1559Denominator, eip1559Elasticity.
    assertThat(chain.storage(config, UInt256.valueOf(106)))
        .isEqualTo(UInt256.valueOf((6L << 32) | 250));
  }

  @Test
  void onlyTheOwnerChangesTheConfiguration() {
    Address config = deployed();
    List<ContractCall<Void>> setters =
        List.of(
            SystemConfig.setBatcherHash(Hash.ZERO),
            SystemConfig.setGasConfig(UInt256.ZERO, UInt256.ZERO),
            SystemConfig.setGasConfigEcotone(1, 1),
            SystemConfig.setGasLimit(GAS_LIMIT),
            SystemConfig.setUnsafeBlockSigner(stranger),
            SystemConfig.setEIP1559Params(1, 1));
    for (ContractCall<Void> setter : setters) {
      assertThat(reason(chain.send(stranger, config, setter)))
          .as(setter.function().signature())
          .isEqualTo("Ownable: caller is not the owner");
    }
  }

  @Test
  void eachSetterEmitsWhatOpNodeApplies() {
    Address config = deployed();
    Config c = applyAll(Config.empty(), initOutcome, true);

    Address newBatcher = TestChain.address("new batcher");
    c =
        applyAll(
            c,
            chain
                .send(owner, config, SystemConfig.setBatcherHash(newBatcher.toWord()))
                .requireSuccess(),
            true);
    assertThat(c.batcher()).isEqualTo(newBatcher);

    c =
        applyAll(
            c,
            chain
                .send(owner, config, SystemConfig.setGasConfigEcotone(7, 0x01020304))
                .requireSuccess(),
            true);
    assertThat(c.scalar()).isEqualTo(ecotoneScalar(7, 0x01020304));
    assertThat(chain.call(config, SystemConfig.basefeeScalar())).isEqualTo(7L);

    // Pre-Ecotone: overhead and scalar as given; the scalar's top byte is the Ecotone version.
    assertThat(
            reason(
                chain.send(
                    owner,
                    config,
                    SystemConfig.setGasConfig(
                        UInt256.ONE, UInt256.fromBytes(ecotoneScalar(1, 1))))))
        .isEqualTo("SystemConfig: scalar exceeds max.");
    Outcome gasConfig =
        chain
            .send(
                owner,
                config,
                SystemConfig.setGasConfig(UInt256.valueOf(188), UInt256.valueOf(684_000)))
            .requireSuccess();
    Config bedrock = applyAll(c, gasConfig, false);
    assertThat(UInt256.fromBytes(bedrock.overhead())).isEqualTo(UInt256.valueOf(188));
    assertThat(UInt256.fromBytes(bedrock.scalar())).isEqualTo(UInt256.valueOf(684_000));
    // After Ecotone a version-0 scalar is accepted and the overhead zeroed.
    Config ecotone = applyAll(c, gasConfig, true);
    assertThat(UInt256.fromBytes(ecotone.scalar())).isEqualTo(UInt256.valueOf(684_000));
    assertThat(UInt256.fromBytes(ecotone.overhead())).isEqualTo(UInt256.ZERO);

    assertThat(reason(chain.send(owner, config, SystemConfig.setGasLimit(21_000_000 - 1))))
        .isEqualTo("SystemConfig: gas limit too low");
    assertThat(reason(chain.send(owner, config, SystemConfig.setGasLimit(200_000_001))))
        .isEqualTo("SystemConfig: gas limit too high");
    c =
        applyAll(
            c,
            chain.send(owner, config, SystemConfig.setGasLimit(200_000_000)).requireSuccess(),
            true);
    assertThat(c.gasLimit()).isEqualTo(200_000_000L);
    c =
        applyAll(
            c,
            chain.send(owner, config, SystemConfig.setGasLimit(21_000_000)).requireSuccess(),
            true);
    assertThat(c.gasLimit()).isEqualTo(21_000_000L);

    Address newSigner = TestChain.address("new signer");
    Outcome signerSet =
        chain.send(owner, config, SystemConfig.setUnsafeBlockSigner(newSigner)).requireSuccess();
    assertThat(SystemConfig.Events.ConfigUpdate.in(signerSet.logs()))
        .containsExactly(
            new SystemConfig.Events.ConfigUpdate(
                UInt256.ZERO, 3, Bytes.wrap(newSigner.toWord().array())));
    assertThat(applyAll(c, signerSet, true)).usingRecursiveComparison().isEqualTo(c);
    assertThat(chain.call(config, SystemConfig.unsafeBlockSigner())).isEqualTo(newSigner);

    assertThat(reason(chain.send(owner, config, SystemConfig.setEIP1559Params(0, 6))))
        .isEqualTo("SystemConfig: denominator must be >= 1");
    assertThat(reason(chain.send(owner, config, SystemConfig.setEIP1559Params(250, 0))))
        .isEqualTo("SystemConfig: elasticity must be >= 1");
    c =
        applyAll(
            c,
            chain
                .send(owner, config, SystemConfig.setEIP1559Params(0xAABBCCDDL, 0x11223344))
                .requireSuccess(),
            true);
    // op-node keeps bytes 24..32: the denominator then the elasticity, big-endian.
    assertThat(c.eip1559Params()).isEqualTo(HexFormat.of().parseHex("aabbccdd11223344"));
    assertThat(chain.call(config, SystemConfig.eip1559Denominator())).isEqualTo(0xAABBCCDDL);
    assertThat(chain.call(config, SystemConfig.eip1559Elasticity())).isEqualTo(0x11223344L);
  }

  @Test
  void opNodeRefusesMalformedUpdates() {
    // The decoder is strict, as op-node's: a batcher hash that is not a version 0 address hash
    // is a critical derivation error (the contract, as the OP Stack's, does not check it).
    Address config = deployed();
    Hash notAnAddress = Hash.fromHex("0x01" + "00".repeat(30) + "01");
    Outcome o =
        chain.send(owner, config, SystemConfig.setBatcherHash(notAnAddress)).requireSuccess();
    assertThatThrownBy(() -> applyAll(Config.empty(), o, true))
        .hasMessageContaining("address padding was not empty");
  }

  @Test
  void theResourceConfigMustKeepTheMarketWorking() {
    ResourceConfig d = L1Fixture.DEFAULT_RESOURCE_CONFIG;
    assertThat(
            initRefusal(
                new ResourceConfig(
                    d.maxResourceLimit(), 10, 8, 3, d.systemTxMaxGas(), UInt256.valueOf(2)),
                GAS_LIMIT,
                addresses))
        .isEqualTo("SystemConfig: min base fee must be less than max base");
    assertThat(
            initRefusal(
                new ResourceConfig(
                    d.maxResourceLimit(),
                    10,
                    1,
                    d.minimumBaseFee(),
                    d.systemTxMaxGas(),
                    d.maximumBaseFee()),
                GAS_LIMIT,
                addresses))
        .isEqualTo("SystemConfig: denominator must be larger than 1");
    assertThat(
            initRefusal(
                new ResourceConfig(
                    29_500_000, 10, 8, d.minimumBaseFee(), 1_000_000, d.maximumBaseFee()),
                GAS_LIMIT,
                addresses))
        .isEqualTo("SystemConfig: gas limit too low");
    assertThat(
            initRefusal(
                new ResourceConfig(
                    d.maxResourceLimit(),
                    0,
                    8,
                    d.minimumBaseFee(),
                    d.systemTxMaxGas(),
                    d.maximumBaseFee()),
                GAS_LIMIT,
                addresses))
        .isEqualTo("SystemConfig: elasticity multiplier cannot be 0");
    assertThat(
            initRefusal(
                new ResourceConfig(
                    20_000_001, 10, 8, d.minimumBaseFee(), d.systemTxMaxGas(), d.maximumBaseFee()),
                GAS_LIMIT,
                addresses))
        .isEqualTo("SystemConfig: precision loss with target resource limit");
    // A gas limit below the resource config's minimum, and above the maximum.
    assertThat(initRefusal(d, 20_999_999, addresses)).isEqualTo("SystemConfig: gas limit too low");
    assertThat(initRefusal(d, 200_000_001, addresses))
        .isEqualTo("SystemConfig: gas limit too high");
  }

  @Test
  void customGasTokensAreNotSupported() {
    Addresses withToken =
        new Addresses(
            addresses.l1CrossDomainMessenger(),
            addresses.l1ERC721Bridge(),
            addresses.l1StandardBridge(),
            addresses.disputeGameFactory(),
            addresses.optimismPortal(),
            addresses.optimismMintableERC20Factory(),
            TestChain.address("token"));
    assertThat(initRefusal(L1Fixture.DEFAULT_RESOURCE_CONFIG, GAS_LIMIT, withToken))
        .isEqualTo("SystemConfig: custom gas token not supported");
    Addresses ether =
        new Addresses(
            addresses.l1CrossDomainMessenger(),
            addresses.l1ERC721Bridge(),
            addresses.l1StandardBridge(),
            addresses.disputeGameFactory(),
            addresses.optimismPortal(),
            addresses.optimismMintableERC20Factory(),
            Address.fromHex("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE"));
    deploy(initialize(L1Fixture.DEFAULT_RESOURCE_CONFIG, GAS_LIMIT, ether), new Address[1], false)
        .requireSuccess();
  }
}
