// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Ownable } from "universal/Ownable.sol";
import { Proxy } from "universal/Proxy.sol";

/// @title ProxyAdmin
/// @notice The admin of a deployment's proxies, owned by the chain operator: upgrades go through it
///         so that one key (or multisig) controls them all. Merapi deploys only EIP-1967 proxies
///         (the OP Stack's ProxyAdmin also manages its legacy Chugsplash and ResolvedDelegate
///         proxies, which a new chain does not have).
contract ProxyAdmin is Ownable {
    constructor(address _owner) Ownable(_owner) { }

    /// @notice The implementation behind `_proxy`.
    function getProxyImplementation(address _proxy) external view returns (address) {
        return _readAddress(_proxy, abi.encodeCall(Proxy.implementation, ()));
    }

    /// @notice The admin of `_proxy` (this contract, for the proxies it manages).
    function getProxyAdmin(address payable _proxy) external view returns (address) {
        return _readAddress(_proxy, abi.encodeCall(Proxy.admin, ()));
    }

    /// @notice Hands `_proxy` to another admin.
    function changeProxyAdmin(address payable _proxy, address _newAdmin) external onlyOwner {
        Proxy(_proxy).changeAdmin(_newAdmin);
    }

    /// @notice Points `_proxy` at `_implementation`.
    function upgrade(address payable _proxy, address _implementation) public onlyOwner {
        Proxy(_proxy).upgradeTo(_implementation);
    }

    /// @notice Points `_proxy` at `_implementation` and calls it with `_data` (an initializer).
    function upgradeAndCall(
        address payable _proxy,
        address _implementation,
        bytes memory _data
    )
        external
        payable
        onlyOwner
    {
        Proxy(_proxy).upgradeToAndCall{ value: msg.value }(_implementation, _data);
    }

    /// @notice The admin's view of a proxy function: the proxy runs its own function for its admin,
    ///         and these functions are not marked view there, so read them with a static call.
    function _readAddress(address _proxy, bytes memory _call) internal view returns (address) {
        (bool success, bytes memory returndata) = _proxy.staticcall(_call);
        require(success, "ProxyAdmin: proxy call failed");
        return abi.decode(returndata, (address));
    }
}
