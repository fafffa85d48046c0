// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Types } from "libraries/Types.sol";
import { SafeCall } from "libraries/SafeCall.sol";
import { Predeploys } from "libraries/Predeploys.sol";
import { IL2ToL1MessagePasser } from "L2/interfaces/IL2ToL1MessagePasser.sol";

/// @title FeeVault
/// @notice What the fee vault predeploys share (specs predeploys.md "SequencerFeeVault",
///         "BaseFeeVault", "L1FeeVault"; exec-engine.md "Fee Vaults"): the execution engine credits
///         them the fees of every transaction, and anyone may send the balance on to the configured
///         recipient, on L1 by a withdrawal or on L2 by a transfer, once it reaches the minimum.
///
///         The recipient, minimum and network are immutables of the implementation, set by the L2
///         genesis. Storage: totalProcessed at slot 0 and a gap to slot 48, as OP's, so that the
///         proxied predeploys upgrade in place.
abstract contract FeeVault {
    /// @notice The least balance withdraw() sends on. Prefer minWithdrawalAmount().
    /// @custom:legacy
    uint256 public immutable MIN_WITHDRAWAL_AMOUNT;

    /// @notice The account that receives the fees, on L1 or L2. Prefer recipient().
    /// @custom:legacy
    address public immutable RECIPIENT;

    /// @notice The network the recipient receives the fees on. Prefer withdrawalNetwork().
    /// @custom:legacy
    Types.WithdrawalNetwork public immutable WITHDRAWAL_NETWORK;

    /// @notice The L1 gas limit of the withdrawal to an L1 recipient: enough for a smart-contract
    ///         wallet's receive function.
    uint32 internal constant WITHDRAWAL_MIN_GAS = 400_000;

    /// @notice The wei sent on by all withdraw() calls so far.
    uint256 public totalProcessed;

    /// @notice Reserved for future storage (slots 1 to 48).
    uint256[48] private __gap;

    /// @notice A withdrawal was made. Kept for the indexers that read it; the event below also
    ///         names the network.
    /// @param value The wei sent.
    /// @param to    The recipient.
    /// @param from  The caller of withdraw().
    event Withdrawal(uint256 value, address to, address from);

    /// @notice A withdrawal was made.
    /// @param value             The wei sent.
    /// @param to                The recipient.
    /// @param from              The caller of withdraw().
    /// @param withdrawalNetwork The network the recipient receives the wei on.
    event Withdrawal(uint256 value, address to, address from, Types.WithdrawalNetwork withdrawalNetwork);

    /// @param _recipient           The account that receives the fees.
    /// @param _minWithdrawalAmount The least balance withdraw() sends on.
    /// @param _withdrawalNetwork   The network the recipient receives the fees on.
    constructor(address _recipient, uint256 _minWithdrawalAmount, Types.WithdrawalNetwork _withdrawalNetwork) {
        RECIPIENT = _recipient;
        MIN_WITHDRAWAL_AMOUNT = _minWithdrawalAmount;
        WITHDRAWAL_NETWORK = _withdrawalNetwork;
    }

    /// @notice Accepts ETH (fees are credited by the execution engine without a call; this is for
    ///         anyone sending ETH on purpose).
    receive() external payable { }

    /// @notice The least balance withdraw() sends on.
    function minWithdrawalAmount() public view returns (uint256 amount_) {
        amount_ = MIN_WITHDRAWAL_AMOUNT;
    }

    /// @notice The account that receives the fees, on L1 or L2.
    function recipient() public view returns (address recipient_) {
        recipient_ = RECIPIENT;
    }

    /// @notice The network the recipient receives the fees on.
    function withdrawalNetwork() public view returns (Types.WithdrawalNetwork network_) {
        network_ = WITHDRAWAL_NETWORK;
    }

    /// @notice Sends the whole balance to the recipient: on L2 by a transfer, on L1 by a
    ///         withdrawal through the L2ToL1MessagePasser (with WITHDRAWAL_MIN_GAS and no data),
    ///         which the recipient proves and finalizes on L1 like any withdrawal. Anyone may call.
    function withdraw() external {
        require(
            address(this).balance >= MIN_WITHDRAWAL_AMOUNT,
            "FeeVault: withdrawal amount must be greater than minimum withdrawal amount"
        );

        uint256 value = address(this).balance;
        totalProcessed += value;

        emit Withdrawal(value, RECIPIENT, msg.sender);
        emit Withdrawal(value, RECIPIENT, msg.sender, WITHDRAWAL_NETWORK);

        if (WITHDRAWAL_NETWORK == Types.WithdrawalNetwork.L2) {
            bool success = SafeCall.send(RECIPIENT, value);
            require(success, "FeeVault: failed to send ETH to L2 fee recipient");
        } else {
            IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER).initiateWithdrawal{ value: value }(
                RECIPIENT, WITHDRAWAL_MIN_GAS, bytes("")
            );
        }
    }
}
