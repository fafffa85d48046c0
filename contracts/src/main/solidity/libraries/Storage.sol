// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Storage
/// @notice Values kept at named slots (the keccak-256 of a name, often minus one so that no known
///         preimage maps to them) rather than in the compiler's layout: off-chain readers (op-node
///         reading the unsafe block signer with a storage proof, genesis tools) find them there
///         whatever the contract's layout, and upgrades cannot collide with them.
library Storage {
    function getAddress(bytes32 _slot) internal view returns (address addr_) {
        assembly {
            addr_ := sload(_slot)
        }
    }

    function setAddress(bytes32 _slot, address _address) internal {
        assembly {
            sstore(_slot, _address)
        }
    }

    function getUint(bytes32 _slot) internal view returns (uint256 value_) {
        assembly {
            value_ := sload(_slot)
        }
    }

    function setUint(bytes32 _slot, uint256 _value) internal {
        assembly {
            sstore(_slot, _value)
        }
    }

    function getBool(bytes32 _slot) internal view returns (bool value_) {
        assembly {
            value_ := iszero(iszero(sload(_slot)))
        }
    }

    function setBool(bytes32 _slot, bool _value) internal {
        assembly {
            sstore(_slot, _value)
        }
    }
}
