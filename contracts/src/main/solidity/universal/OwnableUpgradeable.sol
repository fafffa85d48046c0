// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";

/// @title OwnableUpgradeable
/// @notice A single owner for contracts behind proxies. The storage follows OpenZeppelin's
///         OwnableUpgradeable 4.x (with ContextUpgradeable before it): a 50-slot gap, the owner in
///         slot 51, a 49-slot gap; the OP Stack's SystemConfig and DisputeGameFactory put their own
///         state after that, at slot 101.
abstract contract OwnableUpgradeable is Initializable {
    /// @notice ContextUpgradeable's reserved slots.
    uint256[50] private __gap_context;

    address private _owner;

    /// @notice OwnableUpgradeable's reserved slots.
    uint256[49] private __gap_ownable;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    modifier onlyOwner() {
        require(owner() == msg.sender, "Ownable: caller is not the owner");
        _;
    }

    /// @notice Sets the first owner; only from an initializer.
    function __Ownable_init(address _initialOwner) internal onlyInitializing {
        _transferOwnership(_initialOwner);
    }

    function owner() public view virtual returns (address) {
        return _owner;
    }

    function renounceOwnership() public virtual onlyOwner {
        _transferOwnership(address(0));
    }

    function transferOwnership(address newOwner) public virtual onlyOwner {
        require(newOwner != address(0), "Ownable: new owner is the zero address");
        _transferOwnership(newOwner);
    }

    function _transferOwnership(address _newOwner) internal virtual {
        address previous = _owner;
        _owner = _newOwner;
        emit OwnershipTransferred(previous, _newOwner);
    }
}
