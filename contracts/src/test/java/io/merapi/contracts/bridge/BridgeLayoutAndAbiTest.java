package io.merapi.contracts.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.contracts.ContractArtifact;
import io.merapi.contracts.ContractArtifact.StorageSlot;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our compiled storage layouts and ABIs against the OP Stack's (contracts-bedrock at commit
 * d317e96, snapshots/storageLayout and snapshots/abi), written down here as tables of facts: every
 * state variable at the same slot, offset and size (spacers included, so that an upgrade from an OP
 * deployment keeps every value where it was), and every function and event that tools (the Optimism
 * SDK, viem, op-node) may call or decode, with the same inputs and outputs.
 */
class BridgeLayoutAndAbiTest {
  /** One state variable of OP's layout: label, slot, byte offset, size, OP's type label. */
  record Fact(String label, long slot, int offset, int bytes, String opType) {}

  static Fact fact(String label, long slot, int offset, int bytes, String opType) {
    return new Fact(label, slot, offset, bytes, opType);
  }

  /** The messengers' layout: legacy spacers, then the messenger's state from slot 203. */
  static final List<Fact> CROSS_DOMAIN_MESSENGER =
      List.of(
          fact("spacer_0_0_20", 0, 0, 20, "address"),
          fact("_initialized", 0, 20, 1, "uint8"),
          fact("_initializing", 0, 21, 1, "bool"),
          fact("spacer_1_0_1600", 1, 0, 1600, "uint256[50]"),
          fact("spacer_51_0_20", 51, 0, 20, "address"),
          fact("spacer_52_0_1568", 52, 0, 1568, "uint256[49]"),
          fact("spacer_101_0_1", 101, 0, 1, "bool"),
          fact("spacer_102_0_1568", 102, 0, 1568, "uint256[49]"),
          fact("spacer_151_0_32", 151, 0, 32, "uint256"),
          fact("spacer_152_0_1568", 152, 0, 1568, "uint256[49]"),
          fact("spacer_201_0_32", 201, 0, 32, "mapping(bytes32 => bool)"),
          fact("spacer_202_0_32", 202, 0, 32, "mapping(bytes32 => bool)"),
          fact("successfulMessages", 203, 0, 32, "mapping(bytes32 => bool)"),
          fact("xDomainMsgSender", 204, 0, 20, "address"),
          fact("msgNonce", 205, 0, 30, "uint240"),
          fact("failedMessages", 206, 0, 32, "mapping(bytes32 => bool)"),
          fact("otherMessenger", 207, 0, 20, "contract CrossDomainMessenger"),
          fact("__gap", 208, 0, 1376, "uint256[43]"));

  static final List<Fact> L1_CROSS_DOMAIN_MESSENGER =
      concat(
          CROSS_DOMAIN_MESSENGER,
          fact("superchainConfig", 251, 0, 20, "contract ISuperchainConfig"),
          fact("portal", 252, 0, 20, "contract IOptimismPortal"),
          fact("systemConfig", 253, 0, 20, "contract ISystemConfig"));

  /** The bridges' layout: initializer flags, legacy spacers, then the bridge's state. */
  static final List<Fact> STANDARD_BRIDGE =
      List.of(
          fact("_initialized", 0, 0, 1, "uint8"),
          fact("_initializing", 0, 1, 1, "bool"),
          fact("spacer_0_2_30", 0, 2, 30, "bytes30"),
          fact("spacer_1_0_20", 1, 0, 20, "address"),
          fact("deposits", 2, 0, 32, "mapping(address => mapping(address => uint256))"),
          fact("messenger", 3, 0, 20, "contract ICrossDomainMessenger"),
          fact("otherBridge", 4, 0, 20, "contract StandardBridge"),
          fact("__gap", 5, 0, 1440, "uint256[45]"));

  static final List<Fact> L1_STANDARD_BRIDGE =
      concat(
          STANDARD_BRIDGE,
          fact("superchainConfig", 50, 0, 20, "contract ISuperchainConfig"),
          fact("systemConfig", 51, 0, 20, "contract ISystemConfig"));

