// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OwnableUpgradeable } from "universal/OwnableUpgradeable.sol";
import { ISemver } from "universal/ISemver.sol";
import { IDisputeGame } from "dispute/interfaces/IDisputeGame.sol";
import { IDisputeGameFactory } from "dispute/interfaces/IDisputeGameFactory.sol";
import { Clones } from "dispute/lib/Clones.sol";
import { GameType, Claim, GameId, Timestamp, Hash, LibGameId } from "dispute/lib/Types.sol";

/// @custom:proxied true
/// @title DisputeGameFactory
/// @notice Creates dispute games and keeps the index of every game it created (specs
///         fault-proof/stage-one/dispute-game-interface.md "DisputeGameFactory Interface"). The
///         owner registers one implementation and one creation bond per game type; anyone may then
///         create a game of that type (the game itself may restrict who, as the permissioned game
///         does). A game is a clone of its type's implementation whose immutable arguments are laid
///         out as the spec's "Standard CWIA Layout":
///
///         bytes [0, 20)       the creator (msg.sender of create)
///         bytes [20, 52)      the root claim
///         bytes [52, 84)      the hash of the block before the creation block (the game's L1 head)
///         bytes [84, 84 + n)  the extra data (for output games: abi.encode(uint256 l2BlockNumber))
///
///         Games are indexed twice: by their UUID keccak256(abi.encode(gameType, rootClaim,
///         extraData)), which makes every (type, claim, extra data) unique, and in an append-only list
///         whose entries pack type, creation time and address (GameId), which the OptimismPortal2
///         (proveWithdrawalTransaction's _disputeGameIndex), op-proposer and viem (getGames) read.
///         The storage from slot 101 on is the OP Stack's, so that a deployment can be upgraded
///         between the two implementations.
contract DisputeGameFactory is OwnableUpgradeable, IDisputeGameFactory, ISemver {
    /// @notice The implementation cloned for each game type (zero: the type cannot be created).
    mapping(GameType => IDisputeGame) public gameImpls;

    /// @notice The exact value, in wei, that creating a game of each type requires.
    mapping(GameType => uint256) public initBonds;

    /// @notice The GameId of each game by its UUID.
    mapping(Hash => GameId) internal _disputeGames;

    /// @notice Every game created, in order of creation.
    GameId[] internal _disputeGameList;

    /// @notice Locks the implementation: only proxies pointing to it are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets the owner, who sets the implementations and bonds.
    /// @param _owner The owner.
    function initialize(address _owner) external initializer {
        __Ownable_init(_owner);
    }

    /// @notice Semantic version.
    /// @custom:semver 1.0.1
    function version() public pure virtual returns (string memory) {
        return "1.0.1";
    }

    /// @notice The number of games created.
    /// @return gameCount_ The length of the game list.
    function gameCount() external view returns (uint256 gameCount_) {
        gameCount_ = _disputeGameList.length;
    }

    /// @notice The game with this type, root claim and extra data.
    /// @param _gameType  The game's type.
    /// @param _rootClaim The game's root claim.
    /// @param _extraData The game's extra data.
    /// @return proxy_     The game, or the zero address if there is none.
    /// @return timestamp_ When the game was created (zero if there is none).
    function games(
        GameType _gameType,
        Claim _rootClaim,
        bytes calldata _extraData
    )
        external
        view
        returns (IDisputeGame proxy_, Timestamp timestamp_)
    {
        (, Timestamp timestamp, address proxy) =
            LibGameId.unpack(_disputeGames[getGameUUID(_gameType, _rootClaim, _extraData)]);
        (proxy_, timestamp_) = (IDisputeGame(proxy), timestamp);
    }

    /// @notice The game at a position of the game list.
    /// @param _index The position, from 0 (reverts beyond the end).
    /// @return gameType_  The game's type.
    /// @return timestamp_ When the game was created.
    /// @return proxy_     The game.
    function gameAtIndex(uint256 _index)
        external
        view
        returns (GameType gameType_, Timestamp timestamp_, IDisputeGame proxy_)
    {
        (GameType gameType, Timestamp timestamp, address proxy) = LibGameId.unpack(_disputeGameList[_index]);
        (gameType_, timestamp_, proxy_) = (gameType, timestamp, IDisputeGame(proxy));
    }

    /// @notice Creates a game: a clone of the type's implementation with the creator, the root
    ///         claim, the previous block's hash and the extra data as its immutable arguments. The
    ///         game's initialize() runs in the same call with the bond, and may refuse the game.
    /// @param _gameType  The game's type.
    /// @param _rootClaim The claim the game decides (for output games, an output root).
    /// @param _extraData The game's extra data (for output games, abi.encode(l2BlockNumber)).
    /// @return proxy_ The new game.
    function create(
        GameType _gameType,
        Claim _rootClaim,
        bytes calldata _extraData
    )
        external
        payable
        returns (IDisputeGame proxy_)
    {
        IDisputeGame impl = gameImpls[_gameType];
        if (address(impl) == address(0)) revert NoImplementation(_gameType);
        if (msg.value != initBonds[_gameType]) revert IncorrectBondAmount();

        Hash uuid = getGameUUID(_gameType, _rootClaim, _extraData);
        if (GameId.unwrap(_disputeGames[uuid]) != bytes32(0)) revert GameAlreadyExists(uuid);

        // The game's L1 head: the newest block whose hash is known while this block is built, so
        // that the claim can be checked against L1 data that existed when it was made.
        bytes32 parentHash = blockhash(block.number - 1);
        proxy_ = IDisputeGame(
            Clones.cloneWithArgs(address(impl), abi.encodePacked(msg.sender, _rootClaim, parentHash, _extraData))
        );

        // Index the game before calling it, so that nothing it does can create the same game again.
        GameId id = LibGameId.pack(_gameType, Timestamp.wrap(uint64(block.timestamp)), address(proxy_));
        _disputeGames[uuid] = id;
        _disputeGameList.push(id);

        proxy_.initialize{ value: msg.value }();
        emit DisputeGameCreated(address(proxy_), _gameType, _rootClaim);
    }

    /// @notice The identifier under which a game with these parameters is indexed.
    /// @param _gameType  The game's type.
    /// @param _rootClaim The game's root claim.
    /// @param _extraData The game's extra data.
    /// @return uuid_ keccak256(abi.encode(_gameType, _rootClaim, _extraData)).
    function getGameUUID(
        GameType _gameType,
        Claim _rootClaim,
        bytes memory _extraData
    )
        public
        pure
        returns (Hash uuid_)
    {
        uuid_ = Hash.wrap(keccak256(abi.encode(_gameType, _rootClaim, _extraData)));
    }

    /// @notice The newest `_n` games of type `_gameType` at or before list position `_start`, newest
    ///         first; fewer if there are fewer. viem's getGames asks for
    ///         (respectedGameType, gameCount - 1, min(limit, gameCount)).
    /// @param _gameType The type to look for.
    /// @param _start    The list position the backwards search starts at (empty result if beyond).
    /// @param _n        The most games to return.
    /// @return games_ The games found, each with its position, GameId, time, root claim and extra data.
    function findLatestGames(
        GameType _gameType,
        uint256 _start,
        uint256 _n
    )
        external
        view
        returns (GameSearchResult[] memory games_)
    {
        if (_start >= _disputeGameList.length || _n == 0) return games_;

        // At most _start + 1 games can match; allocating by that bound keeps a huge _n harmless.
        uint256 max = _n > _start ? _start + 1 : _n;
        games_ = new GameSearchResult[](max);
        uint256 found;
        for (uint256 i = _start + 1; i > 0 && found < max;) {
            unchecked {
                i--;
            }
            GameId id = _disputeGameList[i];
            (GameType gameType, Timestamp timestamp, address proxy) = LibGameId.unpack(id);
            if (gameType == _gameType) {
                games_[found] = GameSearchResult({
                    index: i,
                    metadata: id,
                    timestamp: timestamp,
                    rootClaim: IDisputeGame(proxy).rootClaim(),
                    extraData: IDisputeGame(proxy).extraData()
                });
                found++;
            }
        }

        // Shorten the array to the games found (only ever shrinks it, within its allocation).
        assembly ("memory-safe") {
            mstore(games_, found)
        }
    }

    /// @notice Sets the implementation cloned for a game type (zero: the type can no longer be
    ///         created). Games created before keep their code.
    /// @param _gameType The game type.
    /// @param _impl     The implementation.
    function setImplementation(GameType _gameType, IDisputeGame _impl) external onlyOwner {
        gameImpls[_gameType] = _impl;
        emit ImplementationSet(address(_impl), _gameType);
    }

    /// @notice Sets the bond, in wei, that creating a game of a type requires.
    /// @param _gameType The game type.
    /// @param _initBond The bond.
    function setInitBond(GameType _gameType, uint256 _initBond) external onlyOwner {
        initBonds[_gameType] = _initBond;
        emit InitBondUpdated(_gameType, _initBond);
    }
}
