package io.merapi.contracts.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Proxy;
import io.merapi.contracts.universal.ProxyAdmin;
import io.merapi.types.transaction.DepositTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Deployments as production makes them, and small conveniences of the bridge tests. */
final class Fixtures {
  private Fixtures() {}

  static final Address L2_CROSS_DOMAIN_MESSENGER =
      Address.fromHex("0x4200000000000000000000000000000000000007");
  static final Address L2_STANDARD_BRIDGE =
      Address.fromHex("0x4200000000000000000000000000000000000010");
  static final Address OPTIMISM_MINTABLE_ERC20_FACTORY =
      Address.fromHex("0x4200000000000000000000000000000000000012");
  static final Address L2_TO_L1_MESSAGE_PASSER =
      Address.fromHex("0x4200000000000000000000000000000000000016");
  static final Address L2_PROXY_ADMIN =
      Address.fromHex("0x4200000000000000000000000000000000000018");
  static final Address LEGACY_ERC20_ETH =
      Address.fromHex("0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000");
  static final Address DEFAULT_L2_SENDER =
      Address.fromHex("0x000000000000000000000000000000000000dEaD");
  static final Address ESTIMATION_ADDRESS =
      Address.fromHex("0x0000000000000000000000000000000000000001");

  static final UInt256 ADMIN_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"));
  static final UInt256 IMPLEMENTATION_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"));

  /**
   * An L2 predeploy as the L2 genesis has it: the Proxy's code at the predeploy address, owned by
   * the L2 ProxyAdmin predeploy, pointed at an implementation and initialized in one call
   * (upgradeToAndCall from the admin; only upgradeTo if {@code initialize} is null). Returns the
   * implementation.
   */
  static Address predeploy(
      TestChain chain, Address predeploy, byte[] implementation, ContractCall<?> initialize) {
    Address deployer = TestChain.address("genesis deployer");
    Address impl = chain.deploy(deployer, implementation);
    Address template = chain.deploy(deployer, Proxy.deployment(L2_PROXY_ADMIN));
    chain.setCode(predeploy, chain.code(template));
    chain.setStorage(predeploy, ADMIN_SLOT, L2_PROXY_ADMIN.toWord());
    ContractCall<?> upgrade =
        initialize == null
            ? Proxy.upgradeTo(impl)
            : Proxy.upgradeToAndCall(impl, initialize.data());
    chain.send(L2_PROXY_ADMIN, predeploy, upgrade).requireSuccess();
    return impl;
  }

  /** An L1 contract behind a Proxy owned by {@code proxyAdmin}, upgraded and initialized by it. */
  static Address proxied(
      TestChain chain,
      Address proxyAdmin,
      Address owner,
      byte[] implementation,
      ContractCall<?> initialize) {
    Address impl = chain.deploy(owner, implementation);
    Address proxy = chain.deploy(owner, Proxy.deployment(proxyAdmin));
    chain
        .send(owner, proxyAdmin, ProxyAdmin.upgradeAndCall(proxy, impl, initialize.data()))
        .requireSuccess();
    return proxy;
  }

  /** A user deposit to an L2 contract, as derived from L1 (specs deposits.md). */
  static DepositTransaction depositTx(
      Address from, Address to, UInt256 value, long gas, Bytes data) {
    Hash source =
        Keccak256.digest(("deposit " + from + to + data).getBytes(StandardCharsets.UTF_8));
    return new DepositTransaction(source, from, Optional.of(to), value, value, gas, false, data);
  }

  /** A mapping entry's slot: keccak256(key ++ slot), the key as a 32-byte word. */
  static UInt256 mappingSlot(Hash key, long slot) {
    return mappingSlot(key, UInt256.valueOf(slot));
  }

  static UInt256 mappingSlot(Hash key, UInt256 slot) {
    byte[] preimage = new byte[64];
    System.arraycopy(key.array(), 0, preimage, 0, 32);
    slot.toBytes(preimage, 32);
    return UInt256.fromHash(Keccak256.digest(preimage));
  }

  /** The slot of mapping(address => mapping(address => ...))[outer][inner]. */
  static UInt256 nestedSlot(Address outer, Address inner, long slot) {
    return mappingSlot(inner.toWord(), mappingSlot(outer.toWord(), slot));
  }

  static Address asAddress(UInt256 word) {
    return Address.fromWord(word.toHash());
  }

  static UInt256 ether(long n) {
    return TestChain.ETHER.multiply(n);
  }

  /** The revert reason (Error(string)) of an outcome that must have failed. */
  static String reason(Outcome o) {
    if (o.isSuccess()) {
      throw new AssertionError("expected a revert, but it succeeded");
    }
    return io.merapi.base.abi.AbiError.reason(o.revertData())
        .orElse("<no reason: " + o.output().toHex() + ">");
  }
}
