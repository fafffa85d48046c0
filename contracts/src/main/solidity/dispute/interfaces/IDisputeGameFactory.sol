// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IDisputeGame } from "dispute/interfaces/IDisputeGame.sol";
import { GameType, Claim, GameId, Timestamp, Hash } from "dispute/lib/Types.sol";

/// @title IDisputeGameFactory
/// @notice Creates dispute games as clones of one implementation per game type, and indexes them
///         (specs fault-proof/stage-one/dispute-game-interface.md "DisputeGameFactory").
interface IDisputeGameFactory {
    /// @notice One game found by findLatestGames.
    struct GameSearchResult {
        uint256 index;
        GameId metadata;
        Timestamp timestamp;
        Claim rootClaim;
        bytes extraData;
    }

    event DisputeGameCreated(address indexed disputeProxy, GameType indexed gameType, Claim indexed rootClaim);
    event ImplementationSet(address indexed impl, GameType indexed gameType);
    event InitBondUpdated(GameType indexed gameType, uint256 indexed newBond);

    /// @notice A game with this type, root claim and extra data exists already.
    error GameAlreadyExists(Hash uuid);

    /// @notice The value sent is not the game type's bond.
    error IncorrectBondAmount();

    /// @notice No implementation is set for the game type.
    error NoImplementation(GameType gameType);

    function gameCount() external view returns (uint256 gameCount_);

    function games(
        GameType _gameType,
        Claim _rootClaim,
        bytes calldata _extraData
    )
        external
        view
        returns (IDisputeGame proxy_, Timestamp timestamp_);

    function gameAtIndex(uint256 _index)
        external
        view
        returns (GameType gameType_, Timestamp timestamp_, IDisputeGame proxy_);

    function gameImpls(GameType _gameType) external view returns (IDisputeGame);

    function initBonds(GameType _gameType) external view returns (uint256);

    function create(
        GameType _gameType,
        Claim _rootClaim,
        bytes calldata _extraData
    )
        external
        payable
        returns (IDisputeGame proxy_);

    function setImplementation(GameType _gameType, IDisputeGame _impl) external;

    function setInitBond(GameType _gameType, uint256 _initBond) external;

    function getGameUUID(
        GameType _gameType,
        Claim _rootClaim,
        bytes memory _extraData
    )
        external
        pure
        returns (Hash uuid_);

    function findLatestGames(
        GameType _gameType,
        uint256 _start,
        uint256 _n
    )
        external
        view
        returns (GameSearchResult[] memory games_);
}
