// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";
import { Types } from "libraries/Types.sol";
import { FeeVault } from "L2/FeeVault.sol";

/// @custom:proxied true
/// @custom:predeploy 0x420000000000000000000000000000000000001A
/// @title L1FeeVault
/// @notice Holds the L1 data fees of L2 transactions, which the execution engine credits here (specs
///         exec-engine.md "L1-Cost fees", predeploys.md "L1FeeVault").
contract L1FeeVault is FeeVault, ISemver {
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
