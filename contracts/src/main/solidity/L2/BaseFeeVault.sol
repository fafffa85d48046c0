// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";
import { Types } from "libraries/Types.sol";
import { FeeVault } from "L2/FeeVault.sol";

/// @custom:proxied true
/// @custom:predeploy 0x4200000000000000000000000000000000000019
/// @title BaseFeeVault
/// @notice Holds the base fees of L2 transactions, which the execution engine credits here instead of
///         burning them (specs exec-engine.md "Fees", predeploys.md "BaseFeeVault").
contract BaseFeeVault is FeeVault, ISemver {
    /// @param _recipient           The account that receives the fees.
    /// @param _minWithdrawalAmount The least balance withdraw() sends on.
    /// @param _withdrawalNetwork   The network the recipient receives the fees on.
    constructor(
        address _recipient,
        uint256 _minWithdrawalAmount,
        Types.WithdrawalNetwork _withdrawalNetwork
    )
        FeeVault(_recipient, _minWithdrawalAmount, _withdrawalNetwork)
    { }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.5.0";
    }
}
