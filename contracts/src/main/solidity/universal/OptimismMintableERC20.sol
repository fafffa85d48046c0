// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC20 } from "universal/ERC20.sol";
import { ERC20Permit } from "universal/ERC20Permit.sol";
import { ISemver } from "universal/ISemver.sol";
import { IERC165 } from "universal/interfaces/IERC165.sol";
import { IOptimismMintableERC20, ILegacyMintableERC20 } from "universal/interfaces/IOptimismMintableERC20.sol";

/// @title OptimismMintableERC20
/// @notice This chain's form of a token that lives on the other chain (specs bridges.md): the
///         StandardBridge mints it when the remote token is bridged here and burns it when it goes
///         back. It answers both the current and the legacy (L2StandardERC20) interfaces, so that
///         either bridge generation and the Optimism SDK recognise it.
contract OptimismMintableERC20 is IOptimismMintableERC20, ILegacyMintableERC20, ERC20Permit, ISemver {
    /// @notice The token on the other chain that this one represents.
    address public immutable REMOTE_TOKEN;

    /// @notice The StandardBridge on this chain, the only minter and burner.
    address public immutable BRIDGE;

    /// @notice The display decimals, usually those of the remote token.
    uint8 private immutable DECIMALS;

    /// @notice The bridge minted `amount` for `account`.
    event Mint(address indexed account, uint256 amount);

    /// @notice The bridge burned `amount` of `account`'s tokens.
    event Burn(address indexed account, uint256 amount);

    modifier onlyBridge() {
        require(msg.sender == BRIDGE, "OptimismMintableERC20: only bridge can mint and burn");
        _;
    }

    /// @param _bridge      The StandardBridge on this chain.
    /// @param _remoteToken The token on the other chain.
    /// @param _name        The ERC-20 name (also the EIP-712 domain name of permits).
    /// @param _symbol      The ERC-20 symbol.
    /// @param _decimals    The ERC-20 decimals.
    constructor(
        address _bridge,
        address _remoteToken,
        string memory _name,
        string memory _symbol,
        uint8 _decimals
    )
        ERC20(_name, _symbol)
        ERC20Permit(_name)
    {
        REMOTE_TOKEN = _remoteToken;
        BRIDGE = _bridge;
        DECIMALS = _decimals;
    }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.4.0";
    }

    /// @notice Uniswap's Permit2, at the same address on every chain (a preinstall on OP Stack
    ///         chains): it holds an unlimited allowance over every holder's tokens, so that holders
    ///         need no approval transaction before using it.
    function PERMIT2() public pure returns (address) {
        return 0x000000000022D473030F116dDEE9F6B43aC78BA3;
    }

    /// @notice The display decimals.
    function decimals() public view override returns (uint8) {
        return DECIMALS;
    }

    /// @notice The allowance of `_spender` over `_owner`'s tokens; unlimited for Permit2.
    function allowance(address _owner, address _spender) public view override returns (uint256) {
        if (_spender == PERMIT2()) {
            return type(uint256).max;
        }
        return super.allowance(_owner, _spender);
    }

    /// @notice Mints `_amount` for `_to`; only the bridge.
    function mint(
        address _to,
        uint256 _amount
    )
        external
        virtual
        override(IOptimismMintableERC20, ILegacyMintableERC20)
        onlyBridge
    {
        _mint(_to, _amount);
        emit Mint(_to, _amount);
    }

    /// @notice Burns `_amount` of `_from`'s tokens; only the bridge (no allowance needed: the
    ///         bridge burns only for the holder's own bridging call).
    function burn(
        address _from,
        uint256 _amount
    )
        external
        virtual
        override(IOptimismMintableERC20, ILegacyMintableERC20)
        onlyBridge
    {
        _burn(_from, _amount);
        emit Burn(_from, _amount);
    }

    /// @notice ERC-165: this token supports ERC-165 itself, ILegacyMintableERC20 and
    ///         IOptimismMintableERC20.
    function supportsInterface(bytes4 _interfaceId) external pure virtual override returns (bool) {
        return _interfaceId == type(IERC165).interfaceId || _interfaceId == type(ILegacyMintableERC20).interfaceId
            || _interfaceId == type(IOptimismMintableERC20).interfaceId;
    }

    /// @notice The remote token (legacy name).
    function l1Token() public view returns (address) {
        return REMOTE_TOKEN;
    }

    /// @notice The bridge (legacy name).
    function l2Bridge() public view returns (address) {
        return BRIDGE;
    }

    /// @notice The remote token.
    function remoteToken() public view returns (address) {
        return REMOTE_TOKEN;
    }

    /// @notice The bridge.
    function bridge() public view returns (address) {
        return BRIDGE;
    }
}
