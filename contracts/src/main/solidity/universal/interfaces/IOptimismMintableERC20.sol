// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IERC165 } from "universal/interfaces/IERC165.sol";

/// @title IOptimismMintableERC20
/// @notice A token whose supply on this chain is minted and burned by the StandardBridge for a
///         token on the other chain (specs bridges.md). The bridges detect it by its ERC-165
///         interface id, the XOR of the four selectors below (0xec4fc8e3).
interface IOptimismMintableERC20 is IERC165 {
    function remoteToken() external view returns (address);

    function bridge() external returns (address);

    function mint(address _to, uint256 _amount) external;

    function burn(address _from, uint256 _amount) external;
}

/// @title ILegacyMintableERC20
/// @notice The same role as the pre-Bedrock L2StandardERC20 announced it (interface id
///         0x1d1d8b63); tokens deployed then are still bridged through it.
interface ILegacyMintableERC20 is IERC165 {
    function l1Token() external view returns (address);

    function mint(address _to, uint256 _amount) external;

    function burn(address _from, uint256 _amount) external;
}
