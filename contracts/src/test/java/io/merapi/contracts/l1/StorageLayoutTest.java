package io.merapi.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.contracts.ContractArtifact;
import io.merapi.contracts.ContractArtifact.StorageSlot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storage layouts of the L1 contracts against the OP Stack's at d317e96
 * (packages/contracts-bedrock/snapshots/storageLayout/*.json), written here as a table of facts:
 * label, slot, offset and size of every variable. A proxy upgraded from an OP Stack contract to
 * ours (or back) must find every value where it was.
 *
 * <p>Where we differ, only in names: OP's `_balance` (custom gas token accounting, not supported
 * here) is a spacer of the same slot and size; OpenZeppelin's two `__gap`s in OwnableUpgradeable
 * are named `__gap_context` and `__gap_ownable` by the foundation's OwnableUpgradeable.
 */
class StorageLayoutTest {
  record Fact(String label, long slot, int offset, int bytes) {}

  private static Fact f(String label, long slot, int offset, int bytes) {
    return new Fact(label, slot, offset, bytes);
  }

  private static final List<Fact> INITIALIZABLE =
      List.of(f("_initialized", 0, 0, 1), f("_initializing", 0, 1, 1));

  /** ResourceMetering's part of both portals. */
  private static final List<Fact> METERING = List.of(f("params", 1, 0, 32), f("__gap", 2, 0, 1536));

  static final Map<String, List<Fact>> OP_STACK =
      Map.of(
          "L1/OptimismPortal2",
          concat(
              INITIALIZABLE,
              METERING,
              List.of(
                  f("l2Sender", 50, 0, 20),
                  f("finalizedWithdrawals", 51, 0, 32),
                  f("spacer_52_0_32", 52, 0, 32),
                  f("spacer_53_0_1", 53, 0, 1),
                  f("superchainConfig", 53, 1, 20),
                  f("spacer_54_0_20", 54, 0, 20),
                  f("systemConfig", 55, 0, 20),
                  f("disputeGameFactory", 56, 0, 20),
                  f("provenWithdrawals", 57, 0, 32),
                  f("disputeGameBlacklist", 58, 0, 32),
                  f("respectedGameType", 59, 0, 4),
                  f("respectedGameTypeUpdatedAt", 59, 4, 8),
                  f("proofSubmitters", 60, 0, 32),
                  f("_balance", 61, 0, 32))),
          "L1/OptimismPortal",
          concat(
              INITIALIZABLE,
              METERING,
              List.of(
                  f("l2Sender", 50, 0, 20),
                  f("finalizedWithdrawals", 51, 0, 32),
                  f("provenWithdrawals", 52, 0, 32),
                  f("spacer_53_0_1", 53, 0, 1),
                  f("superchainConfig", 53, 1, 20),
                  f("l2Oracle", 54, 0, 20),
                  f("systemConfig", 55, 0, 20),
                  f("spacer_56_0_20", 56, 0, 20),
                  f("spacer_57_0_32", 57, 0, 32),
                  f("spacer_58_0_32", 58, 0, 32),
                  f("spacer_59_0_32", 59, 0, 32),
                  f("spacer_60_0_32", 60, 0, 32),
                  f("_balance", 61, 0, 32))),
          "L1/L2OutputOracle",
          concat(
              INITIALIZABLE,
              List.of(
                  f("startingBlockNumber", 1, 0, 32),
                  f("startingTimestamp", 2, 0, 32),
                  f("l2Outputs", 3, 0, 32),
                  f("submissionInterval", 4, 0, 32),
                  f("l2BlockTime", 5, 0, 32),
                  f("challenger", 6, 0, 20),
                  f("proposer", 7, 0, 20),
                  f("finalizationPeriodSeconds", 8, 0, 32))),
          "L1/SystemConfig",
          concat(
              INITIALIZABLE,
              List.of(
                  f("__gap", 1, 0, 1600),
                  f("_owner", 51, 0, 20),
                  f("__gap", 52, 0, 1568),
                  f("overhead", 101, 0, 32),
                  f("scalar", 102, 0, 32),
                  f("batcherHash", 103, 0, 32),
                  f("gasLimit", 104, 0, 8),
                  f("basefeeScalar", 104, 8, 4),
                  f("blobbasefeeScalar", 104, 12, 4),
                  f("_resourceConfig", 105, 0, 32),
                  f("eip1559Denominator", 106, 0, 4),
                  f("eip1559Elasticity", 106, 4, 4))),
          "L1/SuperchainConfig",
          INITIALIZABLE);

  /** Our names for OP's where they differ (same slot, offset and size). */
  private static final Map<String, String> RENAMED =
      Map.of("_balance", "spacer_61_0_32", "__gap@1", "__gap_context", "__gap@52", "__gap_ownable");

  private static List<Fact> concat(List<Fact> a, List<Fact> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static List<Fact> concat(List<Fact> a, List<Fact> b, List<Fact> c) {
    return concat(concat(a, b), c);
  }

  private static String ours(Fact op) {
    String byLabel = RENAMED.get(op.label());
    if (byLabel != null) {
      return byLabel;
    }
    return RENAMED.getOrDefault(op.label() + "@" + op.slot(), op.label());
  }

  @Test
  void everyVariableIsWhereTheOpStackHasIt() {
    for (Map.Entry<String, List<Fact>> e : OP_STACK.entrySet()) {
      List<StorageSlot> layout = ContractArtifact.load(e.getKey()).storageLayout();
      List<Fact> expected =
          e.getValue().stream()
              .map(op -> new Fact(ours(op), op.slot(), op.offset(), op.bytes()))
              .toList();
      List<Fact> actual =
          layout.stream().map(s -> new Fact(s.label(), s.slot(), s.offset(), s.bytes())).toList();
      assertThat(actual).as(e.getKey()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void theTypesOfWhatClientsReadAreTheOpStacks() {
    ContractArtifact portal2 = ContractArtifact.load("L1/OptimismPortal2");
    assertThat(portal2.slot("provenWithdrawals").orElseThrow().type())
        .isEqualTo(
            "mapping(bytes32 => mapping(address => struct OptimismPortal2.ProvenWithdrawal))");
    assertThat(portal2.slot("proofSubmitters").orElseThrow().type())
        .isEqualTo("mapping(bytes32 => address[])");
    assertThat(portal2.slot("respectedGameType").orElseThrow().type()).isEqualTo("GameType");
    assertThat(
            ContractArtifact.load("L1/OptimismPortal")
                .slot("provenWithdrawals")
                .orElseThrow()
                .type())
        .isEqualTo("mapping(bytes32 => struct OptimismPortal.ProvenWithdrawal)");
    assertThat(ContractArtifact.load("L1/L2OutputOracle").slot("l2Outputs").orElseThrow().type())
        .isEqualTo("struct Types.OutputProposal[]");
    assertThat(
            ContractArtifact.load("L1/SystemConfig").slot("_resourceConfig").orElseThrow().type())
        .isEqualTo("struct IResourceMetering.ResourceConfig");
    // ResourceParams: the OP Stack declares it in ResourceMetering, we in IResourceMetering; the
    // same three fields in one slot.
    assertThat(portal2.slot("params").orElseThrow().type())
        .isEqualTo("struct IResourceMetering.ResourceParams");
  }
}