  /**
   * OpenZeppelin 4.x ERC20 and ERC20Permit. OP's _nonces maps to a Counters.Counter struct, a
   * single uint256: the same storage as our mapping to uint256.
   */
  static final List<Fact> OPTIMISM_MINTABLE_ERC20 =
      List.of(
          fact("_balances", 0, 0, 32, "mapping(address => uint256)"),
          fact("_allowances", 1, 0, 32, "mapping(address => mapping(address => uint256))"),
          fact("_totalSupply", 2, 0, 32, "uint256"),
          fact("_name", 3, 0, 32, "string"),
          fact("_symbol", 4, 0, 32, "string"),
          fact("_nonces", 5, 0, 32, "mapping(address => struct Counters.Counter)"),
          fact("_PERMIT_TYPEHASH_DEPRECATED_SLOT", 6, 0, 32, "bytes32"));

  static final List<Fact> OPTIMISM_MINTABLE_ERC20_FACTORY =
      List.of(
          fact("_initialized", 0, 0, 1, "uint8"),
          fact("_initializing", 0, 1, 1, "bool"),
          fact("spacer_0_2_30", 0, 2, 30, "bytes30"),
          fact("bridge", 1, 0, 20, "address"),
          fact("deployments", 2, 0, 32, "mapping(address => address)"),
          fact("__gap", 3, 0, 1536, "uint256[48]"));

  private static final String OP_ABI_L1_CROSS_DOMAIN_MESSENGER =
      """
      MESSAGE_VERSION() returns (uint16)
      MIN_GAS_CALLDATA_OVERHEAD() returns (uint64)
      MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR() returns (uint64)
      MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR() returns (uint64)
      OTHER_MESSENGER() returns (address)
      PORTAL() returns (address)
      RELAY_CALL_OVERHEAD() returns (uint64)
      RELAY_CONSTANT_OVERHEAD() returns (uint64)
      RELAY_GAS_CHECK_BUFFER() returns (uint64)
      RELAY_RESERVED_GAS() returns (uint64)
      baseGas(bytes,uint32) returns (uint64)
      event FailedRelayedMessage(bytes32 indexed)
      event Initialized(uint8)
      event RelayedMessage(bytes32 indexed)
      event SentMessage(address indexed,address,bytes,uint256,uint256)
      event SentMessageExtension1(address indexed,uint256)
      failedMessages(bytes32) returns (bool)
      initialize(address,address,address)
      messageNonce() returns (uint256)
      otherMessenger() returns (address)
      paused() returns (bool)
      portal() returns (address)
      relayMessage(uint256,address,address,uint256,uint256,bytes) payable
      sendMessage(address,bytes,uint32) payable
      successfulMessages(bytes32) returns (bool)
      superchainConfig() returns (address)
      systemConfig() returns (address)
      version() returns (string)
      xDomainMessageSender() returns (address)
      """;

  private static final String OP_ABI_L2_CROSS_DOMAIN_MESSENGER =
      """
      MESSAGE_VERSION() returns (uint16)
      MIN_GAS_CALLDATA_OVERHEAD() returns (uint64)
      MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR() returns (uint64)
      MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR() returns (uint64)
      OTHER_MESSENGER() returns (address)
      RELAY_CALL_OVERHEAD() returns (uint64)
      RELAY_CONSTANT_OVERHEAD() returns (uint64)
      RELAY_GAS_CHECK_BUFFER() returns (uint64)
      RELAY_RESERVED_GAS() returns (uint64)
      baseGas(bytes,uint32) returns (uint64)
      event FailedRelayedMessage(bytes32 indexed)
      event Initialized(uint8)
      event RelayedMessage(bytes32 indexed)
      event SentMessage(address indexed,address,bytes,uint256,uint256)
      event SentMessageExtension1(address indexed,uint256)
      failedMessages(bytes32) returns (bool)
      initialize(address)
      l1CrossDomainMessenger() returns (address)
      messageNonce() returns (uint256)
      otherMessenger() returns (address)
      paused() returns (bool)
      relayMessage(uint256,address,address,uint256,uint256,bytes) payable
      sendMessage(address,bytes,uint32) payable
      successfulMessages(bytes32) returns (bool)
      version() returns (string)
      xDomainMessageSender() returns (address)
      """;

