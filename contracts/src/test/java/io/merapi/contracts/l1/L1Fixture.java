package io.merapi.contracts.l1;

import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.dispute.DisputeTestSupport;
import io.merapi.contracts.structs.Addresses;
import io.merapi.contracts.structs.OutputRootProof;
import io.merapi.contracts.structs.ResourceConfig;
import io.merapi.contracts.structs.WithdrawalTransaction;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import java.util.List;
import java.util.Random;

/**
 * The L1 contracts of one chain deployed as production deploys them: each behind its own EIP-1967
 * Proxy, upgraded to its implementation and initialized in one ProxyAdmin call. Both portals share
 * the SuperchainConfig and the SystemConfig; OptimismPortal proves against the L2OutputOracle,
 * OptimismPortal2 against games of a DisputeGameFactory whose FAST game (type 254) it respects. An
 * L2 chain holds the L2ToL1MessagePasser's storage, whose trie gives the withdrawal proofs.
 */
final class L1Fixture {
  static final long PROOF_MATURITY_DELAY = 7 * 24 * 3600;
  static final long DISPUTE_GAME_FINALITY_DELAY = 3 * 24 * 3600 + 12 * 3600;
  static final long FINALIZATION_PERIOD = 7 * 24 * 3600;
  static final long SUBMISSION_INTERVAL = 120;
  static final long L2_BLOCK_TIME = 2;
  static final long FAST = DisputeTestSupport.FAST;
  static final long L2_GAS_LIMIT = 30_000_000;
  static final Address MESSAGE_PASSER =
      Address.fromHex("0x4200000000000000000000000000000000000016");
  static final Address DEFAULT_L2_SENDER =
      Address.fromHex("0x000000000000000000000000000000000000dEaD");

  /** The OP Stack's default deposit gas market (specs guaranteed-gas-market.md). */
  static final UInt256 UINT128_MAX = UInt256.fromLimbs(0, 0, -1L, -1L);

  /** The OP Stack's default deposit gas market (specs guaranteed-gas-market.md). */
  static final ResourceConfig DEFAULT_RESOURCE_CONFIG =
      new ResourceConfig(20_000_000, 10, 8, 1_000_000_000L, 1_000_000, UINT128_MAX);

  final TestChain chain = TestChain.l1();
  final TestChain l2 = TestChain.l2();

  final Address deployer = TestChain.address("deployer");
  final Address adminOwner = TestChain.address("proxy admin owner");
  final Address guardian = TestChain.address("guardian");
  final Address systemOwner = TestChain.address("system config owner");
  final Address proposer = TestChain.address("proposer");
  final Address challenger = TestChain.address("challenger");
  final Address unsafeBlockSigner = TestChain.address("unsafe block signer");
  final Address batchInbox = Address.fromHex("0xff00000000000000000000000000000000000901");
  final Address batcher = TestChain.address("batcher");

  final Address proxyAdmin;
  final Address superchainConfig;
  final Address systemConfig;
  final Address l2OutputOracle;
  final Address portal;
  final Address portal2;
  final Address factory;
  final long l2StartingTimestamp;

  L1Fixture() {
    this(DEFAULT_RESOURCE_CONFIG);
  }

  L1Fixture(ResourceConfig resourceConfig) {
    chain.mine(10);
    proxyAdmin = chain.deploy(deployer, ProxyAdmin.deployment(adminOwner));
    superchainConfig =
        proxied(SuperchainConfig.deployment(), SuperchainConfig.initialize(guardian, false));
    portal = chain.deploy(deployer, Proxy.deployment(proxyAdmin));
    portal2 = chain.deploy(deployer, Proxy.deployment(proxyAdmin));
    factory = DisputeTestSupport.deployFactoryWithFastGame(chain, deployer);
    systemConfig =
        proxied(
            SystemConfig.deployment(),
            SystemConfig.initialize(
                systemOwner,
                1368,
                810949,
                batcher.toWord(),
                L2_GAS_LIMIT,
                unsafeBlockSigner,
                resourceConfig,
                batchInbox,
                new Addresses(
                    TestChain.address("l1 messenger"),
                    TestChain.address("l1 erc721 bridge"),
                    TestChain.address("l1 standard bridge"),
                    factory,
                    portal2,
                    TestChain.address("erc20 factory"),
                    Address.ZERO)));
    l2StartingTimestamp = chain.timestamp() - 1000;
    l2OutputOracle =
        proxied(
            L2OutputOracle.deployment(),
            L2OutputOracle.initialize(
                UInt256.valueOf(SUBMISSION_INTERVAL),
                UInt256.valueOf(L2_BLOCK_TIME),
                UInt256.ZERO,
                UInt256.valueOf(l2StartingTimestamp),
                proposer,
                challenger,
                UInt256.valueOf(FINALIZATION_PERIOD)));
    upgradeAndCall(
        portal,
        chain.deploy(deployer, OptimismPortal.deployment()),
        OptimismPortal.initialize(l2OutputOracle, systemConfig, superchainConfig));
    upgradeAndCall(
        portal2,
        chain.deploy(
            deployer,
            OptimismPortal2.deployment(
                UInt256.valueOf(PROOF_MATURITY_DELAY),
                UInt256.valueOf(DISPUTE_GAME_FINALITY_DELAY))),
        OptimismPortal2.initialize(factory, systemConfig, superchainConfig, FAST));
    chain.mine();
  }

