// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Initializable
/// @notice One-time set-up for contracts behind proxies, whose constructors cannot set the proxy's
///         storage. The storage is laid out as OpenZeppelin's Initializable 4.x lays it out (a uint8
///         version then a bool flag, both in slot 0), because the OP Stack's contracts use that
///         layout and a deployment must be upgradeable between the two.
abstract contract Initializable {
    /// @notice The highest version initialized (type(uint8).max once initializers are disabled).
    uint8 private _initialized;

    /// @notice Set while an initializer runs, so that nested initializer calls are allowed.
    bool private _initializing;

    /// @notice Emitted once per version initialized.
    event Initialized(uint8 version);

    /// @notice Runs the function as version 1: once, or from within the constructor.
    modifier initializer() {
        bool topLevel = !_initializing;
        require(
            (topLevel && _initialized < 1) || (address(this).code.length == 0 && _initialized == 1),
            "Initializable: contract is already initialized"
        );
        _initialized = 1;
        if (topLevel) {
            _initializing = true;
        }
        _;
        if (topLevel) {
            _initializing = false;
            emit Initialized(1);
        }
    }

    /// @notice Runs the function as `_version`, once, if no later version ran yet.
    modifier reinitializer(uint8 _version) {
        require(!_initializing && _initialized < _version, "Initializable: contract is already initialized");
        _initialized = _version;
        _initializing = true;
        _;
        _initializing = false;
        emit Initialized(_version);
    }

    /// @notice For functions that only an initializer may call.
    modifier onlyInitializing() {
        require(_initializing, "Initializable: contract is not initializing");
        _;
    }

    /// @notice Locks an implementation contract so that only its proxies can be initialized.
    function _disableInitializers() internal {
        require(!_initializing, "Initializable: contract is initializing");
        if (_initialized != type(uint8).max) {
            _initialized = type(uint8).max;
            emit Initialized(type(uint8).max);
        }
    }

    /// @notice The highest version initialized.
    function _getInitializedVersion() internal view returns (uint8) {
        return _initialized;
    }

    /// @notice Whether an initializer is running.
    function _isInitializing() internal view returns (bool) {
        return _initializing;
    }
}
