package io.merapi.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.contracts.ContractArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ABIs of the L1 contracts against the OP Stack's at d317e96
 * (packages/contracts-bedrock/snapshots/abi/*.json), as a table of facts: every function with its
 * outputs, every event with its indexed parameters, every custom error. Left out, as the custom gas
 * token is not supported: depositERC20Transaction, setGasPayingToken, SystemConfig's
 * gasPayingToken/gasPayingTokenName/gasPayingTokenSymbol/isCustomGasToken, and the errors only they
 * raise (NoValue, OnlyCustomGasToken, TransferFailed, and OptimismPortal's Unauthorized).
 */
class AbiCompatibilityTest {
  static final Map<String, List<String>> OP_STACK =
      Map.of(
          "L1/OptimismPortal2",
          List.of(
              "error AlreadyFinalized()",
              "error BadTarget()",
              "error Blacklisted()",
              "error CallPaused()",
              "error ContentLengthMismatch()",
              "error EmptyItem()",
              "error GasEstimation()",
              "error InvalidDataRemainder()",
              "error InvalidDisputeGame()",
              "error InvalidGameType()",
              "error InvalidHeader()",
              "error InvalidMerkleProof()",
              "error InvalidProof()",
              "error LargeCalldata()",
              "error NonReentrant()",
              "error OutOfGas()",
              "error ProposalNotValidated()",
              "error SmallGasLimit()",
              "error Unauthorized()",
              "error UnexpectedList()",
              "error UnexpectedString()",
              "error Unproven()",
              "event DisputeGameBlacklisted(address indexed)",
              "event Initialized(uint8)",
              "event RespectedGameTypeSet(uint32 indexed,uint64 indexed)",
              "event TransactionDeposited(address indexed,address indexed,uint256 indexed,bytes)",
              "event WithdrawalFinalized(bytes32 indexed,bool)",
              "event WithdrawalProven(bytes32 indexed,address indexed,address indexed)",
              "event WithdrawalProvenExtension1(bytes32 indexed,address indexed)",
              "function balance() returns (uint256)",
              "function blacklistDisputeGame(address) returns ()",
              "function checkWithdrawal(bytes32,address) returns ()",
              "function depositTransaction(address,uint256,uint64,bool,bytes) returns ()",
              "function disputeGameBlacklist(address) returns (bool)",
              "function disputeGameFactory() returns (address)",
              "function disputeGameFinalityDelaySeconds() returns (uint256)",
              "function donateETH() returns ()",
              "function finalizeWithdrawalTransaction((uint256,address,address,uint256,uint256,bytes)) returns ()",
              "function finalizeWithdrawalTransactionExternalProof((uint256,address,address,uint256,uint256,bytes),address) returns ()",
              "function finalizedWithdrawals(bytes32) returns (bool)",
              "function guardian() returns (address)",
              "function initialize(address,address,address,uint32) returns ()",
              "function l2Sender() returns (address)",
              "function minimumGasLimit(uint64) returns (uint64)",
              "function numProofSubmitters(bytes32) returns (uint256)",
              "function params() returns (uint128,uint64,uint64)",
              "function paused() returns (bool)",
              "function proofMaturityDelaySeconds() returns (uint256)",
              "function proofSubmitters(bytes32,uint256) returns (address)",
              "function proveWithdrawalTransaction((uint256,address,address,uint256,uint256,bytes),uint256,(bytes32,bytes32,bytes32,bytes32),bytes[]) returns ()",
              "function provenWithdrawals(bytes32,address) returns (address,uint64)",
              "function respectedGameType() returns (uint32)",
              "function respectedGameTypeUpdatedAt() returns (uint64)",
              "function setRespectedGameType(uint32) returns ()",
              "function superchainConfig() returns (address)",
              "function systemConfig() returns (address)",
              "function version() returns (string)"),
          "L1/OptimismPortal",
          List.of(
              "error BadTarget()",
              "error CallPaused()",
              "error ContentLengthMismatch()",
              "error EmptyItem()",
              "error GasEstimation()",
              "error InvalidDataRemainder()",
              "error InvalidHeader()",
              "error LargeCalldata()",
              "error NonReentrant()",
              "error OutOfGas()",
              "error SmallGasLimit()",
              "error UnexpectedList()",
              "error UnexpectedString()",
              "event Initialized(uint8)",
              "event TransactionDeposited(address indexed,address indexed,uint256 indexed,bytes)",
              "event WithdrawalFinalized(bytes32 indexed,bool)",
              "event WithdrawalProven(bytes32 indexed,address indexed,address indexed)",
              "function balance() returns (uint256)",
              "function depositTransaction(address,uint256,uint64,bool,bytes) returns ()",
              "function donateETH() returns ()",
              "function finalizeWithdrawalTransaction((uint256,address,address,uint256,uint256,bytes)) returns ()",
              "function finalizedWithdrawals(bytes32) returns (bool)",
              "function guardian() returns (address)",
              "function initialize(address,address,address) returns ()",
              "function isOutputFinalized(uint256) returns (bool)",
              "function l2Oracle() returns (address)",
              "function l2Sender() returns (address)",
              "function minimumGasLimit(uint64) returns (uint64)",
              "function params() returns (uint128,uint64,uint64)",
              "function paused() returns (bool)",
              "function proveWithdrawalTransaction((uint256,address,address,uint256,uint256,bytes),uint256,(bytes32,bytes32,bytes32,bytes32),bytes[]) returns ()",
              "function provenWithdrawals(bytes32) returns (bytes32,uint128,uint128)",
              "function superchainConfig() returns (address)",
              "function systemConfig() returns (address)",
              "function version() returns (string)"),
          "L1/L2OutputOracle",
          List.of(
              "event Initialized(uint8)",
              "event OutputProposed(bytes32 indexed,uint256 indexed,uint256 indexed,uint256)",
              "event OutputsDeleted(uint256 indexed,uint256 indexed)",
              "function CHALLENGER() returns (address)",
              "function FINALIZATION_PERIOD_SECONDS() returns (uint256)",
              "function L2_BLOCK_TIME() returns (uint256)",
              "function PROPOSER() returns (address)",
              "function SUBMISSION_INTERVAL() returns (uint256)",
              "function challenger() returns (address)",
              "function computeL2Timestamp(uint256) returns (uint256)",
              "function deleteL2Outputs(uint256) returns ()",
              "function finalizationPeriodSeconds() returns (uint256)",
              "function getL2Output(uint256) returns ((bytes32,uint128,uint128))",
              "function getL2OutputAfter(uint256) returns ((bytes32,uint128,uint128))",
              "function getL2OutputIndexAfter(uint256) returns (uint256)",
              "function initialize(uint256,uint256,uint256,uint256,address,address,uint256) returns ()",
              "function l2BlockTime() returns (uint256)",
              "function latestBlockNumber() returns (uint256)",
              "function latestOutputIndex() returns (uint256)",
              "function nextBlockNumber() returns (uint256)",
              "function nextOutputIndex() returns (uint256)",
              "function proposeL2Output(bytes32,uint256,bytes32,uint256) returns ()",
              "function proposer() returns (address)",
              "function startingBlockNumber() returns (uint256)",
              "function startingTimestamp() returns (uint256)",
              "function submissionInterval() returns (uint256)",
              "function version() returns (string)"),
          "L1/SystemConfig",
          List.of(
              "event ConfigUpdate(uint256 indexed,uint8 indexed,bytes)",
              "event Initialized(uint8)",
              "event OwnershipTransferred(address indexed,address indexed)",
              "function BATCH_INBOX_SLOT() returns (bytes32)",
              "function DISPUTE_GAME_FACTORY_SLOT() returns (bytes32)",
              "function L1_CROSS_DOMAIN_MESSENGER_SLOT() returns (bytes32)",
              "function L1_ERC_721_BRIDGE_SLOT() returns (bytes32)",
              "function L1_STANDARD_BRIDGE_SLOT() returns (bytes32)",
              "function OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT() returns (bytes32)",
              "function OPTIMISM_PORTAL_SLOT() returns (bytes32)",
              "function START_BLOCK_SLOT() returns (bytes32)",
              "function UNSAFE_BLOCK_SIGNER_SLOT() returns (bytes32)",
              "function VERSION() returns (uint256)",
              "function basefeeScalar() returns (uint32)",
              "function batchInbox() returns (address)",
              "function batcherHash() returns (bytes32)",
              "function blobbasefeeScalar() returns (uint32)",
              "function disputeGameFactory() returns (address)",
              "function eip1559Denominator() returns (uint32)",
              "function eip1559Elasticity() returns (uint32)",
              "function gasLimit() returns (uint64)",
              "function initialize(address,uint32,uint32,bytes32,uint64,address,(uint32,uint8,uint8,uint32,uint32,uint128),address,(address,address,address,address,address,address,address)) returns ()",
              "function l1CrossDomainMessenger() returns (address)",
              "function l1ERC721Bridge() returns (address)",
              "function l1StandardBridge() returns (address)",
              "function maximumGasLimit() returns (uint64)",
              "function minimumGasLimit() returns (uint64)",
              "function optimismMintableERC20Factory() returns (address)",
              "function optimismPortal() returns (address)",
              "function overhead() returns (uint256)",
              "function owner() returns (address)",
              "function renounceOwnership() returns ()",
              "function resourceConfig() returns ((uint32,uint8,uint8,uint32,uint32,uint128))",
              "function scalar() returns (uint256)",
              "function setBatcherHash(bytes32) returns ()",
              "function setEIP1559Params(uint32,uint32) returns ()",
              "function setGasConfig(uint256,uint256) returns ()",
              "function setGasConfigEcotone(uint32,uint32) returns ()",
              "function setGasLimit(uint64) returns ()",
              "function setUnsafeBlockSigner(address) returns ()",
              "function startBlock() returns (uint256)",
              "function transferOwnership(address) returns ()",
              "function unsafeBlockSigner() returns (address)",
              "function version() returns (string)"),
          "L1/SuperchainConfig",
          List.of(
              "event ConfigUpdate(uint8 indexed,bytes)",
              "event Initialized(uint8)",
              "event Paused(string)",
              "event Unpaused()",
              "function GUARDIAN_SLOT() returns (bytes32)",
              "function PAUSED_SLOT() returns (bytes32)",
              "function guardian() returns (address)",
              "function initialize(address,bool) returns ()",
              "function pause(string) returns ()",
              "function paused() returns (bool)",
              "function unpause() returns ()",
              "function version() returns (string)"));

  /** The canonical form of one ABI entry, as in the table. */
  static String signature(JsonNode e) {
    String type = e.path("type").asText();
    List<String> inputs = new ArrayList<>();
    for (JsonNode i : e.path("inputs")) {
      inputs.add(type(i) + (i.path("indexed").asBoolean() ? " indexed" : ""));
    }
    String name = e.path("name").asText();
    return switch (type) {
      case "function" -> {
        List<String> outputs = new ArrayList<>();
        for (JsonNode o : e.path("outputs")) {
          outputs.add(type(o));
        }
        yield "function "
            + name
            + "("
            + String.join(",", inputs)
            + ") returns ("
            + String.join(",", outputs)
            + ")";
      }
      case "event" -> "event " + name + "(" + String.join(",", inputs) + ")";
      case "error" -> "error " + name + "(" + String.join(",", inputs) + ")";
      default -> type; // constructor, receive
    };
  }

  private static String type(JsonNode p) {
    String t = p.path("type").asText();
    if (t.startsWith("tuple")) {
      List<String> components = new ArrayList<>();
      for (JsonNode c : p.path("components")) {
        components.add(type(c));
      }
      return "(" + String.join(",", components) + ")" + t.substring(5);
    }
    return t;
  }

  @Test
  void functionsEventsAndErrorsAreTheOpStacks() {
    for (Map.Entry<String, List<String>> e : OP_STACK.entrySet()) {
      List<String> ours = new ArrayList<>();
      for (JsonNode entry : ContractArtifact.load(e.getKey()).abi()) {
        String s = signature(entry);
        if (s.contains(" ")) {
          ours.add(s);
        }
      }
      assertThat(ours).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
    }
  }

  @Test
  void thePortalsReceiveEthAndOptimismPortal2TakesItsDelaysAtConstruction() {
    assertThat(hasEntry("L1/OptimismPortal2", "receive")).isTrue();
    assertThat(hasEntry("L1/OptimismPortal", "receive")).isTrue();
    JsonNode constructor = entry("L1/OptimismPortal2", "constructor");
    assertThat(constructor.path("inputs").size()).isEqualTo(2);
    assertThat(constructor.path("inputs").get(0).path("name").asText())
        .isEqualTo("_proofMaturityDelaySeconds");
    assertThat(constructor.path("inputs").get(1).path("name").asText())
        .isEqualTo("_disputeGameFinalityDelaySeconds");
  }

  private static boolean hasEntry(String artifact, String type) {
    return entry(artifact, type) != null;
  }

  private static JsonNode entry(String artifact, String type) {
    for (JsonNode e : ContractArtifact.load(artifact).abi()) {
      if (e.path("type").asText().equals(type)) {
        return e;
      }
    }
    return null;
  }
}
