// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";
import { SafeCall } from "libraries/SafeCall.sol";
import { Hashing } from "libraries/Hashing.sol";
import { Encoding } from "libraries/Encoding.sol";
import { Constants } from "libraries/Constants.sol";

/// @title CrossDomainMessengerLegacySpacer0
/// @notice Slot 0 before the initializer flags: the pre-Bedrock messengers kept their address
///         manager there. Deployed messengers were upgraded in place, so the slot stays reserved and
///         the Bedrock state keeps its addresses (Initializable's flags at offset 20 of slot 0).
abstract contract CrossDomainMessengerLegacySpacer0 {
    /// @custom:spacer libAddressManager
    address private spacer_0_0_20;
}

/// @title CrossDomainMessengerLegacySpacer1
/// @notice Slots 1 to 202, held by the pre-Bedrock messengers' OpenZeppelin bases (Context,
///         Ownable, Pausable, ReentrancyGuard with their gaps) and their two message mappings. Kept
///         empty so that successfulMessages stays at slot 203, where tools and upgrades expect it.
abstract contract CrossDomainMessengerLegacySpacer1 {
    /// @custom:spacer ContextUpgradeable's __gap
    uint256[50] private spacer_1_0_1600;

    /// @custom:spacer OwnableUpgradeable's _owner
    address private spacer_51_0_20;

    /// @custom:spacer OwnableUpgradeable's __gap
    uint256[49] private spacer_52_0_1568;

    /// @custom:spacer PausableUpgradeable's _paused
    bool private spacer_101_0_1;

    /// @custom:spacer PausableUpgradeable's __gap
    uint256[49] private spacer_102_0_1568;

    /// @custom:spacer ReentrancyGuardUpgradeable's _status
    uint256 private spacer_151_0_32;

    /// @custom:spacer ReentrancyGuardUpgradeable's __gap
    uint256[49] private spacer_152_0_1568;

    /// @custom:spacer blockedMessages
    mapping(bytes32 => bool) private spacer_201_0_32;

    /// @custom:spacer relayedMessages
    mapping(bytes32 => bool) private spacer_202_0_32;
}

