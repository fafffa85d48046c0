// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Constants } from "libraries/Constants.sol";

/// @title Proxy
/// @notice An EIP-1967 proxy: every call is delegated to the implementation, except the admin's
///         calls of the functions below. The implementation and admin sit in EIP-1967's slots,
///         where block explorers, the ProxyAdmin and genesis tools read them.
contract Proxy {
    /// @notice The implementation changed.
    event Upgraded(address indexed implementation);

    /// @notice The admin changed.
    event AdminChanged(address previousAdmin, address newAdmin);

    /// @notice The admin's calls run the proxy's own functions. A call from the zero address (an
    ///         eth_call without a sender) does too, so that tools can read admin() and
    ///         implementation() off-chain. Everyone else reaches the implementation.
    modifier proxyCallIfNotAdmin() {
        if (msg.sender == _getAdmin() || msg.sender == address(0)) {
            _;
        } else {
            _doProxyCall();
        }
    }

    constructor(address _admin) {
        _changeAdmin(_admin);
    }

    receive() external payable {
        _doProxyCall();
    }

    fallback() external payable {
        _doProxyCall();
    }

    /// @notice Points the proxy at a new implementation.
    function upgradeTo(address _implementation) public virtual proxyCallIfNotAdmin {
        _setImplementation(_implementation);
    }

    /// @notice Points the proxy at a new implementation and calls it with `_data` in one step
    ///         (typically an initializer), returning what it returned.
    function upgradeToAndCall(
        address _implementation,
        bytes calldata _data
    )
        public
        payable
        virtual
        proxyCallIfNotAdmin
        returns (bytes memory)
    {
        _setImplementation(_implementation);
        (bool success, bytes memory returndata) = _implementation.delegatecall(_data);
        require(success, "Proxy: delegatecall to new implementation contract failed");
        return returndata;
    }

    /// @notice Hands the proxy to a new admin.
    function changeAdmin(address _admin) public virtual proxyCallIfNotAdmin {
        _changeAdmin(_admin);
    }

    function admin() public virtual proxyCallIfNotAdmin returns (address) {
        return _getAdmin();
    }

    function implementation() public virtual proxyCallIfNotAdmin returns (address) {
        return _getImplementation();
    }

    function _setImplementation(address _implementation) internal {
        bytes32 slot = Constants.PROXY_IMPLEMENTATION_ADDRESS;
        assembly {
            sstore(slot, _implementation)
        }
        emit Upgraded(_implementation);
    }

    function _changeAdmin(address _admin) internal {
        address previous = _getAdmin();
        bytes32 slot = Constants.PROXY_OWNER_ADDRESS;
        assembly {
            sstore(slot, _admin)
        }
        emit AdminChanged(previous, _admin);
    }

    function _doProxyCall() internal {
        address impl = _getImplementation();
        require(impl != address(0), "Proxy: implementation not initialized");
        assembly {
            calldatacopy(0x0, 0x0, calldatasize())
            let success := delegatecall(gas(), impl, 0x0, calldatasize(), 0x0, 0x0)
            returndatacopy(0x0, 0x0, returndatasize())
            if iszero(success) { revert(0x0, returndatasize()) }
            return(0x0, returndatasize())
        }
    }

    function _getImplementation() internal view returns (address impl_) {
        bytes32 slot = Constants.PROXY_IMPLEMENTATION_ADDRESS;
        assembly {
            impl_ := sload(slot)
        }
    }

    function _getAdmin() internal view returns (address admin_) {
        bytes32 slot = Constants.PROXY_OWNER_ADDRESS;
        assembly {
            admin_ := sload(slot)
        }
    }
}
