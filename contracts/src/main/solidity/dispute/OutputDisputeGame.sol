// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";
import { IDisputeGame } from "dispute/interfaces/IDisputeGame.sol";
import { CloneArgs } from "dispute/lib/Clones.sol";
import { GameType, Claim, Hash, Timestamp, GameStatus } from "dispute/lib/Types.sol";
import { AlreadyInitialized, BadExtraData, NoCreditToClaim, BondTransferFailed } from "dispute/lib/Errors.sol";

/// @title OutputDisputeGame
/// @notice What every Merapi game about an L2 output root shares: the IDisputeGame getters over the
///         immutable arguments the DisputeGameFactory appends to each call (specs
///         fault-proof/stage-one/dispute-game-interface.md "DisputeGame Interface"), the game's
///         status and timestamps, and its bond, paid out as credit to the winner.
///
///         Bonds are credited at resolution and paid by claimCredit (as the OP Stack's
///         FaultDisputeGame does, specs bond-incentives.md "Claiming Credit") rather than sent by
///         resolve(): a winner that cannot receive ETH (a contract without a receive function) must
///         not be able to keep the game from resolving, since withdrawals wait for the resolution.
///         Unlike the OP Stack's games, the bonds stay in the game rather than in a DelayedWETH:
///         there is no delay in which a guardian could redirect them.
abstract contract OutputDisputeGame is IDisputeGame, ISemver {
    /// @notice The length of the arguments every output game has: creator (20 bytes), root claim
    ///         (32), L1 head (32) and extra data abi.encode(uint256 l2BlockNumber) (32).
    uint256 internal constant OUTPUT_GAME_ARGS_LENGTH = 116;

    /// @notice When the game was created (and initialized).
    Timestamp public createdAt;

    /// @notice When the game was resolved (zero before).
    Timestamp public resolvedAt;

    /// @notice IN_PROGRESS until resolved, then the winner's side.
    GameStatus public status;

    /// @notice Set by initialize(); set on the implementation by its constructor, which locks it.
    bool internal initialized;

    /// @notice The bond the creator paid, in wei, credited to the winner at resolution.
    uint256 internal bond;

    /// @notice The wei each account may withdraw with claimCredit.
    mapping(address => uint256) public credit;

    /// @notice Locks the implementation (clones start with empty storage and are initialized by the
    ///         factory): called directly, it is not a game.
    constructor() {
        initialized = true;
    }

    /// @notice The common part of initialize(): once only, with output-game arguments, and takes the
    ///         bond. The extra data must be exactly one word: extra bytes the game ignores would give
    ///         the same claim another UUID in the factory, and so a second game.
    function _initializeOutputGame() internal {
        if (initialized) revert AlreadyInitialized();
        if (CloneArgs.length() != OUTPUT_GAME_ARGS_LENGTH) revert BadExtraData();
        initialized = true;
        createdAt = Timestamp.wrap(uint64(block.timestamp));
        bond = msg.value;
    }

    /// @notice Ends the game with `_status` and credits the bond to `_winner`.
    function _resolveFor(GameStatus _status, address _winner) internal {
        status = _status;
        resolvedAt = Timestamp.wrap(uint64(block.timestamp));
        credit[_winner] += bond;
        emit Resolved(_status);
    }

    /// @notice Pays `_recipient` all its credit. Anyone may call it for anyone: the ETH only ever
    ///         goes to the recipient.
    /// @param _recipient The account credited.
    function claimCredit(address _recipient) external {
        uint256 amount = credit[_recipient];
        if (amount == 0) revert NoCreditToClaim();
        // Cleared before the call, so that a re-entering recipient finds nothing more to claim.
        credit[_recipient] = 0;
        (bool success,) = _recipient.call{ value: amount }("");
        if (!success) revert BondTransferFailed();
    }

    /// @notice Who created the game (clone argument at byte 0).
    function gameCreator() public pure returns (address creator_) {
        creator_ = CloneArgs.readAddress(0);
    }

    /// @notice The output root claimed (clone argument at byte 20).
    function rootClaim() public pure returns (Claim rootClaim_) {
        rootClaim_ = Claim.wrap(CloneArgs.readBytes32(20));
    }

    /// @notice The hash of the L1 block before the creation block (clone argument at byte 52).
    function l1Head() public pure returns (Hash l1Head_) {
        l1Head_ = Hash.wrap(CloneArgs.readBytes32(52));
    }

    /// @notice The extra data: abi.encode(uint256 l2BlockNumber) (clone argument at byte 84).
    function extraData() public pure returns (bytes memory extraData_) {
        extraData_ = CloneArgs.readBytes(84);
    }

    /// @notice The L2 block whose output root the root claim is.
    function l2BlockNumber() public pure returns (uint256 l2BlockNumber_) {
        l2BlockNumber_ = uint256(CloneArgs.readBytes32(84));
    }

    /// @notice The same as l2BlockNumber(), under the name newer clients (viem's getGames) use.
    function l2SequenceNumber() external pure returns (uint256 l2SequenceNumber_) {
        l2SequenceNumber_ = l2BlockNumber();
    }

    /// @notice The values the factory derives the game's UUID from.
    function gameData() external view returns (GameType gameType_, Claim rootClaim_, bytes memory extraData_) {
        (gameType_, rootClaim_, extraData_) = (gameType(), rootClaim(), extraData());
    }

    /// @notice The game's type.
    function gameType() public view virtual returns (GameType gameType_);
}