  private static final String OP_ABI_L1_STANDARD_BRIDGE =
      """
      MESSENGER() returns (address)
      OTHER_BRIDGE() returns (address)
      bridgeERC20(address,address,uint256,uint32,bytes)
      bridgeERC20To(address,address,address,uint256,uint32,bytes)
      bridgeETH(uint32,bytes) payable
      bridgeETHTo(address,uint32,bytes) payable
      depositERC20(address,address,uint256,uint32,bytes)
      depositERC20To(address,address,address,uint256,uint32,bytes)
      depositETH(uint32,bytes) payable
      depositETHTo(address,uint32,bytes) payable
      deposits(address,address) returns (uint256)
      event ERC20BridgeFinalized(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ERC20BridgeInitiated(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ERC20DepositInitiated(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ERC20WithdrawalFinalized(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ETHBridgeFinalized(address indexed,address indexed,uint256,bytes)
      event ETHBridgeInitiated(address indexed,address indexed,uint256,bytes)
      event ETHDepositInitiated(address indexed,address indexed,uint256,bytes)
      event ETHWithdrawalFinalized(address indexed,address indexed,uint256,bytes)
      event Initialized(uint8)
      finalizeBridgeERC20(address,address,address,address,uint256,bytes)
      finalizeBridgeETH(address,address,uint256,bytes) payable
      finalizeERC20Withdrawal(address,address,address,address,uint256,bytes)
      finalizeETHWithdrawal(address,address,uint256,bytes) payable
      initialize(address,address,address)
      l2TokenBridge() returns (address)
      messenger() returns (address)
      otherBridge() returns (address)
      paused() returns (bool)
      receive() payable
      superchainConfig() returns (address)
      systemConfig() returns (address)
      version() returns (string)
      """;

  private static final String OP_ABI_L2_STANDARD_BRIDGE =
      """
      MESSENGER() returns (address)
      OTHER_BRIDGE() returns (address)
      bridgeERC20(address,address,uint256,uint32,bytes)
      bridgeERC20To(address,address,address,uint256,uint32,bytes)
      bridgeETH(uint32,bytes) payable
      bridgeETHTo(address,uint32,bytes) payable
      deposits(address,address) returns (uint256)
      event DepositFinalized(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ERC20BridgeFinalized(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ERC20BridgeInitiated(address indexed,address indexed,address indexed,address,uint256,bytes)
      event ETHBridgeFinalized(address indexed,address indexed,uint256,bytes)
      event ETHBridgeInitiated(address indexed,address indexed,uint256,bytes)
      event Initialized(uint8)
      event WithdrawalInitiated(address indexed,address indexed,address indexed,address,uint256,bytes)
      finalizeBridgeERC20(address,address,address,address,uint256,bytes)
      finalizeBridgeETH(address,address,uint256,bytes) payable
      initialize(address)
      l1TokenBridge() returns (address)
      messenger() returns (address)
      otherBridge() returns (address)
      paused() returns (bool)
      receive() payable
      version() returns (string)
      withdraw(address,uint256,uint32,bytes) payable
      withdrawTo(address,address,uint256,uint32,bytes) payable
      """;

