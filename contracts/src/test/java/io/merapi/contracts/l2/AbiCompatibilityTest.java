package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.contracts.ContractArtifact;
import io.merapi.contracts.universal.Multicall3;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ABIs of the L2 contracts against the OP Stack's, written down here as facts from
 * contracts-bedrock's snapshots/abi (commit d317e96) and op-e2e's Multicall3 binding: every
 * function (with its outputs and payability), event (with its indexed parameters) and error.
 * Selectors, topics and result decoding follow from these, so viem, the SDK and op-node work
 * unchanged. Differences are listed explicitly: the custom-gas-token functions left out, and the
 * Isthmus additions of OP's later versions.
 */
class AbiCompatibilityTest {

  /** One ABI entry in a canonical one-line form (state mutability only when payable). */
  static List<String> entries(ContractArtifact artifact) {
    List<String> out = new ArrayList<>();
    for (JsonNode x : artifact.abi()) {
      String type = x.path("type").asText();
      String payable = x.path("stateMutability").asText().equals("payable") ? " payable" : "";
      switch (type) {
        case "function" -> {
          String outputs = types(x.path("outputs"), false);
          out.add(
              "function "
                  + x.path("name").asText()
                  + "("
                  + types(x.path("inputs"), false)
                  + ")"
                  + (outputs.isEmpty() ? "" : " returns (" + outputs + ")")
                  + payable);
        }
        case "event" ->
            out.add("event " + x.path("name").asText() + "(" + types(x.path("inputs"), true) + ")");
        case "error" ->
            out.add(
                "error " + x.path("name").asText() + "(" + types(x.path("inputs"), false) + ")");
        case "constructor" -> out.add("constructor(" + types(x.path("inputs"), false) + ")");
        default -> out.add(type + payable);
      }
    }
    return out;
  }

