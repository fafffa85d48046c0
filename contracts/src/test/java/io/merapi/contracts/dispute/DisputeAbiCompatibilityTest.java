package io.merapi.contracts.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.contracts.ContractArtifact;
import io.merapi.contracts.ContractArtifact.StorageSlot;
import io.merapi.contracts.dispute.interfaces.IDisputeGame;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The ABI the clients depend on, as tables of facts written from viem 2.58.8's op-stack/abis.js
 * (disputeGameFactoryAbi, disputeGameAbi) and the OP Stack's snapshots/abi (d317e96): each entry as
 * "kind name(inputs) -> (outputs)", with "indexed" on event parameters. Mutability is left out: the
 * OP Stack's version is a view constant where ours is a pure function, and callers see no
 * difference.
 */
class DisputeAbiCompatibilityTest {
  /** viem's disputeGameFactoryAbi (getGames, getGame, getTimeToNextGame, getWithdrawalStatus). */
  private static final List<String> VIEM_FACTORY =
      List.of(
          "function create(uint32,bytes32,bytes) -> (address)",
          "function findLatestGames(uint32,uint256,uint256) -> ((uint256,bytes32,uint64,bytes32,bytes)[])",
          "function gameAtIndex(uint256) -> (uint32,uint64,address)",
          "function gameCount() -> (uint256)",
          "function gameImpls(uint32) -> (address)",
          "function games(uint32,bytes32,bytes) -> (address,uint64)",
          "function getGameUUID(uint32,bytes32,bytes) -> (bytes32)",
          "function initBonds(uint32) -> (uint256)",
          "function initialize(address) -> ()",
          "function owner() -> (address)",
          "function renounceOwnership() -> ()",
          "function setImplementation(uint32,address) -> ()",
          "function setInitBond(uint32,uint256) -> ()",
          "function transferOwnership(address) -> ()",
          "function version() -> (string)",
          "event DisputeGameCreated(address indexed,uint32 indexed,bytes32 indexed)",
          "event ImplementationSet(address indexed,uint32 indexed)",
          "event InitBondUpdated(uint32 indexed,uint256 indexed)",
          "event Initialized(uint8)",
          "event OwnershipTransferred(address indexed,address indexed)",
          "error GameAlreadyExists(bytes32)",
          "error NoImplementation(uint32)");

  /** The OP Stack's factory errors (viem still lists the older InsufficientBond()). */
  private static final List<String> OP_FACTORY_ERRORS = List.of("error IncorrectBondAmount()");

  /**
   * What viem's disputeGameAbi reads of a game (getGames: l2SequenceNumber; getTimeToFinalize:
   * createdAt, resolvedAt, maxClockDuration) and the OptimismPortal2 (rootClaim, status, createdAt,
   * resolvedAt, gameType).
   */
  private static final List<String> CLIENTS_OF_GAMES =
      List.of(
          "function createdAt() -> (uint64)",
          "function resolvedAt() -> (uint64)",
          "function l2SequenceNumber() -> (uint256)",
          "function maxClockDuration() -> (uint64)",
          "function rootClaim() -> (bytes32)",
          "function status() -> (uint8)",
          "function gameType() -> (uint32)",
          "function l2BlockNumber() -> (uint256)",
          "function extraData() -> (bytes)");

