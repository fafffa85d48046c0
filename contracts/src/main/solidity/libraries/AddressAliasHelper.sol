// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AddressAliasHelper
/// @notice A contract on L1 that sends a deposit appears on L2 under an alias, so that it cannot
///         pose as an L2 contract of the same address (specs deposits.md "Address Aliasing").
library AddressAliasHelper {
    uint160 internal constant OFFSET = uint160(0x1111000000000000000000000000000000001111);

    /// @notice The L2 alias of an L1 contract: the address plus the offset, modulo 2^160.
    function applyL1ToL2Alias(address _l1Address) internal pure returns (address l2Address_) {
        unchecked {
            l2Address_ = address(uint160(_l1Address) + OFFSET);
        }
    }

    /// @notice The L1 address behind an alias.
    function undoL1ToL2Alias(address _l2Address) internal pure returns (address l1Address_) {
        unchecked {
            l1Address_ = address(uint160(_l2Address) - OFFSET);
        }
    }
}
