// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title SafeCall
/// @notice Calls that neither copy return data (a callee cannot make the caller run out of gas by
///         returning a lot) nor forward less gas than a message asked for.
library SafeCall {
    /// @notice Calls `_target` with `_gas` and `_value`, ignoring its return data.
    function call(address _target, uint256 _gas, uint256 _value, bytes memory _calldata) internal returns (bool success_) {
        assembly {
            success_ := call(_gas, _target, _value, add(_calldata, 32), mload(_calldata), 0, 0)
        }
    }

    /// @notice Calls `_target` with all gas left and `_value`, ignoring its return data.
    function send(address _target, uint256 _value) internal returns (bool success_) {
        assembly {
            success_ := call(gas(), _target, _value, 0, 0, 0, 0)
        }
    }

    /// @notice Whether at least `_minGas` reaches a callee after the 63/64 rule (EIP-150), with
    ///         `_reservedGas` kept for the work after the call and 40,000 for the CALL itself
    ///         (cold account, value transfer to a new account).
    function hasMinGas(uint256 _minGas, uint256 _reservedGas) internal view returns (bool) {
        return gasleft() * 63 >= _minGas * 64 + 63 * (40_000 + _reservedGas);
    }

    /// @notice Calls `_target` with at least `_minGas` (all gas left is forwarded), reverting with
    ///         "SafeCall: Not enough gas" if less than that would reach it.
    function callWithMinGas(
        address _target,
        uint256 _minGas,
        uint256 _value,
        bytes memory _calldata
    )
        internal
        returns (bool success_)
    {
        if (!hasMinGas(_minGas, 0)) {
            revert("SafeCall: Not enough gas");
        }
        assembly {
            success_ := call(gas(), _target, _value, add(_calldata, 32), mload(_calldata), 0, 0)
        }
    }
}
