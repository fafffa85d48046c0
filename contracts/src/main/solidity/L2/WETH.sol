// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";

/// @custom:predeploy 0x4200000000000000000000000000000000000006
/// @title WETH
/// @notice Wrapped Ether (specs predeploys.md "WETH9"; not proxied): an ERC-20 token backed one to
///         one by the ETH this contract holds. Same ABI, events and behaviour as WETH9 / OP's WETH98,
///         and the same storage (balances at slot 0, allowances at slot 1), so that existing tools,
///         DEX routers and state written by OP's implementation keep working.
contract WETH is ISemver {
    /// @notice The token's decimals, those of ETH.
    uint8 public constant decimals = 18;

    /// @notice Token balances (slot 0).
    mapping(address => uint256) internal _balanceOf;

    /// @notice Allowances, owner then spender (slot 1).
    mapping(address => mapping(address => uint256)) internal _allowance;

    /// @notice `guy` may now move `wad` of `src`'s tokens.
    event Approval(address indexed src, address indexed guy, uint256 wad);

    /// @notice `wad` tokens moved from `src` to `dst`.
    event Transfer(address indexed src, address indexed dst, uint256 wad);

    /// @notice `dst` wrapped `wad` wei.
    event Deposit(address indexed dst, uint256 wad);

    /// @notice `src` unwrapped `wad` wei.
    event Withdrawal(address indexed src, uint256 wad);

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.1.0";
    }

    /// @notice Plain ETH sent here is wrapped for the sender.
    receive() external payable {
        deposit();
    }

    /// @notice So is ETH sent with any unknown calldata, as WETH9 does.
    fallback() external payable {
        deposit();
    }

    /// @notice The token's name.
    function name() external pure returns (string memory name_) {
        name_ = "Wrapped Ether";
    }

    /// @notice The token's symbol.
    function symbol() external pure returns (string memory symbol_) {
        symbol_ = "WETH";
    }

    /// @notice The tokens `owner` lets `spender` move.
    function allowance(address owner, address spender) public view returns (uint256) {
        return _allowance[owner][spender];
    }

    /// @notice The tokens of `src`.
    function balanceOf(address src) public view returns (uint256) {
        return _balanceOf[src];
    }

    /// @notice All tokens: the ETH held, which also counts ETH forced in without a deposit.
    function totalSupply() external view returns (uint256) {
        return address(this).balance;
    }

    /// @notice Wraps the ETH sent.
    function deposit() public payable {
        _balanceOf[msg.sender] += msg.value;
        emit Deposit(msg.sender, msg.value);
    }

    /// @notice Unwraps `wad` tokens, sending the ETH with 2,300 gas as WETH9's transfer does.
    /// @param wad The amount.
    function withdraw(uint256 wad) public {
        require(_balanceOf[msg.sender] >= wad);
        _balanceOf[msg.sender] -= wad;
        payable(msg.sender).transfer(wad);
        emit Withdrawal(msg.sender, wad);
    }

    /// @notice Lets `guy` move up to `wad` of the caller's tokens.
    function approve(address guy, uint256 wad) external returns (bool) {
        _allowance[msg.sender][guy] = wad;
        emit Approval(msg.sender, guy, wad);
        return true;
    }

    /// @notice Moves `wad` of the caller's tokens to `dst`.
    function transfer(address dst, uint256 wad) external returns (bool) {
        return transferFrom(msg.sender, dst, wad);
    }

    /// @notice Moves `wad` tokens from `src` to `dst`, spending the caller's allowance unless the
    ///         caller is `src` or the allowance is unlimited (the largest uint256).
    function transferFrom(address src, address dst, uint256 wad) public returns (bool) {
        require(_balanceOf[src] >= wad);

        if (src != msg.sender) {
            uint256 allowed = _allowance[src][msg.sender];
            if (allowed != type(uint256).max) {
                require(allowed >= wad);
                _allowance[src][msg.sender] = allowed - wad;
            }
        }

        _balanceOf[src] -= wad;
        _balanceOf[dst] += wad;

        emit Transfer(src, dst, wad);
        return true;
    }
}
