// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The value types of the dispute games (specs fault-proof/stage-one/dispute-game-interface.md). They
// are plain values in the ABI (GameType is a uint32, Claim a bytes32, ...), so clients see the same
// signatures as the OP Stack's.

/// @notice A kind of dispute game, one implementation per kind in the DisputeGameFactory.
type GameType is uint32;

/// @notice A claim in a game; the root claim of an output game is an output root.
type Claim is bytes32;

/// @notice A hash (the game UUID, an L1 head).
type Hash is bytes32;

/// @notice A game's identifier in the factory: its type, creation time and address packed.
type GameId is bytes32;

/// @notice A point in time, in seconds.
type Timestamp is uint64;

/// @notice A span of time, in seconds.
type Duration is uint64;

/// @notice How a game stands: undecided, or won by one side.
enum GameStatus {
    IN_PROGRESS,
    CHALLENGER_WINS,
    DEFENDER_WINS
}

/// @notice The game types the OP Stack has assigned.
library GameTypes {
    /// @notice The permissionless fault dispute game with Cannon.
    GameType internal constant CANNON = GameType.wrap(0);

    /// @notice The game only the proposer may create and only the challenger may contest.
    GameType internal constant PERMISSIONED_CANNON = GameType.wrap(1);

    /// @notice A game that resolves for the defender right away, for devnets and tests.
    GameType internal constant FAST = GameType.wrap(254);
}

/// @notice Packing of GameIds.
library LibGameId {
    /// @notice Packs a game's type (bits 224-255), creation timestamp (160-223) and address (0-159).
    function pack(GameType _gameType, Timestamp _timestamp, address _gameProxy) internal pure returns (GameId gameId_) {
        gameId_ = GameId.wrap(
            bytes32(
                (uint256(GameType.unwrap(_gameType)) << 224) | (uint256(Timestamp.unwrap(_timestamp)) << 160)
                    | uint256(uint160(_gameProxy))
            )
        );
    }

    /// @notice Unpacks a GameId.
    function unpack(GameId _gameId) internal pure returns (GameType gameType_, Timestamp timestamp_, address gameProxy_) {
        uint256 raw = uint256(GameId.unwrap(_gameId));
        gameType_ = GameType.wrap(uint32(raw >> 224));
        timestamp_ = Timestamp.wrap(uint64(raw >> 160));
        gameProxy_ = address(uint160(raw));
    }
}

using { eqGameType as == , neqGameType as != } for GameType global;
using { eqClaim as == , neqClaim as != } for Claim global;

function eqGameType(GameType _a, GameType _b) pure returns (bool) {
    return GameType.unwrap(_a) == GameType.unwrap(_b);
}

function neqGameType(GameType _a, GameType _b) pure returns (bool) {
    return GameType.unwrap(_a) != GameType.unwrap(_b);
}

function eqClaim(Claim _a, Claim _b) pure returns (bool) {
    return Claim.unwrap(_a) == Claim.unwrap(_b);
}

function neqClaim(Claim _a, Claim _b) pure returns (bool) {
    return Claim.unwrap(_a) != Claim.unwrap(_b);
}
