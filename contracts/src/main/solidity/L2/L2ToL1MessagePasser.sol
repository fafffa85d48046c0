// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Types } from "libraries/Types.sol";
import { Hashing } from "libraries/Hashing.sol";
import { Encoding } from "libraries/Encoding.sol";
import { Burn } from "libraries/Burn.sol";
import { ISemver } from "universal/ISemver.sol";
import { IL2ToL1MessagePasser } from "L2/interfaces/IL2ToL1MessagePasser.sol";

/// @custom:proxied true
/// @custom:predeploy 0x4200000000000000000000000000000000000016
/// @title L2ToL1MessagePasser
/// @notice Where withdrawals start (specs withdrawals.md "The L2ToL1MessagePasser Contract"). Each
///         withdrawal is recorded by its hash in `sentMessages`; the L2 output root commits to this
///         contract's storage root (specs proposals.md), so that the OptimismPortal on L1 can check
///         with a storage proof that a withdrawal was initiated here. The storage layout is part of
///         the protocol: the mapping must stay at slot 0 because proofs address
///         keccak256(withdrawalHash . uint256(0)).
contract L2ToL1MessagePasser is IL2ToL1MessagePasser, ISemver {
    /// @notice The L1 gas limit of a withdrawal made by sending ETH to this contract.
    uint256 internal constant RECEIVE_DEFAULT_GAS_LIMIT = 100_000;

    /// @notice The version in the top two bytes of every nonce this contract hands out: version 1
    ///         withdrawals hash all six fields of Types.WithdrawalTransaction.
    uint16 public constant MESSAGE_VERSION = 1;

    /// @notice The hashes of all withdrawals initiated here (slot 0; the portal proves
    ///         `sentMessages[withdrawalHash] == true` against the output root).
    mapping(bytes32 => bool) public sentMessages;

    /// @notice The unversioned nonce of the next withdrawal (slot 1).
    uint240 internal msgNonce;

    /// @notice A withdrawal was initiated. Off-chain tools (viem's getWithdrawals, op-node's
    ///         withdrawal helpers) read the withdrawal back from this event.
    /// @param nonce          The versioned nonce of the withdrawal.
    /// @param sender         The L2 account that initiated it.
    /// @param target         The L1 account to call.
    /// @param value          The ETH to send along, in wei.
    /// @param gasLimit       The minimum gas the call on L1 gets.
    /// @param data           The calldata of the call on L1.
    /// @param withdrawalHash The hash the portal proves and finalizes the withdrawal by.
    event MessagePassed(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 value,
        uint256 gasLimit,
        bytes data,
        bytes32 withdrawalHash
    );

    /// @notice The ETH held by this contract was destroyed.
    /// @param amount The amount burnt, in wei.
    event WithdrawerBalanceBurnt(uint256 indexed amount);

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.1.0";
    }

    /// @notice Sending ETH here withdraws it to the same address on L1.
    receive() external payable {
        initiateWithdrawal(msg.sender, RECEIVE_DEFAULT_GAS_LIMIT, bytes(""));
    }

    /// @notice Destroys the ETH that withdrawals left in this contract: it is released on L1, so
    ///         keeping it on L2 would count it twice in the L2 supply. Anyone may call this.
    function burn() external {
        uint256 balance = address(this).balance;
        Burn.eth(balance);
        emit WithdrawerBalanceBurnt(balance);
    }

    /// @notice Starts a withdrawal: a call from `msg.sender` to `_target` on L1 with `msg.value`.
    /// @param _target   The L1 account to call.
    /// @param _gasLimit The minimum gas the call on L1 must get.
    /// @param _data     The calldata of the call on L1.
    function initiateWithdrawal(address _target, uint256 _gasLimit, bytes memory _data) public payable {
        uint256 nonce = messageNonce();
        bytes32 withdrawalHash = Hashing.hashWithdrawal(
            Types.WithdrawalTransaction({
                nonce: nonce,
                sender: msg.sender,
                target: _target,
                value: msg.value,
                gasLimit: _gasLimit,
                data: _data
            })
        );

        sentMessages[withdrawalHash] = true;

        emit MessagePassed(nonce, msg.sender, _target, msg.value, _gasLimit, _data, withdrawalHash);

        // A uint240 cannot be exhausted by withdrawals paid for with gas.
        unchecked {
            ++msgNonce;
        }
    }

    /// @notice The nonce of the next withdrawal, with MESSAGE_VERSION in its top two bytes.
    /// @return The versioned nonce.
    function messageNonce() public view returns (uint256) {
        return Encoding.encodeVersionedNonce(msgNonce, MESSAGE_VERSION);
    }
}
