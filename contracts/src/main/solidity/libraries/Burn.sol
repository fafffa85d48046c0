// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Burn
/// @notice Destroys ETH and gas.
library Burn {
    /// @notice Burns `_amount` wei: a contract that holds it and self-destructs in its constructor
    ///         (EIP-6780 still deletes an account created in the same transaction).
    function eth(uint256 _amount) internal {
        new Burner{ value: _amount }();
    }

    /// @notice Uses up `_amount` gas with a loop, so that a caller pays for it.
    function gas(uint256 _amount) internal view {
        uint256 start = gasleft();
        while (start - gasleft() < _amount) {
            // Spend gas until the target is reached.
        }
    }
}

/// @title Burner
/// @notice Created with value and gone in the same transaction, taking the value with it.
contract Burner {
    constructor() payable {
        selfdestruct(payable(address(this)));
    }
}
