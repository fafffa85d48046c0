// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";
import { ISemver } from "universal/ISemver.sol";
import { OptimismMintableERC20 } from "universal/OptimismMintableERC20.sol";

/// @title OptimismMintableERC20Factory
/// @notice Creates OptimismMintableERC20 tokens bridged by this chain's StandardBridge (specs
///         predeploys.md "OptimismMintableERC20Factory"; a predeploy at
///         0x4200000000000000000000000000000000000012 on L2, behind a proxy on L1). Tokens are created
///         with CREATE2 and a salt of their parameters, so a token's address is known before it
///         exists and the same parameters cannot create a second token.
contract OptimismMintableERC20Factory is ISemver, Initializable {
    /// @notice Keeps bridge out of the initializer's slot, as in the OP Stack's layout.
    bytes30 private spacer_0_2_30;

    /// @notice The StandardBridge on this chain, minter and burner of the tokens created.
    address public bridge;

    /// @notice The remote token of each token created here.
    mapping(address => address) public deployments;

    /// @notice Reserved so that the first slot of a child contract is 51.
    uint256[48] private __gap;

    /// @notice A token was created (the legacy event, emitted before OptimismMintableERC20Created).
    event StandardL2TokenCreated(address indexed remoteToken, address indexed localToken);

    /// @notice A token was created by `deployer`.
    event OptimismMintableERC20Created(address indexed localToken, address indexed remoteToken, address deployer);

    /// @notice Locks the implementation: only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version (changes whenever OptimismMintableERC20 does, as it is created
    ///         here).
    function version() public pure virtual returns (string memory) {
        return "1.10.1";
    }

    /// @notice Sets the StandardBridge of the tokens.
    /// @param _bridge The StandardBridge on this chain.
    function initialize(address _bridge) public initializer {
        bridge = _bridge;
    }

    /// @notice The StandardBridge (legacy name).
    function BRIDGE() external view returns (address) {
        return bridge;
    }

    /// @notice Creates a token of 18 decimals (legacy name of createOptimismMintableERC20).
    function createStandardL2Token(
        address _remoteToken,
        string memory _name,
        string memory _symbol
    )
        external
        returns (address)
    {
        return createOptimismMintableERC20(_remoteToken, _name, _symbol);
    }

    /// @notice Creates a token of 18 decimals for `_remoteToken`.
    /// @param _remoteToken The token on the other chain.
    /// @param _name        The ERC-20 name.
    /// @param _symbol      The ERC-20 symbol.
    /// @return The new token.
    function createOptimismMintableERC20(
        address _remoteToken,
        string memory _name,
        string memory _symbol
    )
        public
        returns (address)
    {
        return createOptimismMintableERC20WithDecimals(_remoteToken, _name, _symbol, 18);
    }

    /// @notice Creates a token for `_remoteToken` at the CREATE2 address of salt
    ///         keccak256(abi.encode(_remoteToken, _name, _symbol, _decimals)).
    /// @param _remoteToken The token on the other chain.
    /// @param _name        The ERC-20 name.
    /// @param _symbol      The ERC-20 symbol.
    /// @param _decimals    The ERC-20 decimals.
    /// @return The new token.
    function createOptimismMintableERC20WithDecimals(
        address _remoteToken,
        string memory _name,
        string memory _symbol,
        uint8 _decimals
    )
        public
        returns (address)
    {
        require(_remoteToken != address(0), "OptimismMintableERC20Factory: must provide remote token address");

        bytes32 salt = keccak256(abi.encode(_remoteToken, _name, _symbol, _decimals));
        address localToken =
            address(new OptimismMintableERC20{ salt: salt }(bridge, _remoteToken, _name, _symbol, _decimals));

        deployments[localToken] = _remoteToken;

        emit StandardL2TokenCreated(_remoteToken, localToken);
        emit OptimismMintableERC20Created(localToken, _remoteToken, msg.sender);

        return localToken;
    }
}
