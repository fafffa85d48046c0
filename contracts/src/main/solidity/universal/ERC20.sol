// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC20 } from "universal/interfaces/IERC20.sol";

/// @title ERC20
/// @notice An EIP-20 token. Its storage (balances, allowances, total supply, name, symbol in slots
///         0 to 4) and its revert strings are those of OpenZeppelin's ERC20 4.x, which the OP Stack's
///         OptimismMintableERC20 is built on, so that tokens, tools and wallets see the same thing.
abstract contract ERC20 is IERC20 {
    mapping(address => uint256) private _balances;

    mapping(address => mapping(address => uint256)) private _allowances;

    uint256 private _totalSupply;

    string private _name;

    string private _symbol;

    constructor(string memory name_, string memory symbol_) {
        _name = name_;
        _symbol = symbol_;
    }

    /// @notice The token's name.
    function name() public view virtual returns (string memory) {
        return _name;
    }

    /// @notice The token's symbol.
    function symbol() public view virtual returns (string memory) {
        return _symbol;
    }

    /// @notice The number of decimals of the display unit (18 unless overridden).
    function decimals() public view virtual returns (uint8) {
        return 18;
    }

    /// @notice The tokens in existence.
    function totalSupply() public view virtual returns (uint256) {
        return _totalSupply;
    }

    /// @notice The tokens held by `account`.
    function balanceOf(address account) public view virtual returns (uint256) {
        return _balances[account];
    }

    /// @notice Moves `amount` tokens from the caller to `to`.
    function transfer(address to, uint256 amount) public virtual returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @notice The tokens that `spender` may still move from `owner`'s balance.
    function allowance(address owner, address spender) public view virtual returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Lets `spender` move up to `amount` of the caller's tokens.
    function approve(address spender, uint256 amount) public virtual returns (bool) {
        _approve(msg.sender, spender, amount);
        return true;
    }

    /// @notice Moves `amount` tokens from `from` to `to` within the caller's allowance. An
    ///         allowance of type(uint256).max is unlimited and not decreased.
    function transferFrom(address from, address to, uint256 amount) public virtual returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _transfer(from, to, amount);
        return true;
    }

    /// @notice Raises the caller's allowance for `spender` by `addedValue`.
    function increaseAllowance(address spender, uint256 addedValue) public virtual returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) + addedValue);
        return true;
    }

    /// @notice Lowers the caller's allowance for `spender` by `subtractedValue`.
    function decreaseAllowance(address spender, uint256 subtractedValue) public virtual returns (bool) {
        uint256 current = allowance(msg.sender, spender);
        require(current >= subtractedValue, "ERC20: decreased allowance below zero");
        unchecked {
            _approve(msg.sender, spender, current - subtractedValue);
        }
        return true;
    }

    function _transfer(address from, address to, uint256 amount) internal virtual {
        require(from != address(0), "ERC20: transfer from the zero address");
        require(to != address(0), "ERC20: transfer to the zero address");
        uint256 fromBalance = _balances[from];
        require(fromBalance >= amount, "ERC20: transfer amount exceeds balance");
        unchecked {
            // The sum of all balances is the total supply, so neither side can wrap.
            _balances[from] = fromBalance - amount;
            _balances[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    function _mint(address account, uint256 amount) internal virtual {
        require(account != address(0), "ERC20: mint to the zero address");
        _totalSupply += amount;
        unchecked {
            // Bounded by the total supply, which the checked addition above kept in range.
            _balances[account] += amount;
        }
        emit Transfer(address(0), account, amount);
    }

    function _burn(address account, uint256 amount) internal virtual {
        require(account != address(0), "ERC20: burn from the zero address");
        uint256 accountBalance = _balances[account];
        require(accountBalance >= amount, "ERC20: burn amount exceeds balance");
        unchecked {
            _balances[account] = accountBalance - amount;
            _totalSupply -= amount;
        }
        emit Transfer(account, address(0), amount);
    }

    function _approve(address owner, address spender, uint256 amount) internal virtual {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        _allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }

    /// @notice Takes `amount` from `owner`'s allowance for `spender`, through allowance() so that
    ///         a token that grants an allowance by rule (OptimismMintableERC20 to Permit2) is not
    ///         charged for it.
    function _spendAllowance(address owner, address spender, uint256 amount) internal virtual {
        uint256 current = allowance(owner, spender);
        if (current != type(uint256).max) {
            require(current >= amount, "ERC20: insufficient allowance");
            unchecked {
                _approve(owner, spender, current - amount);
            }
        }
    }
}
