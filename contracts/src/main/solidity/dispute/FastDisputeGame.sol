// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OutputDisputeGame } from "dispute/OutputDisputeGame.sol";
import { GameType, GameTypes, GameStatus, Duration } from "dispute/lib/Types.sol";
import { GameNotInProgress, TooEarlyToResolve } from "dispute/lib/Errors.sol";

/// @title FastDisputeGame
/// @notice A game for devnets and tests (game type 254) that PROVES NOTHING: anyone who pays the
///         factory's bond may create one for any output root, and it resolves for the defender from
///         the block after its creation, whatever the root claim says. It exists for speed: with it
///         as the OptimismPortal2's respected game type, a withdrawal can be proven and finalized on
///         a devnet within a few L1 blocks instead of waiting out a challenge clock, so end-to-end
///         tests of the bridge run in seconds. A chain that holds value must never respect it.
///
///         Resolution waits one block (rather than none) so that a game is never created and
///         resolved in the same block, as with every real game; the bond returns to the creator as
///         credit (claimCredit).
contract FastDisputeGame is OutputDisputeGame {
    /// @notice The L1 block the game was created in.
    uint64 public createdAtBlock;

    /// @notice Semantic version.
    /// @custom:semver 1.0.0
    function version() public pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @notice Called by the factory when it creates the game. Anyone may create it.
    function initialize() external payable {
        _initializeOutputGame();
        createdAtBlock = uint64(block.number);
    }

    /// @notice Resolves the game for the defender, from the block after its creation on.
    /// @return status_ DEFENDER_WINS.
    function resolve() external returns (GameStatus status_) {
        if (status != GameStatus.IN_PROGRESS) revert GameNotInProgress();
        if (block.number <= createdAtBlock) revert TooEarlyToResolve(uint256(createdAtBlock) + 1);
        status_ = GameStatus.DEFENDER_WINS;
        _resolveFor(status_, gameCreator());
    }

    /// @notice FAST (254).
    function gameType() public pure override returns (GameType gameType_) {
        gameType_ = GameTypes.FAST;
    }

    /// @notice Zero: no clock runs, the game resolves from the next block. Clients (viem's
    ///         getTimeToFinalize) estimate an unresolved game's resolution as createdAt +
    ///         maxClockDuration, which is then the creation time, a block early at most.
    function maxClockDuration() external pure returns (Duration maxClockDuration_) {
        maxClockDuration_ = Duration.wrap(0);
    }
}