  private static final String OP_ABI_OPTIMISM_MINTABLE_ERC20 =
      """
      BRIDGE() returns (address)
      DOMAIN_SEPARATOR() returns (bytes32)
      PERMIT2() returns (address)
      REMOTE_TOKEN() returns (address)
      allowance(address,address) returns (uint256)
      approve(address,uint256) returns (bool)
      balanceOf(address) returns (uint256)
      bridge() returns (address)
      burn(address,uint256)
      decimals() returns (uint8)
      decreaseAllowance(address,uint256) returns (bool)
      event Approval(address indexed,address indexed,uint256)
      event Burn(address indexed,uint256)
      event Mint(address indexed,uint256)
      event Transfer(address indexed,address indexed,uint256)
      increaseAllowance(address,uint256) returns (bool)
      l1Token() returns (address)
      l2Bridge() returns (address)
      mint(address,uint256)
      name() returns (string)
      nonces(address) returns (uint256)
      permit(address,address,uint256,uint256,uint8,bytes32,bytes32)
      remoteToken() returns (address)
      supportsInterface(bytes4) returns (bool)
      symbol() returns (string)
      totalSupply() returns (uint256)
      transfer(address,uint256) returns (bool)
      transferFrom(address,address,uint256) returns (bool)
      version() returns (string)
      """;

  private static final String OP_ABI_OPTIMISM_MINTABLE_ERC20_FACTORY =
      """
      BRIDGE() returns (address)
      bridge() returns (address)
      createOptimismMintableERC20(address,string,string) returns (address)
      createOptimismMintableERC20WithDecimals(address,string,string,uint8) returns (address)
      createStandardL2Token(address,string,string) returns (address)
      deployments(address) returns (address)
      event Initialized(uint8)
      event OptimismMintableERC20Created(address indexed,address indexed,address)
      event StandardL2TokenCreated(address indexed,address indexed)
      initialize(address)
      version() returns (string)
      """;

  /** Added to OP's messenger ABI: the constants of the EIP-7623-aware baseGas. */
  private static final Set<String> MESSENGER_EXTRAS =
      Set.of(
          "ENCODING_OVERHEAD() returns (uint64)",
          "FLOOR_CALLDATA_OVERHEAD() returns (uint64)",
          "TX_BASE_GAS() returns (uint64)");

  @Test
  void storageLayoutsAreTheOpStacks() {
    assertLayout(L1CrossDomainMessenger.ARTIFACT, L1_CROSS_DOMAIN_MESSENGER);
    assertLayout(L2CrossDomainMessenger.ARTIFACT, CROSS_DOMAIN_MESSENGER);
    assertLayout(L1StandardBridge.ARTIFACT, L1_STANDARD_BRIDGE);
    assertLayout(L2StandardBridge.ARTIFACT, STANDARD_BRIDGE);
    assertLayout(OptimismMintableERC20.ARTIFACT, OPTIMISM_MINTABLE_ERC20);
    assertLayout(OptimismMintableERC20Factory.ARTIFACT, OPTIMISM_MINTABLE_ERC20_FACTORY);
  }

  @Test
  void theSlotsToolsReadAreWhereTheyExpectThem() {
    // Read by tools and by later upgrades (and by the tests of this package through storage).
    assertThat(L2CrossDomainMessenger.ARTIFACT.slot("successfulMessages").orElseThrow().slot())
        .isEqualTo(203);
    assertThat(L2CrossDomainMessenger.ARTIFACT.slot("xDomainMsgSender").orElseThrow().slot())
        .isEqualTo(204);
    assertThat(L2CrossDomainMessenger.ARTIFACT.slot("msgNonce").orElseThrow().slot())
        .isEqualTo(205);
    assertThat(L2CrossDomainMessenger.ARTIFACT.slot("failedMessages").orElseThrow().slot())
        .isEqualTo(206);
    assertThat(L2CrossDomainMessenger.ARTIFACT.slot("otherMessenger").orElseThrow().slot())
        .isEqualTo(207);
    assertThat(L1CrossDomainMessenger.ARTIFACT.slot("portal").orElseThrow().slot()).isEqualTo(252);
    assertThat(L2StandardBridge.ARTIFACT.slot("deposits").orElseThrow().slot()).isEqualTo(2);
    assertThat(L2StandardBridge.ARTIFACT.slot("messenger").orElseThrow().slot()).isEqualTo(3);
    assertThat(L2StandardBridge.ARTIFACT.slot("otherBridge").orElseThrow().slot()).isEqualTo(4);
    assertThat(L1StandardBridge.ARTIFACT.slot("superchainConfig").orElseThrow().slot())
        .isEqualTo(50);
    assertThat(OptimismMintableERC20Factory.ARTIFACT.slot("bridge").orElseThrow().slot())
        .isEqualTo(1);
    assertThat(OptimismMintableERC20.ARTIFACT.slot("_balances").orElseThrow().slot()).isEqualTo(0);
  }

