// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IResourceMetering } from "L1/interfaces/IResourceMetering.sol";

/// @title ISystemConfig
/// @notice What the other L1 contracts read from a chain's SystemConfig (specs system-config.md).
interface ISystemConfig {
    function resourceConfig() external view returns (IResourceMetering.ResourceConfig memory);

    function owner() external view returns (address);

    function l1CrossDomainMessenger() external view returns (address);

    function l1ERC721Bridge() external view returns (address);

    function l1StandardBridge() external view returns (address);

    function disputeGameFactory() external view returns (address);

    function optimismPortal() external view returns (address);

    function optimismMintableERC20Factory() external view returns (address);

    function batchInbox() external view returns (address);

    function startBlock() external view returns (uint256);

    function unsafeBlockSigner() external view returns (address);
}