  private static String types(JsonNode params, boolean indexed) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : params) {
      out.add(type(p) + (indexed && p.path("indexed").asBoolean() ? " indexed" : ""));
    }
    return String.join(",", out);
  }

  private static String type(JsonNode p) {
    String t = p.path("type").asText();
    if (!t.startsWith("tuple")) {
      return t;
    }
    List<String> components = new ArrayList<>();
    for (JsonNode c : p.path("components")) {
      components.add(type(c));
    }
    return "(" + String.join(",", components) + ")" + t.substring("tuple".length());
  }

  @Test
  void l1Block() {
    assertThat(entries(L1Block.ARTIFACT))
        .containsExactlyInAnyOrder(
            // OP's L1Block 1.5.x without the custom gas token (gasPayingToken, gasPayingTokenName,
            // gasPayingTokenSymbol, isCustomGasToken, setGasPayingToken, GasPayingTokenSet).
            "function DEPOSITOR_ACCOUNT() returns (address)",
            "function baseFeeScalar() returns (uint32)",
            "function basefee() returns (uint256)",
            "function batcherHash() returns (bytes32)",
            "function blobBaseFee() returns (uint256)",
            "function blobBaseFeeScalar() returns (uint32)",
            "function hash() returns (bytes32)",
            "function l1FeeOverhead() returns (uint256)",
            "function l1FeeScalar() returns (uint256)",
            "function number() returns (uint64)",
            "function sequenceNumber() returns (uint64)",
            "function setL1BlockValues(uint64,uint64,uint256,bytes32,uint64,bytes32,uint256,uint256)",
            "function setL1BlockValuesEcotone()",
            "function timestamp() returns (uint64)",
            "function version() returns (string)",
            "error NotDepositor()",
            // Isthmus, as OP's L1Block 1.6.0 (selectors in specs isthmus-l1-block-deployment).
            "function setL1BlockValuesIsthmus()",
            "function operatorFeeConstant() returns (uint64)",
            "function operatorFeeScalar() returns (uint32)");
  }

  @Test
  void gasPriceOracle() {
    assertThat(entries(GasPriceOracle.ARTIFACT))
        .containsExactlyInAnyOrder(
            "function DECIMALS() returns (uint256)",
            "function baseFee() returns (uint256)",
            "function baseFeeScalar() returns (uint32)",
            "function blobBaseFee() returns (uint256)",
            "function blobBaseFeeScalar() returns (uint32)",
            "function decimals() returns (uint256)",
            "function gasPrice() returns (uint256)",
            "function getL1Fee(bytes) returns (uint256)",
            "function getL1FeeUpperBound(uint256) returns (uint256)",
            "function getL1GasUsed(bytes) returns (uint256)",
            "function isEcotone() returns (bool)",
            "function isFjord() returns (bool)",
            "function l1BaseFee() returns (uint256)",
            "function overhead() returns (uint256)",
            "function scalar() returns (uint256)",
            "function setEcotone()",
            "function setFjord()",
            "function version() returns (string)",
            // Isthmus, as OP's GasPriceOracle 1.4.0 (viem's estimateOperatorFee calls it).
            "function getOperatorFee(uint256) returns (uint256)",
            "function isIsthmus() returns (bool)",
            "function setIsthmus()");
  }

  @Test
  void l2ToL1MessagePasser() {
    assertThat(entries(L2ToL1MessagePasser.ARTIFACT))
        .containsExactlyInAnyOrder(
            "receive payable",
            "function MESSAGE_VERSION() returns (uint16)",
            "function burn()",
            "function initiateWithdrawal(address,uint256,bytes) payable",
            "function messageNonce() returns (uint256)",
            "function sentMessages(bytes32) returns (bool)",
            "function version() returns (string)",
            "event MessagePassed(uint256 indexed,address indexed,address indexed,uint256,uint256,bytes,bytes32)",
            "event WithdrawerBalanceBurnt(uint256 indexed)");
  }

  private static final List<String> FEE_VAULT =
      List.of(
          "constructor(address,uint256,uint8)",
          "receive payable",
          "function MIN_WITHDRAWAL_AMOUNT() returns (uint256)",
          "function RECIPIENT() returns (address)",
          "function WITHDRAWAL_NETWORK() returns (uint8)",
          "function minWithdrawalAmount() returns (uint256)",
          "function recipient() returns (address)",
          "function totalProcessed() returns (uint256)",
          "function version() returns (string)",
          "function withdraw()",
          "function withdrawalNetwork() returns (uint8)",
          "event Withdrawal(uint256,address,address)",
          "event Withdrawal(uint256,address,address,uint8)");

  @Test
  void feeVaults() {
    List<String> sequencer = new ArrayList<>(FEE_VAULT);
    sequencer.add("function l1FeeWallet() returns (address)");
    assertThat(entries(SequencerFeeVault.ARTIFACT)).containsExactlyInAnyOrderElementsOf(sequencer);
    assertThat(entries(BaseFeeVault.ARTIFACT)).containsExactlyInAnyOrderElementsOf(FEE_VAULT);
    assertThat(entries(L1FeeVault.ARTIFACT)).containsExactlyInAnyOrderElementsOf(FEE_VAULT);
  }

  @Test
  void weth() {
    assertThat(entries(WETH.ARTIFACT))
        .containsExactlyInAnyOrder(
            "fallback payable",
            "receive payable",
            "function allowance(address,address) returns (uint256)",
            "function approve(address,uint256) returns (bool)",
            "function balanceOf(address) returns (uint256)",
            "function decimals() returns (uint8)",
            "function deposit() payable",
            "function name() returns (string)",
            "function symbol() returns (string)",
            "function totalSupply() returns (uint256)",
            "function transfer(address,uint256) returns (bool)",
            "function transferFrom(address,address,uint256) returns (bool)",
            "function version() returns (string)",
            "function withdraw(uint256)",
            "event Approval(address indexed,address indexed,uint256)",
            "event Deposit(address indexed,uint256)",
            "event Transfer(address indexed,address indexed,uint256)",
            "event Withdrawal(address indexed,uint256)");
  }

  @Test
  void multicall3() {
    assertThat(entries(Multicall3.ARTIFACT))
        .containsExactlyInAnyOrder(
            // mds1's Multicall3 v3.1.0.
            "function aggregate((address,bytes)[]) returns (uint256,bytes[]) payable",
            "function aggregate3((address,bool,bytes)[]) returns ((bool,bytes)[]) payable",
            "function aggregate3Value((address,bool,uint256,bytes)[]) returns ((bool,bytes)[]) payable",
            "function blockAndAggregate((address,bytes)[]) returns (uint256,bytes32,(bool,bytes)[]) payable",
            "function getBasefee() returns (uint256)",
            "function getBlockHash(uint256) returns (bytes32)",
            "function getBlockNumber() returns (uint256)",
            "function getChainId() returns (uint256)",
            "function getCurrentBlockCoinbase() returns (address)",
            "function getCurrentBlockDifficulty() returns (uint256)",
            "function getCurrentBlockGasLimit() returns (uint256)",
            "function getCurrentBlockTimestamp() returns (uint256)",
            "function getEthBalance(address) returns (uint256)",
            "function getLastBlockHash() returns (bytes32)",
            "function tryAggregate(bool,(address,bytes)[]) returns ((bool,bytes)[]) payable",
            "function tryBlockAndAggregate(bool,(address,bytes)[]) returns (uint256,bytes32,(bool,bytes)[]) payable",
            // Ours (every Merapi contract answers version()).
            "function version() returns (string)");
  }
}
