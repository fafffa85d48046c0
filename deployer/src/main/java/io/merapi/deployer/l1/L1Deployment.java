package io.merapi.deployer.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The L1 contracts of one rollup: the proxies clients talk to and the implementations behind them.
 * The portal is {@code OptimismPortal2} with the dispute game factory, or (the seeds' design)
 * {@code OptimismPortal} with the {@code L2OutputOracle}; the other is absent.
 */
public record L1Deployment(
    Address proxyAdmin,
    Address superchainConfigProxy,
    Address superchainConfig,
    Address systemConfigProxy,
    Address systemConfig,
    Address optimismPortalProxy,
    Address optimismPortal,
    Address l1CrossDomainMessengerProxy,
    Address l1CrossDomainMessenger,
    Address l1StandardBridgeProxy,
    Address l1StandardBridge,
    Address optimismMintableERC20FactoryProxy,
    Address optimismMintableERC20Factory,
    Optional<Address> disputeGameFactoryProxy,
    Optional<Address> disputeGameFactory,
    Optional<Address> fastDisputeGame,
    Optional<Address> permissionedDisputeGame,
    Optional<Address> l2OutputOracleProxy,
    Optional<Address> l2OutputOracle) {

  /** Whether the portal proves withdrawals against dispute games (OptimismPortal2). */
  public boolean usesFaultProofs() {
    return disputeGameFactoryProxy.isPresent();
  }

  /**
   * The addresses by the names of the OP Stack's deployment files ({@code addresses.json} of its
   * devnet and op-deployer: proxies as {@code <Name>Proxy}, implementations by contract name).
   */
  public Map<String, Address> byName() {
    Map<String, Address> names = new LinkedHashMap<>();
    names.put("ProxyAdmin", proxyAdmin);
    names.put("SuperchainConfigProxy", superchainConfigProxy);
    names.put("SuperchainConfig", superchainConfig);
    names.put("SystemConfigProxy", systemConfigProxy);
    names.put("SystemConfig", systemConfig);
    names.put("OptimismPortalProxy", optimismPortalProxy);
    names.put(usesFaultProofs() ? "OptimismPortal2" : "OptimismPortal", optimismPortal);
    names.put("L1CrossDomainMessengerProxy", l1CrossDomainMessengerProxy);
    names.put("L1CrossDomainMessenger", l1CrossDomainMessenger);
    names.put("L1StandardBridgeProxy", l1StandardBridgeProxy);
    names.put("L1StandardBridge", l1StandardBridge);
    names.put("OptimismMintableERC20FactoryProxy", optimismMintableERC20FactoryProxy);
    names.put("OptimismMintableERC20Factory", optimismMintableERC20Factory);
    disputeGameFactoryProxy.ifPresent(a -> names.put("DisputeGameFactoryProxy", a));
    disputeGameFactory.ifPresent(a -> names.put("DisputeGameFactory", a));
    fastDisputeGame.ifPresent(a -> names.put("FastDisputeGame", a));
    permissionedDisputeGame.ifPresent(a -> names.put("PermissionedDisputeGame", a));
    l2OutputOracleProxy.ifPresent(a -> names.put("L2OutputOracleProxy", a));
    l2OutputOracle.ifPresent(a -> names.put("L2OutputOracle", a));
    return names;
  }

  /** {@code addresses.json}: names to checksummed addresses. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    byName().forEach((name, address) -> json.put(name, address.toChecksumHex()));
    return json;
  }

  /**
   * Reads what {@link #toJson} wrote: the addresses by name, the portal's implementation under
   * either of its names; an address missing or not valid is an error naming it.
   */
  public static L1Deployment fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("addresses.json must be a JSON object");
    }
    boolean faultProofs = json.has("DisputeGameFactoryProxy");
    return new L1Deployment(
        required(json, "ProxyAdmin"),
        required(json, "SuperchainConfigProxy"),
        required(json, "SuperchainConfig"),
        required(json, "SystemConfigProxy"),
        required(json, "SystemConfig"),
        required(json, "OptimismPortalProxy"),
        required(json, faultProofs ? "OptimismPortal2" : "OptimismPortal"),
        required(json, "L1CrossDomainMessengerProxy"),
        required(json, "L1CrossDomainMessenger"),
        required(json, "L1StandardBridgeProxy"),
        required(json, "L1StandardBridge"),
        required(json, "OptimismMintableERC20FactoryProxy"),
        required(json, "OptimismMintableERC20Factory"),
        optional(json, "DisputeGameFactoryProxy"),
        optional(json, "DisputeGameFactory"),
        optional(json, "FastDisputeGame"),
        optional(json, "PermissionedDisputeGame"),
        optional(json, "L2OutputOracleProxy"),
        optional(json, "L2OutputOracle"));
  }

  private static Address required(JsonNode json, String name) {
    return optional(json, name)
        .orElseThrow(() -> new IllegalArgumentException("addresses.json: " + name + " missing"));
  }

  private static Optional<Address> optional(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Address.fromHex(value.asText()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("addresses.json: " + name + ": " + e.getMessage(), e);
    }
  }
}
