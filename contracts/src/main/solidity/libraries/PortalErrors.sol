// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The portals' custom errors, at file level with the OP Stack's names (viem maps some of them to a
// withdrawal's status by name: Unproven, InvalidGameType).

/// @notice A deposit or withdrawal to a target it may not have (a creation not to address(0), a
///         withdrawal to the portal itself).
error BadTarget();

/// @notice A deposit with more than 120,000 bytes of data.
error LargeCalldata();

/// @notice A deposit with less gas than its data needs (minimumGasLimit).
error SmallGasLimit();

/// @notice The caller may not call this function.
error Unauthorized();

/// @notice Withdrawals are paused (SuperchainConfig).
error CallPaused();

/// @notice A withdrawal's call failed while the caller was the gas estimation address.
error GasEstimation();

/// @notice A withdrawal is already being finalized (reentrancy).
error NonReentrant();

/// @notice The output root proof does not hash to the game's root claim.
error InvalidProof();

/// @notice The game is not of the respected game type.
error InvalidGameType();

/// @notice The game was won by the challenger.
error InvalidDisputeGame();

/// @notice The withdrawal is not in the L2ToL1MessagePasser's storage under the output root.
error InvalidMerkleProof();

/// @notice The game the withdrawal was proven against is blacklisted.
error Blacklisted();

/// @notice The withdrawal was not proven by this submitter.
error Unproven();

/// @notice The game has not been won by the defender.
error ProposalNotValidated();

/// @notice The withdrawal was finalized already.
error AlreadyFinalized();
