// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Types } from "libraries/Types.sol";

/// @title IL2OutputOracle
/// @notice What the OptimismPortal reads from the L2OutputOracle (specs proposals.md).
interface IL2OutputOracle {
    function getL2Output(uint256 _l2OutputIndex) external view returns (Types.OutputProposal memory);

    function startingTimestamp() external view returns (uint256);

    function FINALIZATION_PERIOD_SECONDS() external view returns (uint256);
}
