// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Predeploys
/// @notice The addresses of the L2 predeploys (specs predeploys.md). Each is a proxy in the
///         0x4200...0000 to 0x4200...07ff range whose implementation lives at the matching address
///         in the 0xc0d3c0d3...0000 namespace.
library Predeploys {
    /// @notice The number of proxied addresses in the predeploy namespace.
    uint256 internal constant PREDEPLOY_COUNT = 2048;

    address internal constant LEGACY_MESSAGE_PASSER = 0x4200000000000000000000000000000000000000;
    address internal constant DEPLOYER_WHITELIST = 0x4200000000000000000000000000000000000002;
    address internal constant WETH = 0x4200000000000000000000000000000000000006;
    address internal constant L2_CROSS_DOMAIN_MESSENGER = 0x4200000000000000000000000000000000000007;
    address internal constant GAS_PRICE_ORACLE = 0x420000000000000000000000000000000000000F;
    address internal constant L2_STANDARD_BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant SEQUENCER_FEE_WALLET = 0x4200000000000000000000000000000000000011;
    address internal constant OPTIMISM_MINTABLE_ERC20_FACTORY = 0x4200000000000000000000000000000000000012;
    address internal constant L1_BLOCK_NUMBER = 0x4200000000000000000000000000000000000013;
    address internal constant L2_ERC721_BRIDGE = 0x4200000000000000000000000000000000000014;
    address internal constant L1_BLOCK_ATTRIBUTES = 0x4200000000000000000000000000000000000015;
    address internal constant L2_TO_L1_MESSAGE_PASSER = 0x4200000000000000000000000000000000000016;
    address internal constant OPTIMISM_MINTABLE_ERC721_FACTORY = 0x4200000000000000000000000000000000000017;
    address internal constant PROXY_ADMIN = 0x4200000000000000000000000000000000000018;
    address internal constant BASE_FEE_VAULT = 0x4200000000000000000000000000000000000019;
    address internal constant L1_FEE_VAULT = 0x420000000000000000000000000000000000001A;
    address internal constant SCHEMA_REGISTRY = 0x4200000000000000000000000000000000000020;
    address internal constant EAS = 0x4200000000000000000000000000000000000021;
    address internal constant GOVERNANCE_TOKEN = 0x4200000000000000000000000000000000000042;

    /// @notice The ETH balance of an L2 account seen as an ERC-20 by the legacy bridge
    ///         (specs predeploys.md "LegacyERC20ETH").
    address internal constant LEGACY_ERC20_ETH = 0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000;

    /// @notice The code namespace of the predeploys' implementations.
    function predeployToCodeNamespace(address _addr) internal pure returns (address) {
        return address(uint160(uint256(uint160(_addr)) & 0xffff | uint256(uint160(0xc0D3C0d3C0d3C0D3c0d3C0d3c0D3C0d3c0d30000))));
    }
}