  /** The OP Stack's PermissionedDisputeGame entries this game implements, unchanged. */
  private static final List<String> OP_PERMISSIONED =
      List.of(
          "function initialize() -> ()",
          "function proposer() -> (address)",
          "function challenger() -> (address)",
          "function maxClockDuration() -> (uint64)",
          "function l2ChainId() -> (uint256)",
          "function attack(bytes32,uint256,bytes32) -> ()",
          "function resolve() -> (uint8)",
          "function claimCredit(address) -> ()",
          "function credit(address) -> (uint256)",
          "function startingOutputRoot() -> (bytes32,uint256)",
          "function startingBlockNumber() -> (uint256)",
          "function startingRootHash() -> (bytes32)",
          "function gameCreator() -> (address)",
          "function l1Head() -> (bytes32)",
          "function gameData() -> (uint32,bytes32,bytes)",
          "event Move(uint256 indexed,bytes32 indexed,address indexed)",
          "event Resolved(uint8 indexed)",
          "error AlreadyInitialized()",
          "error BadAuth()",
          "error BondTransferFailed()",
          "error ClaimAlreadyExists()",
          "error ClockNotExpired()",
          "error ClockTimeExceeded()",
          "error GameNotInProgress()",
          "error IncorrectBondAmount()",
          "error InvalidDisputedClaimIndex()",
          "error InvalidParent()",
          "error NoCreditToClaim()",
          "error UnexpectedRootClaim(bytes32)");

  @Test
  void theFactoryHasViemsAndTheOpStacksAbi() {
    Set<String> ours = entries(DisputeGameFactory.ARTIFACT);
    assertThat(ours).containsAll(VIEM_FACTORY).containsAll(OP_FACTORY_ERRORS);
  }

  @Test
  void bothGamesImplementTheWholeGameInterface() {
    Set<String> iface = entries(IDisputeGame.ARTIFACT);
    assertThat(iface).hasSize(14); // 13 functions, the Resolved event
    assertThat(entries(FastDisputeGame.ARTIFACT)).containsAll(iface).containsAll(CLIENTS_OF_GAMES);
    assertThat(entries(PermissionedDisputeGame.ARTIFACT))
        .containsAll(iface)
        .containsAll(CLIENTS_OF_GAMES);
  }

  @Test
  void thePermissionedGameKeepsTheOpStacksSignatures() {
    assertThat(entries(PermissionedDisputeGame.ARTIFACT)).containsAll(OP_PERMISSIONED);
  }

  /**
   * The OP Stack's FaultDisputeGame packs createdAt, resolvedAt, status and initialized into slot 0
   * (snapshots/storageLayout/PermissionedDisputeGame.json); both games keep that slot as it is. The
   * rest of a game's storage is its own (clones are never upgraded).
   */
  @Test
  void bothGamesKeepTheOpStacksFirstSlot() {
    List<StorageSlot> op =
        List.of(
            new StorageSlot("createdAt", 0, 0, 8, "Timestamp"),
            new StorageSlot("resolvedAt", 0, 8, 8, "Timestamp"),
            new StorageSlot("status", 0, 16, 1, "enum GameStatus"),
            new StorageSlot("initialized", 0, 17, 1, "bool"));
    for (ContractArtifact game :
        List.of(FastDisputeGame.ARTIFACT, PermissionedDisputeGame.ARTIFACT)) {
      for (StorageSlot fact : op) {
        assertThat(game.slot(fact.label())).as(game.name()).contains(fact);
      }
    }
  }

  private static Set<String> entries(ContractArtifact artifact) {
    Set<String> out = new TreeSet<>();
    for (JsonNode e : artifact.abi()) {
      String kind = e.path("type").asText();
      if (!Set.of("function", "event", "error").contains(kind)) {
        continue;
      }
      String s = kind + " " + e.path("name").asText() + "(" + params(e.path("inputs")) + ")";
      if (kind.equals("function")) {
        s += " -> (" + params(e.path("outputs")) + ")";
      }
      out.add(s);
    }
    return out;
  }

  private static String params(JsonNode list) {
    List<String> types = new ArrayList<>();
    for (JsonNode p : list) {
      types.add(type(p) + (p.path("indexed").asBoolean(false) ? " indexed" : ""));
    }
    return String.join(",", types);
  }

  private static String type(JsonNode p) {
    String t = p.path("type").asText();
    if (t.startsWith("tuple")) {
      List<String> parts = new ArrayList<>();
      for (JsonNode c : p.path("components")) {
        parts.add(type(c));
      }
      return "(" + String.join(",", parts) + ")" + t.substring("tuple".length());
    }
    return t;
  }
}
