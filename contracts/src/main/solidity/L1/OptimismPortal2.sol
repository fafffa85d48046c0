// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OptimismPortalBase } from "L1/OptimismPortalBase.sol";
import { ISystemConfig } from "L1/interfaces/ISystemConfig.sol";
import { ISuperchainConfig } from "L1/interfaces/ISuperchainConfig.sol";
import { IDisputeGame } from "dispute/interfaces/IDisputeGame.sol";
import { IDisputeGameFactory } from "dispute/interfaces/IDisputeGameFactory.sol";
import { GameType, GameStatus, Claim, Timestamp } from "dispute/lib/Types.sol";
import { Hashing } from "libraries/Hashing.sol";
import { Types } from "libraries/Types.sol";
import {
    Unauthorized,
    InvalidProof,
    InvalidGameType,
    InvalidDisputeGame,
    InvalidMerkleProof,
    Blacklisted,
    Unproven,
    ProposalNotValidated,
    AlreadyFinalized
} from "libraries/PortalErrors.sol";

/// @custom:proxied true
/// @title OptimismPortal2
/// @notice The portal of chains with fault proofs (specs fault-proof/stage-one/optimism-portal.md):
///         deposits as OptimismPortal, withdrawals proven against the root claim of a dispute game
///         of the respected game type, and finalized once the proof has matured and the game was
///         won by the defender and has stayed resolved for the finality delay (the air gap in which
///         the guardian may blacklist it). Anyone may prove a withdrawal, each prover for itself, so
///         that a proof against a bad game cannot block the withdrawal.
/// @dev Storage as the OP Stack's OptimismPortal2 (slots 50 to 61), see OptimismPortalBase.
contract OptimismPortal2 is OptimismPortalBase {
    /// @notice A proof of a withdrawal by one submitter.
    /// @custom:field disputeGameProxy The game whose root claim the withdrawal was proven against.
    /// @custom:field timestamp        When it was proven.
    struct ProvenWithdrawal {
        IDisputeGame disputeGameProxy;
        uint64 timestamp;
    }

    /// @notice Seconds from a withdrawal's proof until it may be finalized.
    uint256 internal immutable PROOF_MATURITY_DELAY_SECONDS;

    /// @notice Seconds from a game's resolution until withdrawals proven against it may be finalized.
    uint256 internal immutable DISPUTE_GAME_FINALITY_DELAY_SECONDS;

    /// @custom:legacy
    /// @custom:spacer provenWithdrawals
    /// @notice OptimismPortal's provenWithdrawals mapping.
    bytes32 private spacer_52_0_32;

    /// @custom:legacy
    /// @custom:spacer paused
    /// @notice The paused flag of older portals.
    bool private spacer_53_0_1;

    /// @notice The SuperchainConfig: the pause switch and the guardian.
    ISuperchainConfig public superchainConfig;

    /// @custom:legacy
    /// @custom:spacer l2Oracle
    /// @notice OptimismPortal's L2OutputOracle.
    address private spacer_54_0_20;

    /// @notice This chain's SystemConfig.
    ISystemConfig public systemConfig;

    /// @notice The factory of the games withdrawals are proven against.
    IDisputeGameFactory public disputeGameFactory;

    /// @notice The proofs of each withdrawal hash, by submitter.
    mapping(bytes32 => mapping(address => ProvenWithdrawal)) public provenWithdrawals;

    /// @notice Games the guardian found resolved wrongly.
    mapping(IDisputeGame => bool) public disputeGameBlacklist;

    /// @notice The game type whose games withdrawals may be proven against.
    GameType public respectedGameType;

    /// @notice When the respected game type was last set: older games are not accepted.
    uint64 public respectedGameTypeUpdatedAt;

    /// @notice Who proved each withdrawal, in order (viem reads the last one).
    mapping(bytes32 => address[]) public proofSubmitters;

    /// @custom:spacer _balance
    /// @notice The custom gas token balance of the OP Stack's portal (custom gas tokens are not
    ///         supported here).
    bytes32 private spacer_61_0_32;

    /// @notice A withdrawal was proven by `proofSubmitter` (in addition to WithdrawalProven, which
    ///         older tools watch).
    event WithdrawalProvenExtension1(bytes32 indexed withdrawalHash, address indexed proofSubmitter);

    /// @notice The guardian blacklisted a game.
    event DisputeGameBlacklisted(IDisputeGame indexed disputeGame);

    /// @notice The guardian set the respected game type.
    event RespectedGameTypeSet(GameType indexed newGameType, Timestamp indexed updatedAt);

    /// @notice The implementation's delays are fixed at deployment; its own storage is locked so that
    ///         only proxies are initialized.
    constructor(uint256 _proofMaturityDelaySeconds, uint256 _disputeGameFinalityDelaySeconds) {
        PROOF_MATURITY_DELAY_SECONDS = _proofMaturityDelaySeconds;
        DISPUTE_GAME_FINALITY_DELAY_SECONDS = _disputeGameFinalityDelaySeconds;
        _disableInitializers();
    }

    /// @notice Semantic version.
    /// @custom:semver 3.11.0
    function version() public pure virtual returns (string memory) {
        return "3.11.0";
    }

    /// @notice Sets the contracts the portal works with. On the first initialization also starts
    ///         the deposit gas market and sets the respected game type, accepting only games created
    ///         from now on.
    /// @param _disputeGameFactory       The DisputeGameFactory.
    /// @param _systemConfig             This chain's SystemConfig.
    /// @param _superchainConfig         The SuperchainConfig.
    /// @param _initialRespectedGameType The game type to respect.
    function initialize(
        IDisputeGameFactory _disputeGameFactory,
        ISystemConfig _systemConfig,
        ISuperchainConfig _superchainConfig,
        GameType _initialRespectedGameType
    )
        public
        initializer
    {
        disputeGameFactory = _disputeGameFactory;
        systemConfig = _systemConfig;
        superchainConfig = _superchainConfig;

        // An unset l2Sender marks the first initialization (the base sets it below).
        if (l2Sender == address(0)) {
            respectedGameTypeUpdatedAt = uint64(block.timestamp);
            respectedGameType = _initialRespectedGameType;
        }
        __OptimismPortalBase_init();
    }

    /// @notice Seconds from a withdrawal's proof until it may be finalized.
    function proofMaturityDelaySeconds() public view returns (uint256) {
        return PROOF_MATURITY_DELAY_SECONDS;
    }

    /// @notice Seconds from a game's resolution until withdrawals proven against it may be finalized.
    function disputeGameFinalityDelaySeconds() public view returns (uint256) {
        return DISPUTE_GAME_FINALITY_DELAY_SECONDS;
    }

    /// @notice How many submitters proved the withdrawal `_withdrawalHash`.
    function numProofSubmitters(bytes32 _withdrawalHash) external view returns (uint256) {
        return proofSubmitters[_withdrawalHash].length;
    }

    /// @notice Proves that `_tx` was sent on L2, as of the output root a game claims: the output root
    ///         proof must hash to the game's root claim, and the withdrawal proof must show the
    ///         withdrawal in the L2ToL1MessagePasser's storage root of that output (specs
    ///         withdrawals.md "Withdrawal Verification and Finalization"). Proving again replaces
    ///         the caller's earlier proof.
    /// @param _tx               The withdrawal.
    /// @param _disputeGameIndex The game's index in the DisputeGameFactory.
    /// @param _outputRootProof  The preimage of the game's root claim.
    /// @param _withdrawalProof  The storage proof of sentMessages[withdrawalHash] (eth_getProof's).
    function proveWithdrawalTransaction(
        Types.WithdrawalTransaction memory _tx,
        uint256 _disputeGameIndex,
        Types.OutputRootProof calldata _outputRootProof,
        bytes[] calldata _withdrawalProof
    )
        external
        whenNotPaused
    {
        bytes32 withdrawalHash = _provableWithdrawalHash(_tx);

        (GameType gameType,, IDisputeGame gameProxy) = disputeGameFactory.gameAtIndex(_disputeGameIndex);
        Claim outputRoot = gameProxy.rootClaim();

        if (gameType != respectedGameType) revert InvalidGameType();
        if (Claim.unwrap(outputRoot) != Hashing.hashOutputRootProof(_outputRootProof)) revert InvalidProof();
        // A game the challenger won is known bad; one in progress may still be won by the defender.
        if (gameProxy.status() == GameStatus.CHALLENGER_WINS) revert InvalidDisputeGame();
        if (!_isWithdrawalSent(withdrawalHash, _outputRootProof.messagePasserStorageRoot, _withdrawalProof)) {
            revert InvalidMerkleProof();
        }

        provenWithdrawals[withdrawalHash][msg.sender] =
            ProvenWithdrawal({ disputeGameProxy: gameProxy, timestamp: uint64(block.timestamp) });

        emit WithdrawalProven(withdrawalHash, _tx.sender, _tx.target);
        emit WithdrawalProvenExtension1(withdrawalHash, msg.sender);

        proofSubmitters[withdrawalHash].push(msg.sender);
    }

    /// @notice Finalizes `_tx` as proven by the caller.
    function finalizeWithdrawalTransaction(Types.WithdrawalTransaction memory _tx) external whenNotPaused {
        finalizeWithdrawalTransactionExternalProof(_tx, msg.sender);
    }

    /// @notice Finalizes `_tx` as proven by `_proofSubmitter` (anyone may finalize anyone's proof).
    function finalizeWithdrawalTransactionExternalProof(
        Types.WithdrawalTransaction memory _tx,
        address _proofSubmitter
    )
        public
        whenNotPaused
    {
        _requireNotFinalizing();
        bytes32 withdrawalHash = Hashing.hashWithdrawal(_tx);
        checkWithdrawal(withdrawalHash, _proofSubmitter);
        _finalizeWithdrawal(_tx, withdrawalHash);
    }

    /// @notice Reverts unless the withdrawal proven by `_proofSubmitter` may be finalized now; the
    ///         reasons are those viem's getWithdrawalStatus maps to a status.
    /// @param _withdrawalHash The withdrawal's hash.
    /// @param _proofSubmitter Who proved it.
    function checkWithdrawal(bytes32 _withdrawalHash, address _proofSubmitter) public view {
        ProvenWithdrawal memory proven = provenWithdrawals[_withdrawalHash][_proofSubmitter];
        IDisputeGame game = proven.disputeGameProxy;

        if (disputeGameBlacklist[game]) revert Blacklisted();
        if (proven.timestamp == 0) revert Unproven();

        uint64 createdAt = Timestamp.unwrap(game.createdAt());
        // A proof cannot predate its game; checked against bugs in the proving step.
        require(
            proven.timestamp > createdAt,
            "OptimismPortal: withdrawal timestamp less than dispute game creation timestamp"
        );
        require(
            block.timestamp - proven.timestamp > PROOF_MATURITY_DELAY_SECONDS,
            "OptimismPortal: proven withdrawal has not matured yet"
        );
        if (game.status() != GameStatus.DEFENDER_WINS) revert ProposalNotValidated();
        // The respected game type may have changed since the proof.
        if (game.gameType() != respectedGameType) revert InvalidGameType();
        // Games of a type created before it was (re)made respected were not watched by challengers.
        require(
            createdAt >= respectedGameTypeUpdatedAt,
            "OptimismPortal: dispute game created before respected game type was updated"
        );
        // The air gap: the guardian's time to blacklist a game resolved wrongly.
        require(
            block.timestamp - Timestamp.unwrap(game.resolvedAt()) > DISPUTE_GAME_FINALITY_DELAY_SECONDS,
            "OptimismPortal: output proposal in air-gap"
        );
        if (finalizedWithdrawals[_withdrawalHash]) revert AlreadyFinalized();
    }

    /// @notice Blacklists a game that resolved wrongly: withdrawals proven against it cannot be
    ///         finalized. Only the guardian.
    function blacklistDisputeGame(IDisputeGame _disputeGame) external {
        if (msg.sender != guardian()) revert Unauthorized();
        disputeGameBlacklist[_disputeGame] = true;
        emit DisputeGameBlacklisted(_disputeGame);
    }

    /// @notice Sets the respected game type; only games created from now on count. Only the guardian.
    function setRespectedGameType(GameType _gameType) external {
        if (msg.sender != guardian()) revert Unauthorized();
        respectedGameType = _gameType;
        respectedGameTypeUpdatedAt = uint64(block.timestamp);
        emit RespectedGameTypeSet(_gameType, Timestamp.wrap(uint64(block.timestamp)));
    }

    function _getSuperchainConfig() internal view override returns (ISuperchainConfig) {
        return superchainConfig;
    }

    function _getSystemConfig() internal view override returns (ISystemConfig) {
        return systemConfig;
    }
}
