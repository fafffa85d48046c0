package io.merapi.derive.attributes;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Evm;
import io.merapi.state.op.Predeploys;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The network upgrade transactions that derivation inserts after the user deposits of a fork's
 * first L2 block (specs ecotone/derivation.md and fjord/derivation.md "Network upgrade automation
 * transactions"): deposits from fixed senders that deploy the new predeploy implementations, point
 * the proxies at them and switch the gas price oracle to the new fee formula. Each is named by its
 * intent, which gives its source hash. The deployment bytecodes are protocol constants that the
 * specs pin by the code hash of the contract they deploy; they are kept as resources next to this
 * class.
 */
public final class NetworkUpgrades {
  /** Deploys Ecotone's L1Block implementation. */
  public static final Address ECOTONE_L1_BLOCK_DEPLOYER =
      Address.fromHex("0x4210000000000000000000000000000000000000");

  /** Deploys Ecotone's GasPriceOracle implementation. */
  public static final Address ECOTONE_GAS_PRICE_ORACLE_DEPLOYER =
      Address.fromHex("0x4210000000000000000000000000000000000001");

  /** Deploys Fjord's GasPriceOracle implementation. */
  public static final Address FJORD_GAS_PRICE_ORACLE_DEPLOYER =
      Address.fromHex("0x4210000000000000000000000000000000000002");

  /** EIP-4788's keyless deployer of the beacon block roots contract. */
  public static final Address BEACON_ROOTS_DEPLOYER =
      Address.fromHex("0x0B799C86a49DEeb90402691F1041aa3AF2d3C875");

  /** {@code upgradeTo(address)} of the predeploy proxies (ERC-1967). */
  static final Bytes UPGRADE_TO_SELECTOR = selector("upgradeTo(address)");

  private static final Address PROXY_ADMIN_CALLER = Address.ZERO;

  private NetworkUpgrades() {}

  /** The six transactions of the Ecotone activation block, in order. */
  public static List<DepositTransaction> ecotone() {
    Address l1Block = Evm.createAddress(ECOTONE_L1_BLOCK_DEPLOYER, 0);
    Address gasPriceOracle = Evm.createAddress(ECOTONE_GAS_PRICE_ORACLE_DEPLOYER, 0);
    return List.of(
        deposit(
            "Ecotone: L1 Block Deployment",
            ECOTONE_L1_BLOCK_DEPLOYER,
            Optional.empty(),
            375_000,
            Bytecode.ECOTONE_L1_BLOCK),
        deposit(
            "Ecotone: Gas Price Oracle Deployment",
            ECOTONE_GAS_PRICE_ORACLE_DEPLOYER,
            Optional.empty(),
            1_000_000,
            Bytecode.ECOTONE_GAS_PRICE_ORACLE),
        deposit(
            "Ecotone: L1 Block Proxy Update",
            PROXY_ADMIN_CALLER,
            Optional.of(Predeploys.L1_BLOCK),
            50_000,
            upgradeTo(l1Block)),
        deposit(
            "Ecotone: Gas Price Oracle Proxy Update",
            PROXY_ADMIN_CALLER,
            Optional.of(Predeploys.GAS_PRICE_ORACLE),
            50_000,
            upgradeTo(gasPriceOracle)),
        deposit(
            "Ecotone: Gas Price Oracle Set Ecotone",
            Predeploys.L1_ATTRIBUTES_DEPOSITOR,
            Optional.of(Predeploys.GAS_PRICE_ORACLE),
            80_000,
            selector("setEcotone()")),
        // The gas limit is EIP-4788's own deployment transaction's.
        deposit(
            "Ecotone: beacon block roots contract deployment",
            BEACON_ROOTS_DEPLOYER,
            Optional.empty(),
            0x3d090,
            Bytecode.BEACON_BLOCK_ROOTS));
  }

  /** The three transactions of the Fjord activation block, in order. */
  public static List<DepositTransaction> fjord() {
    Address gasPriceOracle = Evm.createAddress(FJORD_GAS_PRICE_ORACLE_DEPLOYER, 0);
    return List.of(
        deposit(
            "Fjord: Gas Price Oracle Deployment",
            FJORD_GAS_PRICE_ORACLE_DEPLOYER,
            Optional.empty(),
            1_450_000,
            Bytecode.FJORD_GAS_PRICE_ORACLE),
        deposit(
            "Fjord: Gas Price Oracle Proxy Update",
            PROXY_ADMIN_CALLER,
            Optional.of(Predeploys.GAS_PRICE_ORACLE),
            50_000,
            upgradeTo(gasPriceOracle)),
        deposit(
            "Fjord: Gas Price Oracle Set Fjord",
            Predeploys.L1_ATTRIBUTES_DEPOSITOR,
            Optional.of(Predeploys.GAS_PRICE_ORACLE),
            90_000,
            selector("setFjord()")));
  }

  /**
   * The upgrade transactions of the L2 block at {@code l2Time}: Ecotone's in its first block, then
   * Fjord's in its first block (both, Ecotone's first, if the two activate together).
   */
  public static List<DepositTransaction> at(RollupConfig rollup, long l2Time) {
    List<DepositTransaction> txs = new ArrayList<>();
    if (rollup.isActivationBlock(OpFork.ECOTONE, l2Time)) {
      txs.addAll(ecotone());
    }
    if (rollup.isActivationBlock(OpFork.FJORD, l2Time)) {
      txs.addAll(fjord());
    }
    return txs;
  }

  private static DepositTransaction deposit(
      String intent, Address from, Optional<Address> to, long gasLimit, Bytes data) {
    return new DepositTransaction(
        DepositSource.upgrade(intent), from, to, UInt256.ZERO, UInt256.ZERO, gasLimit, false, data);
  }

  private static Bytes upgradeTo(Address implementation) {
    byte[] data = new byte[4 + 32];
    System.arraycopy(UPGRADE_TO_SELECTOR.array(), 0, data, 0, 4);
    System.arraycopy(Hash.leftPad(implementation.toArray()).array(), 0, data, 4, 32);
    return Bytes.wrap(data);
  }

  private static Bytes selector(String signature) {
    return Bytes.wrap(Arrays.copyOf(Keccak256.hash(signature.getBytes(StandardCharsets.UTF_8)), 4));
  }

  /** The deployment bytecodes, read once from the resources of this package. */
  static final class Bytecode {
    static final Bytes ECOTONE_L1_BLOCK = load("ecotone-l1-block-deployment.hex");
    static final Bytes ECOTONE_GAS_PRICE_ORACLE = load("ecotone-gas-price-oracle-deployment.hex");
    static final Bytes BEACON_BLOCK_ROOTS = load("ecotone-beacon-block-roots-deployment.hex");
    static final Bytes FJORD_GAS_PRICE_ORACLE = load("fjord-gas-price-oracle-deployment.hex");

    private Bytecode() {}

    private static Bytes load(String name) {
      try (InputStream in = NetworkUpgrades.class.getResourceAsStream("upgrades/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource upgrades/" + name);
        }
        return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
