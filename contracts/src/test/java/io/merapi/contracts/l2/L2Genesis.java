package io.merapi.contracts.l2;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.universal.Proxy;

/**
 * Places predeploys on a test L2 as an L2 genesis does (specs predeploys.md): the implementation's
 * runtime code at the predeploy's address in the {@code 0xc0d3c0d3...} code namespace, and at the
 * predeploy address itself a {@link Proxy} whose EIP-1967 admin slot names the ProxyAdmin predeploy
 * ({@code 0x4200...0018}) and whose implementation slot names the namespace address. Contracts that
 * call other predeploys at fixed addresses (the GasPriceOracle reads the L1Block, the fee vaults
 * call the L2ToL1MessagePasser) then find them where the protocol puts them.
 */
final class L2Genesis {
  static final Address PROXY_ADMIN = Address.fromHex("0x4200000000000000000000000000000000000018");

  static final UInt256 IMPLEMENTATION_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"));
  static final UInt256 ADMIN_SLOT =
      UInt256.fromHash(
          Hash.fromHex("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"));

  private static final Address DEPLOYER = TestChain.address("genesis deployer");

  private L2Genesis() {}

  /**
   * Installs a proxied predeploy: runs {@code deployment} (creation code and constructor arguments,
   * so that immutables are filled in) and copies the resulting runtime code to the code-namespace
   * address behind a proxy at {@code predeploy}.
   *
   * @return the implementation's address in the code namespace
   */
  static Address proxied(TestChain chain, Address predeploy, byte[] deployment) {
    Address implementation = codeNamespace(predeploy);
    chain.setCode(implementation, runtimeCode(chain, deployment));
    chain.setCode(predeploy, runtimeCode(chain, Proxy.deployment(PROXY_ADMIN)));
    chain.setStorage(predeploy, ADMIN_SLOT, PROXY_ADMIN.toWord());
    chain.setStorage(predeploy, IMPLEMENTATION_SLOT, implementation.toWord());
    return implementation;
  }

  /** Installs a predeploy without a proxy (WETH, the preinstalls such as Multicall3). */
  static void unproxied(TestChain chain, Address address, byte[] deployment) {
    chain.setCode(address, runtimeCode(chain, deployment));
  }

  /** The runtime code a creation transaction leaves behind. */
  static byte[] runtimeCode(TestChain chain, byte[] deployment) {
    return chain.code(chain.deploy(DEPLOYER, deployment));
  }

  /** {@code 0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3XXXX} for {@code 0x4200...XXXX}. */
  static Address codeNamespace(Address predeploy) {
    byte[] a = Address.fromHex("0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d30000").toArray();
    byte[] p = predeploy.toArray();
    a[18] = p[18];
    a[19] = p[19];
    return Address.wrap(a);
  }
}
