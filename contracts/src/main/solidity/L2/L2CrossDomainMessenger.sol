// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { CrossDomainMessenger } from "universal/CrossDomainMessenger.sol";
import { ISemver } from "universal/ISemver.sol";
import { AddressAliasHelper } from "libraries/AddressAliasHelper.sol";
import { Predeploys } from "libraries/Predeploys.sol";
import { IL2ToL1MessagePasser } from "L2/interfaces/IL2ToL1MessagePasser.sol";

/// @title L2CrossDomainMessenger
/// @notice The messenger on L2, a predeploy at 0x4200000000000000000000000000000000000007 (specs
///         messengers.md, predeploys.md): messages to L1 leave as withdrawals through the
///         L2ToL1MessagePasser; messages from L1 arrive as deposits sent by the L1 messenger, whose
///         address the deposit carries aliased (specs deposits.md "Address Aliasing").
contract L2CrossDomainMessenger is CrossDomainMessenger, ISemver {
    /// @notice Locks the implementation: only the predeploy's proxy is initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "2.1.1";
    }

    /// @notice Sets the paired L1CrossDomainMessenger.
    /// @param _l1CrossDomainMessenger The L1CrossDomainMessenger (its proxy).
    function initialize(CrossDomainMessenger _l1CrossDomainMessenger) public initializer {
        __CrossDomainMessenger_init(_l1CrossDomainMessenger);
    }

    /// @notice The paired L1 messenger (legacy name of otherMessenger).
    function l1CrossDomainMessenger() public view returns (CrossDomainMessenger) {
        return otherMessenger;
    }

    /// @notice A withdrawal from this messenger to `_to` on L1 with the value attached.
    function _sendMessage(address _to, uint64 _gasLimit, uint256 _value, bytes memory _data) internal override {
        IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER).initiateWithdrawal{ value: _value }(
            _to, _gasLimit, _data
        );
    }

    /// @notice A delivery is a deposit whose (aliased) sender is the L1 messenger.
    function _isOtherMessenger() internal view override returns (bool) {
        return AddressAliasHelper.undoL1ToL2Alias(msg.sender) == address(otherMessenger);
    }

    /// @notice Messages may not call this messenger or the L2ToL1MessagePasser (which would send a
    ///         withdrawal in the messenger's name).
    function _isUnsafeTarget(address _target) internal view override returns (bool) {
        return _target == address(this) || _target == Predeploys.L2_TO_L1_MESSAGE_PASSER;
    }
}
