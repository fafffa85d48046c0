// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OutputDisputeGame } from "dispute/OutputDisputeGame.sol";
import { GameType, GameTypes, GameStatus, Claim, Hash, Duration, Timestamp } from "dispute/lib/Types.sol";
import {
    BadAuth,
    GameNotInProgress,
    ClockNotExpired,
    ClockTimeExceeded,
    UnexpectedRootClaim,
    IncorrectBondAmount,
    InvalidParent,
    InvalidDisputedClaimIndex,
    ClaimAlreadyExists,
    InvalidClockDuration
} from "dispute/lib/Errors.sol";

/// @title PermissionedDisputeGame
/// @notice The permissioned output game (game type 1, PERMISSIONED_CANNON): only the proposer may
///         create it, proposing an output root for an L2 block; only the challenger may counter that
///         root claim, and only while the game's clock runs (maxClockDuration from creation). It
///         resolves CHALLENGER_WINS as soon as it has been countered, DEFENDER_WINS once the clock
///         has run out without a counter; the creator's bond is credited to the winner.
///
///         The roles replace the proof: the challenger is trusted to counter exactly the invalid
///         claims, as in the OP Stack's PermissionedDisputeGame, where only the same two roles may
///         move (specs fault-proof/stage-one/fault-dispute-game.md; the OP Stack's contract notes it
///         exists so that chains can run the fault-proof portal without a permissionless game). A
///         countered root loses outright here, where in the OP Stack's game the counter opens an
///         output bisection that the Cannon VM decides. That full bisection game (FaultDisputeGame,
///         with its positions, subgames, chess clocks and an IBigStepper VM) comes later with the
///         fault-proof work; it will implement the same IDisputeGame, keep this contract's function
///         names and signatures (proposer, challenger, maxClockDuration, l2ChainId, attack, resolve,
///         credit, claimCredit, startingOutputRoot), and replace this implementation in the factory
///         without any change to the factory, the portal or clients. Nothing here depends on a VM.
///
///         The counter costs no bond: a countered root always loses, so a counter bond could only
///         ever return to the challenger.
contract PermissionedDisputeGame is OutputDisputeGame {
    /// @notice Emitted when a claim is added: here only the challenger's counter to the root claim,
    ///         with the OP Stack's event signature (the root is claim index 0).
    event Move(uint256 indexed parentIndex, Claim indexed claim, address indexed claimant);

    /// @notice The time the challenger has to counter the root claim, from the game's creation.
    Duration internal immutable MAX_CLOCK_DURATION;

    /// @notice The chain id of the L2 whose outputs the games are about.
    uint256 internal immutable L2_CHAIN_ID;

    /// @notice The output root games start from: no game may claim a block at or before it.
    Hash internal immutable STARTING_ROOT_HASH;

    /// @notice The L2 block of the starting output root.
    uint256 internal immutable STARTING_BLOCK_NUMBER;

    /// @notice The only account that may create games (as the transaction's origin).
    address internal immutable PROPOSER;

    /// @notice The only account that may counter root claims.
    address internal immutable CHALLENGER;

    /// @notice Who countered the root claim (zero while not countered).
    address public counteredBy;

    /// @notice The output root the challenger claimed instead of the root claim.
    Claim public counterClaim;

    /// @param _maxClockDuration    The time the challenger has to counter, in seconds (not zero).
    /// @param _l2ChainId           The L2's chain id.
    /// @param _startingRootHash    The output root games start from (the anchor).
    /// @param _startingBlockNumber Its L2 block: games must claim later blocks.
    /// @param _proposer            The only account that may create games.
    /// @param _challenger          The only account that may counter root claims.
    constructor(
        Duration _maxClockDuration,
        uint256 _l2ChainId,
        Hash _startingRootHash,
        uint256 _startingBlockNumber,
        address _proposer,
        address _challenger
    ) {
        if (Duration.unwrap(_maxClockDuration) == 0) revert InvalidClockDuration();
        MAX_CLOCK_DURATION = _maxClockDuration;
        L2_CHAIN_ID = _l2ChainId;
        STARTING_ROOT_HASH = _startingRootHash;
        STARTING_BLOCK_NUMBER = _startingBlockNumber;
        PROPOSER = _proposer;
        CHALLENGER = _challenger;
    }

    /// @notice Semantic version.
    /// @custom:semver 1.0.0
    function version() public pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @notice Called by the factory when it creates the game. Only a transaction from the
    ///         proposer may create it (tx.origin, as the OP Stack checks: the proposer's own
    ///         transaction to the factory), and only for a block after the starting block.
    function initialize() external payable {
        if (tx.origin != PROPOSER) revert BadAuth();
        _initializeOutputGame();
        if (l2BlockNumber() <= STARTING_BLOCK_NUMBER) revert UnexpectedRootClaim(rootClaim());
    }

    /// @notice Counters the root claim (claim index 0) with the challenger's output root for the
    ///         same block. Only the challenger, once, while the clock runs, without a bond. The
    ///         signature is the OP Stack's attack(Claim _disputed, uint256 _parentIndex, Claim _claim).
    /// @param _disputed    The claim countered: must be the root claim.
    /// @param _parentIndex The index of the claim countered: must be 0, the root claim.
    /// @param _claim       The challenger's output root for the game's L2 block.
    function attack(Claim _disputed, uint256 _parentIndex, Claim _claim) external payable {
        if (status != GameStatus.IN_PROGRESS) revert GameNotInProgress();
        if (msg.sender != CHALLENGER) revert BadAuth();
        if (_parentIndex != 0) revert InvalidParent();
        if (_disputed != rootClaim()) revert InvalidDisputedClaimIndex();
        if (counteredBy != address(0)) revert ClaimAlreadyExists();
        if (msg.value != 0) revert IncorrectBondAmount();
        if (_clockExpired()) revert ClockTimeExceeded();
        counteredBy = msg.sender;
        counterClaim = _claim;
        emit Move(0, _claim, msg.sender);
    }

    /// @notice Resolves the game: CHALLENGER_WINS if the root claim was countered (at once),
    ///         DEFENDER_WINS once the clock has run out without a counter. The creator's bond is
    ///         credited to the winner (the challenger or the creator).
    /// @return status_ The game's final status.
    function resolve() external returns (GameStatus status_) {
        if (status != GameStatus.IN_PROGRESS) revert GameNotInProgress();
        address challenger_ = counteredBy;
        if (challenger_ != address(0)) {
            status_ = GameStatus.CHALLENGER_WINS;
            _resolveFor(status_, challenger_);
        } else {
            if (!_clockExpired()) revert ClockNotExpired();
            status_ = GameStatus.DEFENDER_WINS;
            _resolveFor(status_, gameCreator());
        }
    }

    /// @notice Whether maxClockDuration has passed since the game's creation. At exactly that
    ///         moment the clock has run out: the counter is refused and resolution allowed, as in the
    ///         OP Stack's game.
    function _clockExpired() internal view returns (bool) {
        return block.timestamp - Timestamp.unwrap(createdAt) >= Duration.unwrap(MAX_CLOCK_DURATION);
    }

    /// @notice PERMISSIONED_CANNON (1).
    function gameType() public pure override returns (GameType gameType_) {
        gameType_ = GameTypes.PERMISSIONED_CANNON;
    }

    /// @notice The only account that may create games.
    function proposer() external view returns (address proposer_) {
        proposer_ = PROPOSER;
    }

    /// @notice The only account that may counter root claims.
    function challenger() external view returns (address challenger_) {
        challenger_ = CHALLENGER;
    }

    /// @notice The time the challenger has to counter the root claim, from the game's creation.
    function maxClockDuration() external view returns (Duration maxClockDuration_) {
        maxClockDuration_ = MAX_CLOCK_DURATION;
    }

    /// @notice The chain id of the L2 the games are about.
    function l2ChainId() external view returns (uint256 l2ChainId_) {
        l2ChainId_ = L2_CHAIN_ID;
    }

    /// @notice The output root games start from and its L2 block.
    function startingOutputRoot() external view returns (Hash root_, uint256 l2BlockNumber_) {
        (root_, l2BlockNumber_) = (STARTING_ROOT_HASH, STARTING_BLOCK_NUMBER);
    }

    /// @notice The starting output root's L2 block.
    function startingBlockNumber() external view returns (uint256 startingBlockNumber_) {
        startingBlockNumber_ = STARTING_BLOCK_NUMBER;
    }

    /// @notice The starting output root.
    function startingRootHash() external view returns (Hash startingRootHash_) {
        startingRootHash_ = STARTING_ROOT_HASH;
    }
}