/// @title CrossDomainMessenger
/// @notice The part of the L1 and L2 messengers that does not depend on the chain (specs
///         messengers.md): a message sent here is delivered to the paired messenger on the other
///         chain through the chain's own transport (deposits on L1, withdrawals on L2), which calls
///         relayMessage there. A relayed message that fails (or is given too little gas) is recorded
///         so that anyone can replay it later; a message runs successfully at most once.
abstract contract CrossDomainMessenger is
    CrossDomainMessengerLegacySpacer0,
    Initializable,
    CrossDomainMessengerLegacySpacer1
{
    /// @notice The version put in the top two bytes of the nonce of messages sent now
    ///         (specs messengers.md "Message Versioning").
    uint16 public constant MESSAGE_VERSION = 1;

    /// @notice Gas of relayMessage itself on the other chain, apart from the call it makes.
    uint64 public constant RELAY_CONSTANT_OVERHEAD = 200_000;

    /// @notice With the denominator, the factor 64/63 that leaves the target its minimum gas after
    ///         EIP-150 keeps 1/64 of the gas in the calling frame.
    uint64 public constant MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR = 64;

    /// @notice See MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR.
    uint64 public constant MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR = 63;

    /// @notice Gas per calldata byte of the relayMessage transaction (a non-zero byte's price).
    uint64 public constant MIN_GAS_CALLDATA_OVERHEAD = 16;

    /// @notice Worst case of the CALL opcode's own charges (cold account, value, new account).
    uint64 public constant RELAY_CALL_OVERHEAD = 40_000;

    /// @notice Gas kept back from the target so that relayMessage can record the outcome.
    uint64 public constant RELAY_RESERVED_GAS = 40_000;

    /// @notice Gas spent between the hasMinGas check and the CALL.
    uint64 public constant RELAY_GAS_CHECK_BUFFER = 5_000;

    /// @notice Bytes the relayMessage ABI encoding adds to a message: selector, five words, the
    ///         offset and length words and up to 31 bytes of padding (228 to 259 bytes, rounded up).
    uint64 public constant ENCODING_OVERHEAD = 260;

    /// @notice Gas per calldata byte of EIP-7623's floor price for data-heavy transactions.
    uint64 public constant FLOOR_CALLDATA_OVERHEAD = 40;

    /// @notice The intrinsic gas of every transaction.
    uint64 public constant TX_BASE_GAS = 21_000;

    /// @notice Messages that ran successfully on this chain, by their version 1 hash.
    mapping(bytes32 => bool) public successfulMessages;

    /// @notice The sender on the other chain of the message being relayed, DEFAULT_L2_SENDER
    ///         outside of a relay (a non-zero idle value keeps resetting it cheap and tells a
    ///         re-entered relayMessage apart).
    address internal xDomainMsgSender;

    /// @notice The number of messages sent; messageNonce() adds the version.
    uint240 internal msgNonce;

    /// @notice Messages that failed at least once on this chain (and so may be replayed by anyone),
    ///         by their version 1 hash.
    mapping(bytes32 => bool) public failedMessages;

    /// @notice The paired messenger on the other chain.
    CrossDomainMessenger public otherMessenger;

    /// @notice Reserved so that the first slot of a child contract is 251.
    uint256[43] private __gap;

    /// @notice A message was sent to the other chain.
    event SentMessage(address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit);

    /// @notice Emitted right after SentMessage with the value, which SentMessage lacks (its ABI
    ///         predates Bedrock and tools decode it as it is).
    event SentMessageExtension1(address indexed sender, uint256 value);

    /// @notice A message ran successfully.
    event RelayedMessage(bytes32 indexed msgHash);

    /// @notice A message failed (or got too little gas) and may be replayed.
    event FailedRelayedMessage(bytes32 indexed msgHash);

    /// @notice Sends `_message` to `_target` on the other chain with `msg.value`. The other
    ///         messenger calls the target with at least `_minGasLimit` gas; the transport is given
    ///         baseGas() so that the relay itself always completes and records the outcome.
    ///         A target that always reverts, or that the other messenger refuses to call, keeps the
    ///         value locked there.
    /// @param _target      The account called on the other chain.
    /// @param _message     The calldata of that call.
    /// @param _minGasLimit The least gas the call must get.
    function sendMessage(address _target, bytes calldata _message, uint32 _minGasLimit) external payable {
        uint256 nonce = messageNonce();
        _sendMessage({
            _to: address(otherMessenger),
            _gasLimit: baseGas(_message, _minGasLimit),
            _value: msg.value,
            _data: Encoding.encodeCrossDomainMessageV1(nonce, msg.sender, _target, msg.value, _minGasLimit, _message)
        });

        emit SentMessage(_target, msg.sender, _message, nonce, _minGasLimit);
        emit SentMessageExtension1(msg.sender, msg.value);

        unchecked {
            ++msgNonce;
        }
    }

    /// @notice Runs a message from the other chain: delivered by the other messenger through this
    ///         chain's transport, or replayed by anyone if it failed before. Version 0 nonces are
    ///         messages sent before Bedrock; they are identified by their version 1 hash too, after a
    ///         check that they did not already run under their legacy hash.
    /// @param _nonce       The message's versioned nonce.
    /// @param _sender      Who sent the message on the other chain.
    /// @param _target      The account to call.
    /// @param _value       The wei to send along.
    /// @param _minGasLimit The least gas the call must get.
    /// @param _message     The calldata of the call.
    function relayMessage(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    )
        external
        payable
    {
        bytes32 versionedHash = _checkRelay(_nonce, _sender, _target, _value, _minGasLimit, _message);

        // Not enough gas for the call and the bookkeeping after it, or a relay already running
        // (re-entry through the target): record the message as failed so that it can be replayed,
        // without calling the target.
        if (
            !SafeCall.hasMinGas(_minGasLimit, RELAY_RESERVED_GAS + RELAY_GAS_CHECK_BUFFER)
                || xDomainMsgSender != Constants.DEFAULT_L2_SENDER
        ) {
            _recordFailure(versionedHash);
            return;
        }

        xDomainMsgSender = _sender;
        bool success = SafeCall.call(_target, gasleft() - RELAY_RESERVED_GAS, _value, _message);
        xDomainMsgSender = Constants.DEFAULT_L2_SENDER;

        if (success) {
            // Checked again after the call: a re-entered relay of the same message must not have
            // succeeded in between.
            assert(!successfulMessages[versionedHash]);
            successfulMessages[versionedHash] = true;
            emit RelayedMessage(versionedHash);
        } else {
            _recordFailure(versionedHash);
        }
    }

    /// @notice The sender on the other chain of the message being relayed; reverts outside of a
    ///         relay.
    function xDomainMessageSender() external view returns (address) {
        require(
            xDomainMsgSender != Constants.DEFAULT_L2_SENDER, "CrossDomainMessenger: xDomainMessageSender is not set"
        );
        return xDomainMsgSender;
    }

    /// @notice The paired messenger on the other chain (legacy name of otherMessenger).
    function OTHER_MESSENGER() public view returns (CrossDomainMessenger) {
        return otherMessenger;
    }

    /// @notice The nonce of the next message sent, with MESSAGE_VERSION in its top two bytes.
    function messageNonce() public view returns (uint256) {
        return Encoding.encodeVersionedNonce(msgNonce, MESSAGE_VERSION);
    }

    /// @notice The gas that the transport must give relayMessage on the other chain so that the
    ///         target gets at least `_minGasLimit` and the relay still has gas to record the result.
    ///         The execution part covers relayMessage's own work, the CALL and EIP-150's 1/64; the
    ///         calldata part prices the whole relayMessage calldata (message plus
    ///         ENCODING_OVERHEAD) at the standard rate, or at EIP-7623's floor rate when that is
    ///         higher, as a transaction carrying it would pay.
    /// @param _message     The message's calldata.
    /// @param _minGasLimit The least gas its call must get.
    function baseGas(bytes calldata _message, uint32 _minGasLimit) public pure returns (uint64) {
        uint64 executionGas = RELAY_CONSTANT_OVERHEAD + RELAY_CALL_OVERHEAD + RELAY_RESERVED_GAS
            + RELAY_GAS_CHECK_BUFFER
            + (uint64(_minGasLimit) * MIN_GAS_DYNAMIC_OVERHEAD_NUMERATOR) / MIN_GAS_DYNAMIC_OVERHEAD_DENOMINATOR;
        uint64 totalMessageSize = uint64(_message.length) + ENCODING_OVERHEAD;
        uint64 standardCost = executionGas + totalMessageSize * MIN_GAS_CALLDATA_OVERHEAD;
        uint64 floorCost = totalMessageSize * FLOOR_CALLDATA_OVERHEAD;
        return TX_BASE_GAS + (standardCost > floorCost ? standardCost : floorCost);
    }

    /// @notice Whether relaying is paused. Nothing pauses the base messenger; the L1 messenger
    ///         follows the SuperchainConfig.
    function paused() public view virtual returns (bool) {
        return false;
    }

    /// @notice Sets the paired messenger, and the idle sender value on a fresh deployment only: on
    ///         an upgrade during a relay, resetting it would let the relay be re-entered.
    function __CrossDomainMessenger_init(CrossDomainMessenger _otherMessenger) internal onlyInitializing {
        if (xDomainMsgSender == address(0)) {
            xDomainMsgSender = Constants.DEFAULT_L2_SENDER;
        }
        otherMessenger = _otherMessenger;
    }

    /// @notice Hands a message to this chain's transport towards `_to` on the other chain.
    function _sendMessage(address _to, uint64 _gasLimit, uint256 _value, bytes memory _data) internal virtual;

    /// @notice Whether the current call is the other messenger's delivery through the transport.
    function _isOtherMessenger() internal view virtual returns (bool);

    /// @notice Whether `_target` is a system contract that messages must not call (the messenger
    ///         itself, the transport), as a call from the messenger would act with its authority.
    function _isUnsafeTarget(address _target) internal view virtual returns (bool);

    /// @notice The checks before a relay; returns the message's version 1 hash, which identifies
    ///         it in successfulMessages and failedMessages because it commits to the value and gas.
    function _checkRelay(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    )
        internal
        view
        returns (bytes32 versionedHash_)
    {
        require(!paused(), "CrossDomainMessenger: paused");

        (, uint16 version) = Encoding.decodeVersionedNonce(_nonce);
        require(version < 2, "CrossDomainMessenger: only version 0 or 1 messages are supported at this time");

        // A version 0 message was sent by a pre-Bedrock messenger, which recorded relays under the
        // legacy hash.
        if (version == 0) {
            bytes32 legacyHash = Hashing.hashCrossDomainMessageV0(_target, _sender, _message, _nonce);
            require(!successfulMessages[legacyHash], "CrossDomainMessenger: legacy withdrawal already relayed");
        }

        versionedHash_ = Hashing.hashCrossDomainMessageV1(_nonce, _sender, _target, _value, _minGasLimit, _message);

        if (_isOtherMessenger()) {
            // A first delivery carries exactly the value and cannot have failed before: the
            // transport delivers each message once.
            assert(msg.value == _value);
            assert(!failedMessages[versionedHash_]);
        } else {
            // A replay: the value was delivered with the first attempt and is held here.
            require(msg.value == 0, "CrossDomainMessenger: value must be zero unless message is from a system address");
            require(failedMessages[versionedHash_], "CrossDomainMessenger: message cannot be replayed");
        }

        require(!_isUnsafeTarget(_target), "CrossDomainMessenger: cannot send message to blocked system address");
        require(!successfulMessages[versionedHash_], "CrossDomainMessenger: message has already been relayed");
    }

    /// @notice Marks a message failed. A relay from ESTIMATION_ADDRESS reverts instead, so that
    ///         eth_estimateGas searches for the gas with which the message succeeds rather than
    ///         the (lower) gas with which it is merely recorded as failed.
    function _recordFailure(bytes32 _versionedHash) internal {
        failedMessages[_versionedHash] = true;
        emit FailedRelayedMessage(_versionedHash);
        if (tx.origin == Constants.ESTIMATION_ADDRESS) {
            revert("CrossDomainMessenger: failed to relay message");
        }
    }
}