  /** A new Proxy pointed at a new implementation and initialized in one ProxyAdmin call. */
  Address proxied(byte[] implementationCode, ContractCall<?> initialize) {
    Address proxy = chain.deploy(deployer, Proxy.deployment(proxyAdmin));
    upgradeAndCall(proxy, chain.deploy(deployer, implementationCode), initialize);
    return proxy;
  }

  void upgradeAndCall(Address proxy, Address implementation, ContractCall<?> initialize) {
    chain
        .send(
            adminOwner,
            proxyAdmin,
            ProxyAdmin.upgradeAndCall(proxy, implementation, initialize.data()))
        .requireSuccess();
  }

  // ---- withdrawals on L2 ----------------------------------------------------------------------

  /** keccak256(abi.encode(nonce, sender, target, value, gasLimit, data)) (specs withdrawals.md). */
  static Hash withdrawalHash(WithdrawalTransaction tx) {
    byte[] encoded =
        AbiCodec.encode(
            (AbiType.Tuple) AbiType.parse("(uint256,address,address,uint256,uint256,bytes)"),
            List.of(tx.nonce(), tx.sender(), tx.target(), tx.value(), tx.gasLimit(), tx.data()));
    return Keccak256.digest(encoded);
  }

  /** The storage slot of sentMessages[hash] in the L2ToL1MessagePasser: mapping at slot 0. */
  static Hash sentMessageSlot(Hash withdrawalHash) {
    byte[] preimage = new byte[64];
    System.arraycopy(withdrawalHash.array(), 0, preimage, 0, 32);
    return Keccak256.digest(preimage);
  }

  /**
   * Records the withdrawal as sent on L2 (sentMessages[hash] = true), as initiateWithdrawal does.
   */
  void sendOnL2(WithdrawalTransaction tx) {
    l2.setStorage(
        MESSAGE_PASSER, UInt256.fromHash(sentMessageSlot(withdrawalHash(tx))), UInt256.ONE);
  }

  /** Adds {@code n} other sent withdrawals, so that proofs have a realistic depth. */
  void sendOtherWithdrawalsOnL2(int n, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      byte[] h = new byte[32];
      random.nextBytes(h);
      l2.setStorage(MESSAGE_PASSER, UInt256.fromHash(sentMessageSlot(Hash.wrap(h))), UInt256.ONE);
    }
  }

  /** The version 0 output root proof of the L2 chain as it is now. */
  OutputRootProof outputRootProof() {
    return new OutputRootProof(
        Hash.ZERO, l2.stateRoot(), l2.storageRoot(MESSAGE_PASSER), l2.blockHash(l2.number()));
  }

  /** keccak256(version ‖ stateRoot ‖ messagePasserStorageRoot ‖ latestBlockhash) (proposals.md). */
  static Hash outputRoot(OutputRootProof proof) {
    byte[] preimage = new byte[128];
    System.arraycopy(proof.version().array(), 0, preimage, 0, 32);
    System.arraycopy(proof.stateRoot().array(), 0, preimage, 32, 32);
    System.arraycopy(proof.messagePasserStorageRoot().array(), 0, preimage, 64, 32);
    System.arraycopy(proof.latestBlockhash().array(), 0, preimage, 96, 32);
    return Keccak256.digest(preimage);
  }

  /** eth_getProof's storage proof of the withdrawal in the message passer. */
  List<Bytes> withdrawalProof(WithdrawalTransaction tx) {
    return l2.storageProof(MESSAGE_PASSER, sentMessageSlot(withdrawalHash(tx)));
  }

  // ---- L1 helpers -----------------------------------------------------------------------------

  Outcome send(Address from, Address to, ContractCall<?> call) {
    return chain.send(from, to, call);
  }

  Outcome send(Address from, Address to, ContractCall<?> call, UInt256 value) {
    chain.setBalance(from, chain.balance(from).add(value));
    return chain.send(from, to, call, value);
  }

  <R> R call(Address to, ContractCall<R> call) {
    return chain.call(to, call);
  }
}
