// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { CrossDomainMessenger } from "universal/CrossDomainMessenger.sol";
import { ISemver } from "universal/ISemver.sol";
import { Predeploys } from "libraries/Predeploys.sol";
import { ISuperchainConfig } from "L1/interfaces/ISuperchainConfig.sol";
import { ISystemConfig } from "L1/interfaces/ISystemConfig.sol";
import { IOptimismPortal } from "L1/interfaces/IOptimismPortal.sol";

/// @title L1CrossDomainMessenger
/// @notice The messenger on L1 (specs messengers.md): messages to L2 leave as deposits through the
///         OptimismPortal, addressed to the L2CrossDomainMessenger predeploy; messages from L2 arrive
///         as withdrawals that the portal executes, calling relayMessage here while its l2Sender()
///         names the L2 messenger.
contract L1CrossDomainMessenger is CrossDomainMessenger, ISemver {
    /// @notice The SuperchainConfig whose pause stops relays.
    ISuperchainConfig public superchainConfig;

    /// @notice The portal that carries deposits and executes withdrawals.
    IOptimismPortal public portal;

    /// @notice The chain's SystemConfig (kept for the OP Stack's layout and ABI; Merapi reads
    ///         nothing from it here, having no custom gas token).
    ISystemConfig public systemConfig;

    /// @notice Locks the implementation: only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "2.4.1";
    }

    /// @notice Sets the contracts this messenger works with; the paired messenger is always the
    ///         L2CrossDomainMessenger predeploy.
    /// @param _superchainConfig The SuperchainConfig.
    /// @param _portal           The OptimismPortal of this chain.
    /// @param _systemConfig     The SystemConfig of this chain.
    function initialize(
        ISuperchainConfig _superchainConfig,
        IOptimismPortal _portal,
        ISystemConfig _systemConfig
    )
        public
        initializer
    {
        superchainConfig = _superchainConfig;
        portal = _portal;
        systemConfig = _systemConfig;
        __CrossDomainMessenger_init(CrossDomainMessenger(Predeploys.L2_CROSS_DOMAIN_MESSENGER));
    }

    /// @notice The portal (legacy name of portal()).
    function PORTAL() external view returns (IOptimismPortal) {
        return portal;
    }

    /// @notice Relays stop while the SuperchainConfig is paused, as withdrawals do in the portal.
    function paused() public view override returns (bool) {
        return superchainConfig.paused();
    }

    /// @notice A deposit from this messenger to `_to` on L2 with the value attached; the portal
    ///         aliases the sender, which the L2 messenger undoes to recognise this messenger.
    function _sendMessage(address _to, uint64 _gasLimit, uint256 _value, bytes memory _data) internal override {
        portal.depositTransaction{ value: _value }({
            _to: _to,
            _value: _value,
            _gasLimit: _gasLimit,
            _isCreation: false,
            _data: _data
        });
    }

    /// @notice A delivery is the portal executing a withdrawal sent by the L2 messenger.
    function _isOtherMessenger() internal view override returns (bool) {
        return msg.sender == address(portal) && portal.l2Sender() == address(otherMessenger);
    }

    /// @notice Messages may not call this messenger or the portal.
    function _isUnsafeTarget(address _target) internal view override returns (bool) {
        return _target == address(this) || _target == address(portal);
    }
}
