// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { GameType, Claim, Hash, Timestamp, GameStatus } from "dispute/lib/Types.sol";

/// @title IDisputeGame
/// @notice What the DisputeGameFactory, the OptimismPortal2 and off-chain agents see of any game
///         (specs fault-proof/stage-one/dispute-game-interface.md). A game is a clone of its
///         implementation whose immutable arguments — creator, root claim, parent L1 block hash and
///         extra data — are appended to its code by the factory.
interface IDisputeGame {
    /// @notice The game was resolved.
    event Resolved(GameStatus indexed status);

    /// @notice Called once by the factory right after creating the game (with the creator's bond).
    function initialize() external payable;

    /// @notice When the game was created.
    function createdAt() external view returns (Timestamp);

    /// @notice When the game was resolved (zero before).
    function resolvedAt() external view returns (Timestamp);

    /// @notice The game's current status.
    function status() external view returns (GameStatus);

    /// @notice The game's type.
    function gameType() external view returns (GameType gameType_);

    /// @notice Who created the game.
    function gameCreator() external pure returns (address creator_);

    /// @notice The claim the game decides: for output games, an L2 output root.
    function rootClaim() external pure returns (Claim rootClaim_);

    /// @notice The hash of the L1 block before the one the game was created in.
    function l1Head() external pure returns (Hash l1Head_);

    /// @notice The game's extra data: for output games abi.encode(l2BlockNumber).
    function extraData() external pure returns (bytes memory extraData_);

    /// @notice The L2 block the root claim is about (decoded from the extra data).
    function l2BlockNumber() external pure returns (uint256 l2BlockNumber_);

    /// @notice The same as l2BlockNumber: the sequence number of the claimed output, named as newer
    ///         OP Stack clients ask for it.
    function l2SequenceNumber() external pure returns (uint256 l2SequenceNumber_);

    /// @notice Decides the game, if its rules allow that now.
    function resolve() external returns (GameStatus status_);

    /// @notice The values the factory keys the game by.
    function gameData() external view returns (GameType gameType_, Claim rootClaim_, bytes memory extraData_);
}
