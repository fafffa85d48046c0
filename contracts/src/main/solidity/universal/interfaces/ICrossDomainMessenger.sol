// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ICrossDomainMessenger
/// @notice What the standard bridges (and other applications) use of a cross-domain messenger:
///         sending a message to the other chain and, while a relayed message runs, asking who sent
///         it there (specs messengers.md).
interface ICrossDomainMessenger {
    event SentMessage(address indexed target, address sender, bytes message, uint256 messageNonce, uint256 gasLimit);
    event SentMessageExtension1(address indexed sender, uint256 value);
    event RelayedMessage(bytes32 indexed msgHash);
    event FailedRelayedMessage(bytes32 indexed msgHash);

    function sendMessage(address _target, bytes calldata _message, uint32 _minGasLimit) external payable;

    function relayMessage(
        uint256 _nonce,
        address _sender,
        address _target,
        uint256 _value,
        uint256 _minGasLimit,
        bytes calldata _message
    )
        external
        payable;

    function xDomainMessageSender() external view returns (address);

    function messageNonce() external view returns (uint256);

    function baseGas(bytes calldata _message, uint32 _minGasLimit) external pure returns (uint64);

    function successfulMessages(bytes32 _msgHash) external view returns (bool);

    function failedMessages(bytes32 _msgHash) external view returns (bool);

    function otherMessenger() external view returns (address);
}
