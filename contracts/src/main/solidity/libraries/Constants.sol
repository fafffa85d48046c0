// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { IResourceMetering } from "L1/interfaces/IResourceMetering.sol";

/// @title Constants
/// @notice Values shared by the L1 and L2 contracts.
library Constants {
    /// @notice The address that eth_estimateGas may call from: the messengers skip their replay
    ///         bookkeeping rules for it so that estimates see the relayed call fail loudly.
    address internal constant ESTIMATION_ADDRESS = address(1);

    /// @notice The portal's and messengers' l2Sender/xDomainMessageSender outside of a relay. A
    ///         non-zero value keeps the slot warm-priced (resetting to zero would refund gas).
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;

    /// @notice EIP-1967's implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1).
    bytes32 internal constant PROXY_IMPLEMENTATION_ADDRESS =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    /// @notice EIP-1967's admin slot: bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1).
    bytes32 internal constant PROXY_OWNER_ADDRESS = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    /// @notice The sender of system deposits on L2, the L1 attributes transaction among them.
    address internal constant DEPOSITOR_ACCOUNT = 0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001;

    /// @notice The resource metering parameters of a new chain (specs deposits.md, system-config.md).
    function DEFAULT_RESOURCE_CONFIG() internal pure returns (IResourceMetering.ResourceConfig memory) {
        return IResourceMetering.ResourceConfig({
            maxResourceLimit: 20_000_000,
            elasticityMultiplier: 10,
            baseFeeMaxChangeDenominator: 8,
            minimumBaseFee: 1 gwei,
            systemTxMaxGas: 1_000_000,
            maximumBaseFee: type(uint128).max
        });
    }
}
