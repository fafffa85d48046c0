// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OutputDisputeGame } from "dispute/OutputDisputeGame.sol";
import { GameType, GameStatus } from "dispute/lib/Types.sol";
import { IOptimismPortal } from "L1/interfaces/IOptimismPortal.sol";

/// @notice A dispute game (created through the real DisputeGameFactory, under any game type) whose
///         outcome the test decides: anyone may resolve it for either side at any time.
contract ScriptedDisputeGame is OutputDisputeGame {
    GameType internal immutable GAME_TYPE;

    constructor(GameType _gameType) {
        GAME_TYPE = _gameType;
    }

    function version() public pure returns (string memory) {
        return "0.0.0-test";
    }

    function initialize() external payable {
        _initializeOutputGame();
    }

    function resolve() external pure returns (GameStatus) {
        revert("ScriptedDisputeGame: use resolveAs");
    }

    /// @notice Ends the game with `_status` now.
    function resolveAs(GameStatus _status) external {
        _resolveFor(_status, gameCreator());
    }

    function gameType() public view override returns (GameType) {
        return GAME_TYPE;
    }
}

/// @notice A withdrawal's target: records what the portal shows during the call, can fail, and
///         can call back into the portal.
contract WithdrawalTarget {
    IOptimismPortal public immutable PORTAL;
    address public seenL2Sender;
    uint256 public seenValue;
    uint256 public calls;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor(IOptimismPortal _portal) {
        PORTAL = _portal;
    }

    /// @notice Records the portal's l2Sender and the value received.
    function record() external payable {
        seenL2Sender = PORTAL.l2Sender();
        seenValue = msg.value;
        calls += 1;
    }

    /// @notice Always fails.
    function fail() external payable {
        revert("WithdrawalTarget: failing on purpose");
    }

    /// @notice Calls the portal with `_data` (e.g. a finalization) and records the outcome.
    function reenter(bytes calldata _data) external payable {
        (bool ok, bytes memory ret) = address(PORTAL).call(_data);
        reentrySucceeded = ok;
        reentryRevertData = ret;
        calls += 1;
    }

    /// @notice Uses up `_gas` gas, succeeding.
    function consume(uint256 _gas) external {
        uint256 start = gasleft();
        while (start - gasleft() < _gas) { }
        calls += 1;
    }

    receive() external payable {
        seenValue = msg.value;
        calls += 1;
    }
}

/// @notice A contract that deposits through the portal (its deposits come from its alias).
contract DepositingContract {
    function deposit(
        IOptimismPortal _portal,
        address _to,
        uint256 _value,
        uint64 _gasLimit,
        bool _isCreation,
        bytes calldata _data
    )
        external
        payable
    {
        _portal.depositTransaction{ value: msg.value }(_to, _value, _gasLimit, _isCreation, _data);
    }

    /// @notice Sends ETH to the portal's receive function.
    function send(address payable _portal) external payable {
        (bool ok,) = _portal.call{ value: msg.value }("");
        require(ok, "DepositingContract: send failed");
    }
}
