package io.merapi.explorer.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.proposer.contract.ContractReadException;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.types.config.RollupConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge's contracts, found as a client of any OP Stack chain finds them: the portal and the
 * SystemConfig from the rollup config, the rest from the SystemConfig and the portal on L1; the L2
 * side at its predeploy addresses (specs: protocol/predeploys.md).
 *
 * @param portal OptimismPortal2 (dispute games) or OptimismPortal (L2OutputOracle)
 * @param proofs how the portal proves withdrawals, with the waits {@link StageClock} needs
 */
public record BridgeContracts(
    Address portal,
    Address systemConfig,
    Address l1StandardBridge,
    Address l1CrossDomainMessenger,
    Proofs proofs) {
  public static final Address L2_CROSS_DOMAIN_MESSENGER = predeploy("07");
  public static final Address WETH = predeploy("06");
  public static final Address L2_STANDARD_BRIDGE = predeploy("10");
  public static final Address OPTIMISM_MINTABLE_ERC20_FACTORY = predeploy("12");
  public static final Address L2_TO_L1_MESSAGE_PASSER = predeploy("16");

  /** How withdrawals are proven. */
  public sealed interface Proofs permits Games, Oracle {
    StageClock.Rules rules();
  }

  /** OptimismPortal2 against the games of {@code factory} of the respected type. */
  public record Games(Address factory, long respectedGameType, StageClock.GameRules rules)
      implements Proofs {}

  /** OptimismPortal against the outputs of an L2OutputOracle. */
  public record Oracle(Address oracle, StageClock.OracleRules rules) implements Proofs {}

  /**
   * Reads the addresses and waits on L1.
   *
   * @throws ContractReadException if a contract is missing or answers nonsense
   */
  public static BridgeContracts read(RollupConfig config, ContractReader.EthCall l1) {
    Address portalAddress = config.depositContractAddress();
    ContractReader system = new ContractReader(l1, config.l1SystemConfigAddress(), "SystemConfig");
    ContractReader portal = new ContractReader(l1, portalAddress, "OptimismPortal");
    Proofs proofs;
    Optional<Address> factory = optional(() -> portal.read(OptimismPortal2.disputeGameFactory()));
    if (factory.isPresent()) {
      proofs =
          new Games(
              factory.get(),
              portal.read(OptimismPortal2.respectedGameType()),
              new StageClock.GameRules(
                  portal.read(OptimismPortal2.proofMaturityDelaySeconds()).toLongExact(),
                  portal.read(OptimismPortal2.disputeGameFinalityDelaySeconds()).toLongExact()));
    } else {
      Address oracle = portal.read(OptimismPortal.l2Oracle());
      proofs =
          new Oracle(
              oracle,
              new StageClock.OracleRules(
                  new ContractReader(l1, oracle, "L2OutputOracle")
                      .read(L2OutputOracle.finalizationPeriodSeconds())
                      .toLongExact()));
    }
    return new BridgeContracts(
        portalAddress,
        config.l1SystemConfigAddress(),
        system.read(SystemConfig.l1StandardBridge()),
        system.read(SystemConfig.l1CrossDomainMessenger()),
        proofs);
  }

  /** Each known contract on L1 by its name in {@link LogDecoder}. */
  public Map<Address, String> l1Names() {
    Map<Address, String> names = new LinkedHashMap<>();
    names.put(portal, proofs instanceof Games ? "OptimismPortal2" : "OptimismPortal");
    names.put(systemConfig, "SystemConfig");
    names.put(l1StandardBridge, "L1StandardBridge");
    names.put(l1CrossDomainMessenger, "L1CrossDomainMessenger");
    switch (proofs) {
      case Games g -> names.put(g.factory(), "DisputeGameFactory");
      case Oracle o -> names.put(o.oracle(), "L2OutputOracle");
    }
    return names;
  }

  /** Each L2 predeploy of the bridge by its name in {@link LogDecoder}. */
  public static Map<Address, String> l2Names() {
    return Map.of(
        L2_CROSS_DOMAIN_MESSENGER, "L2CrossDomainMessenger",
        WETH, "WETH",
        L2_STANDARD_BRIDGE, "L2StandardBridge",
        OPTIMISM_MINTABLE_ERC20_FACTORY, "OptimismMintableERC20Factory",
        L2_TO_L1_MESSAGE_PASSER, "L2ToL1MessagePasser");
  }

  private static Optional<Address> optional(java.util.function.Supplier<Address> read) {
    try {
      return Optional.of(read.get());
    } catch (ContractReadException e) {
      return Optional.empty(); // no such function: the other portal
    }
  }

  private static Address predeploy(String last) {
    return Address.fromHex("0x42000000000000000000000000000000000000" + last);
  }
}