  @Test
  void abisAreTheOpStacks() {
    assertAbi(L1CrossDomainMessenger.ARTIFACT, OP_ABI_L1_CROSS_DOMAIN_MESSENGER, MESSENGER_EXTRAS);
    assertAbi(L2CrossDomainMessenger.ARTIFACT, OP_ABI_L2_CROSS_DOMAIN_MESSENGER, MESSENGER_EXTRAS);
    assertAbi(L1StandardBridge.ARTIFACT, OP_ABI_L1_STANDARD_BRIDGE, Set.of());
    assertAbi(L2StandardBridge.ARTIFACT, OP_ABI_L2_STANDARD_BRIDGE, Set.of());
    assertAbi(OptimismMintableERC20.ARTIFACT, OP_ABI_OPTIMISM_MINTABLE_ERC20, Set.of());
    assertAbi(
        OptimismMintableERC20Factory.ARTIFACT, OP_ABI_OPTIMISM_MINTABLE_ERC20_FACTORY, Set.of());
  }

  private static void assertLayout(ContractArtifact artifact, List<Fact> facts) {
    List<Fact> ours = new ArrayList<>();
    for (StorageSlot s : artifact.storageLayout()) {
      ours.add(fact(s.label(), s.slot(), s.offset(), s.bytes(), ""));
    }
    List<Fact> expected =
        facts.stream().map(f -> fact(f.label(), f.slot(), f.offset(), f.bytes(), "")).toList();
    assertThat(ours).as(artifact.name()).containsExactlyElementsOf(expected);
    // Same types too, but for the one documented difference (a one-word struct).
    for (Fact f : facts) {
      if (!f.opType().startsWith("mapping(address => struct Counters.Counter)")) {
        assertThat(artifact.slot(f.label()).orElseThrow().type())
            .as(artifact.name() + "." + f.label())
            .isEqualTo(f.opType());
      }
    }
  }

  /** Our ABI, each entry written as in the fact tables; version() is pure here, view in OP. */
  private static void assertAbi(ContractArtifact artifact, String opAbi, Set<String> extras) {
    Set<String> ours = new TreeSet<>();
    for (JsonNode e : artifact.abi()) {
      String type = e.path("type").asText();
      if (type.equals("receive")) {
        ours.add("receive() payable");
      } else if (type.equals("function") || type.equals("event")) {
        StringBuilder s = new StringBuilder(type.equals("event") ? "event " : "");
        s.append(e.path("name").asText()).append('(');
        List<String> inputs = new ArrayList<>();
        for (JsonNode i : e.path("inputs")) {
          inputs.add(i.path("type").asText() + (i.path("indexed").asBoolean() ? " indexed" : ""));
        }
        s.append(String.join(",", inputs)).append(')');
        if (type.equals("function")) {
          List<String> outputs = new ArrayList<>();
          for (JsonNode o : e.path("outputs")) {
            outputs.add(o.path("type").asText());
          }
          if (!outputs.isEmpty()) {
            s.append(" returns (").append(String.join(",", outputs)).append(')');
          }
          if (e.path("stateMutability").asText().equals("payable")) {
            s.append(" payable");
          }
        }
        ours.add(s.toString());
      }
    }
    Set<String> expected = new TreeSet<>(opAbi.lines().map(String::strip).toList());
    expected.addAll(extras);
    assertThat(ours).as(artifact.name()).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<Fact> concat(List<Fact> head, Fact... tail) {
    List<Fact> out = new ArrayList<>(head);
    out.addAll(List.of(tail));
    return List.copyOf(out);
  }
}
