// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";
import { ISemver } from "universal/ISemver.sol";
import { Storage } from "libraries/Storage.sol";

/// @custom:proxied true
/// @title SuperchainConfig
/// @notice The guardian's pause switch for the withdrawals of every chain that consults it (specs
///         superchain-config.md). Its values sit at named slots, not in the compiler's layout.
contract SuperchainConfig is Initializable, ISemver {
    /// @notice The kinds of ConfigUpdate.
    enum UpdateType {
        GUARDIAN
    }

    /// @notice The slot of the paused flag: keccak256("superchainConfig.paused") - 1.
    bytes32 public constant PAUSED_SLOT = bytes32(uint256(keccak256("superchainConfig.paused")) - 1);

    /// @notice The slot of the guardian: keccak256("superchainConfig.guardian") - 1.
    bytes32 public constant GUARDIAN_SLOT = bytes32(uint256(keccak256("superchainConfig.guardian")) - 1);

    /// @notice The guardian paused; `identifier` says why (free text).
    event Paused(string identifier);

    /// @notice The guardian unpaused.
    event Unpaused();

    /// @notice A value changed: for GUARDIAN, `data` is abi.encode(guardian).
    event ConfigUpdate(UpdateType indexed updateType, bytes data);

    /// @notice Locks the implementation's own storage so that only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    /// @custom:semver 1.1.0
    function version() public pure virtual returns (string memory) {
        return "1.1.0";
    }

    /// @notice Sets the guardian, and pauses if `_paused`.
    function initialize(address _guardian, bool _paused) public initializer {
        _setGuardian(_guardian);
        if (_paused) {
            _pause("Initializer paused");
        }
    }

    /// @notice Who may pause and unpause.
    function guardian() public view returns (address guardian_) {
        guardian_ = Storage.getAddress(GUARDIAN_SLOT);
    }

    /// @notice Whether withdrawals are paused.
    function paused() public view returns (bool paused_) {
        paused_ = Storage.getBool(PAUSED_SLOT);
    }

    /// @notice Pauses withdrawals. Only the guardian.
    /// @param _identifier Why (free text, emitted).
    function pause(string memory _identifier) external {
        require(msg.sender == guardian(), "SuperchainConfig: only guardian can pause");
        _pause(_identifier);
    }

    /// @notice Unpauses withdrawals. Only the guardian.
    function unpause() external {
        require(msg.sender == guardian(), "SuperchainConfig: only guardian can unpause");
        Storage.setBool(PAUSED_SLOT, false);
        emit Unpaused();
    }

    function _pause(string memory _identifier) internal {
        Storage.setBool(PAUSED_SLOT, true);
        emit Paused(_identifier);
    }

    function _setGuardian(address _guardian) internal {
        Storage.setAddress(GUARDIAN_SLOT, _guardian);
        emit ConfigUpdate(UpdateType.GUARDIAN, abi.encode(_guardian));
    }
}
