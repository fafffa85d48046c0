// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Ownable
/// @notice A single owner for contracts deployed without a proxy (the ProxyAdmin): the owner sits in
///         slot 0, as in OpenZeppelin's Ownable, and the revert strings are the ones tools match.
abstract contract Ownable {
    address private _owner;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    constructor(address _initialOwner) {
        _transferOwnership(_initialOwner);
    }

    modifier onlyOwner() {
        require(owner() == msg.sender, "Ownable: caller is not the owner");
        _;
    }

    function owner() public view virtual returns (address) {
        return _owner;
    }

    /// @notice Leaves the contract without an owner: onlyOwner functions can no longer be called.
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
