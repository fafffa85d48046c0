// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";
import { SafeCall } from "libraries/SafeCall.sol";
import { IERC20 } from "universal/interfaces/IERC20.sol";
import { IERC165 } from "universal/interfaces/IERC165.sol";
import { ICrossDomainMessenger } from "universal/interfaces/ICrossDomainMessenger.sol";
import { IOptimismMintableERC20, ILegacyMintableERC20 } from "universal/interfaces/IOptimismMintableERC20.sol";

/// @title StandardBridge
/// @notice The part of the L1 and L2 standard bridges that does not depend on the chain (specs
///         bridges.md). ETH and ERC-20 tokens cross through the messengers as calls of the other
///         bridge's finalize functions. A token native to this chain is escrowed here (and counted
///         in deposits per remote token); a token that represents a remote one
///         (OptimismMintableERC20) is burned when it leaves and minted when it arrives.
abstract contract StandardBridge is Initializable {
    /// @notice The minimum gas of the message sent when ETH is sent to the bridge directly.
    uint32 internal constant RECEIVE_DEFAULT_GAS_LIMIT = 200_000;

    /// @notice Gas given to a token's supportsInterface during detection (ERC-165's bound).
    uint256 private constant ERC165_GAS = 30_000;

    /// @custom:spacer messenger (pre-Bedrock), after the initializer flags
    bytes30 private spacer_0_2_30;

    /// @custom:spacer l2TokenBridge (pre-Bedrock)
    address private spacer_1_0_20;

    /// @notice Tokens native to this chain held here, by local token and the remote token they
    ///         were bridged to; a withdrawal of a pair can release at most what the pair received.
    mapping(address => mapping(address => uint256)) public deposits;

    /// @notice The messenger on this chain.
    ICrossDomainMessenger public messenger;

    /// @notice The paired bridge on the other chain.
    StandardBridge public otherBridge;

    /// @notice Reserved so that the first slot of a child contract is 50.
    uint256[45] private __gap;

    /// @notice ETH left for the other chain.
    event ETHBridgeInitiated(address indexed from, address indexed to, uint256 amount, bytes extraData);

    /// @notice ETH arrived from the other chain.
    event ETHBridgeFinalized(address indexed from, address indexed to, uint256 amount, bytes extraData);

    /// @notice Tokens left for the other chain.
    event ERC20BridgeInitiated(
        address indexed localToken,
        address indexed remoteToken,
        address indexed from,
        address to,
        uint256 amount,
        bytes extraData
    );

    /// @notice Tokens arrived from the other chain.
    event ERC20BridgeFinalized(
        address indexed localToken,
        address indexed remoteToken,
        address indexed from,
        address to,
        uint256 amount,
        bytes extraData
    );

    /// @notice Only accounts without code. This keeps smart-contract wallets, whose address on
    ///         the other chain may belong to nobody, from bridging to themselves by mistake; it is
    ///         no security boundary (a constructor passes it).
    modifier onlyEOA() {
        require(msg.sender.code.length == 0, "StandardBridge: function can only be called from an EOA");
        _;
    }

    /// @notice Only the other bridge, speaking through this chain's messenger.
    modifier onlyOtherBridge() {
        require(
            msg.sender == address(messenger) && messenger.xDomainMessageSender() == address(otherBridge),
            "StandardBridge: function can only be called from the other bridge"
        );
        _;
    }

    /// @notice Sets the messenger and the other bridge; only from an initializer.
    function __StandardBridge_init(
        ICrossDomainMessenger _messenger,
        StandardBridge _otherBridge
    )
        internal
        onlyInitializing
    {
        messenger = _messenger;
        otherBridge = _otherBridge;
    }

    /// @notice ETH sent directly is bridged to the sender on the other chain.
    receive() external payable virtual;

    /// @notice The messenger (legacy name).
    function MESSENGER() external view returns (ICrossDomainMessenger) {
        return messenger;
    }

    /// @notice The other bridge (legacy name).
    function OTHER_BRIDGE() external view returns (StandardBridge) {
        return otherBridge;
    }

    /// @notice Whether finalizations are paused. Nothing pauses the base bridge; the L1 bridge
    ///         follows the SuperchainConfig.
    function paused() public view virtual returns (bool) {
        return false;
    }

    /// @notice Sends `msg.value` wei to the caller's address on the other chain.
    /// @param _minGasLimit The least gas for the finalization on the other chain.
    /// @param _extraData   Data only emitted with the events, for off-chain use.
    function bridgeETH(uint32 _minGasLimit, bytes calldata _extraData) public payable onlyEOA {
        _initiateBridgeETH(msg.sender, msg.sender, msg.value, _minGasLimit, _extraData);
    }

    /// @notice Sends `msg.value` wei to `_to` on the other chain. If the transfer to `_to` fails
    ///         there, the ETH waits in the other messenger until the message is replayed.
    /// @param _to          The receiver on the other chain.
    /// @param _minGasLimit The least gas for the finalization on the other chain.
    /// @param _extraData   Data only emitted with the events, for off-chain use.
    function bridgeETHTo(address _to, uint32 _minGasLimit, bytes calldata _extraData) public payable {
        _initiateBridgeETH(msg.sender, _to, msg.value, _minGasLimit, _extraData);
    }

    /// @notice Sends `_amount` of `_localToken` to the caller's address on the other chain as
    ///         `_remoteToken`.
    /// @param _localToken  The token on this chain.
    /// @param _remoteToken The token on the other chain.
    /// @param _amount      The amount to send.
    /// @param _minGasLimit The least gas for the finalization on the other chain.
    /// @param _extraData   Data only emitted with the events, for off-chain use.
    function bridgeERC20(
        address _localToken,
        address _remoteToken,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    )
        public
        virtual
        onlyEOA
    {
        _initiateBridgeERC20(_localToken, _remoteToken, msg.sender, msg.sender, _amount, _minGasLimit, _extraData);
    }

    /// @notice Sends `_amount` of `_localToken` to `_to` on the other chain as `_remoteToken`.
    /// @param _localToken  The token on this chain.
    /// @param _remoteToken The token on the other chain.
    /// @param _to          The receiver on the other chain.
    /// @param _amount      The amount to send.
    /// @param _minGasLimit The least gas for the finalization on the other chain.
    /// @param _extraData   Data only emitted with the events, for off-chain use.
    function bridgeERC20To(
        address _localToken,
        address _remoteToken,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    )
        public
        virtual
    {
        _initiateBridgeERC20(_localToken, _remoteToken, msg.sender, _to, _amount, _minGasLimit, _extraData);
    }

    /// @notice Completes an ETH transfer from the other chain: pays `_amount` (carried by the
    ///         message) to `_to`. Only the other bridge, through the messenger.
    /// @param _from      The sender on the other chain.
    /// @param _to        The receiver.
    /// @param _amount    The wei sent.
    /// @param _extraData Data only emitted with the events.
    function finalizeBridgeETH(
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _extraData
    )
        public
        payable
        onlyOtherBridge
    {
        require(!paused(), "StandardBridge: paused");
        require(msg.value == _amount, "StandardBridge: amount sent does not match amount required");
        // Paying the bridge or the messenger would leave the ETH where no rule releases it.
        require(_to != address(this), "StandardBridge: cannot send to self");
        require(_to != address(messenger), "StandardBridge: cannot send to messenger");

        _emitETHBridgeFinalized(_from, _to, _amount, _extraData);

        bool success = SafeCall.call(_to, gasleft(), _amount, hex"");
        require(success, "StandardBridge: ETH transfer failed");
    }

    /// @notice Completes a token transfer from the other chain: mints a mintable local token or
    ///         releases escrowed native tokens to `_to`. Only the other bridge, through the
    ///         messenger.
    /// @param _localToken  The token on this chain.
    /// @param _remoteToken The token on the other chain.
    /// @param _from        The sender on the other chain.
    /// @param _to          The receiver.
    /// @param _amount      The amount.
    /// @param _extraData   Data only emitted with the events.
    function finalizeBridgeERC20(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _extraData
    )
        public
        onlyOtherBridge
    {
        require(!paused(), "StandardBridge: paused");
        if (_isOptimismMintableERC20(_localToken)) {
            require(
                _isCorrectTokenPair(_localToken, _remoteToken),
                "StandardBridge: wrong remote token for Optimism Mintable ERC20 local token"
            );
            IOptimismMintableERC20(_localToken).mint(_to, _amount);
        } else {
            // Checked subtraction: a pair releases no more than it escrowed.
            deposits[_localToken][_remoteToken] = deposits[_localToken][_remoteToken] - _amount;
            _safeTransfer(_localToken, _to, _amount);
        }

        _emitERC20BridgeFinalized(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }

    /// @notice Sends ETH to the other bridge's finalizeBridgeETH through the messenger.
    function _initiateBridgeETH(
        address _from,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes memory _extraData
    )
        internal
    {
        require(msg.value == _amount, "StandardBridge: bridging ETH must include sufficient ETH value");

        _emitETHBridgeInitiated(_from, _to, _amount, _extraData);

        messenger.sendMessage{ value: _amount }({
            _target: address(otherBridge),
            _message: abi.encodeCall(this.finalizeBridgeETH, (_from, _to, _amount, _extraData)),
            _minGasLimit: _minGasLimit
        });
    }

    /// @notice Burns or escrows tokens and sends the other bridge's finalizeBridgeERC20 through the
    ///         messenger, with the token pair swapped to the other chain's point of view.
    function _initiateBridgeERC20(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes memory _extraData
    )
        internal
    {
        require(msg.value == 0, "StandardBridge: cannot send value");

        if (_isOptimismMintableERC20(_localToken)) {
            require(
                _isCorrectTokenPair(_localToken, _remoteToken),
                "StandardBridge: wrong remote token for Optimism Mintable ERC20 local token"
            );
            IOptimismMintableERC20(_localToken).burn(_from, _amount);
        } else {
            _safeTransferFrom(_localToken, _from, address(this), _amount);
            deposits[_localToken][_remoteToken] = deposits[_localToken][_remoteToken] + _amount;
        }

        _emitERC20BridgeInitiated(_localToken, _remoteToken, _from, _to, _amount, _extraData);

        messenger.sendMessage({
            _target: address(otherBridge),
            _message: abi.encodeCall(
                this.finalizeBridgeERC20, (_remoteToken, _localToken, _from, _to, _amount, _extraData)
            ),
            _minGasLimit: _minGasLimit
        });
    }

    /// @notice Whether `_token` says (ERC-165) that it is a mintable token of either generation.
    function _isOptimismMintableERC20(address _token) internal view returns (bool) {
        return _supportsInterface(_token, type(ILegacyMintableERC20).interfaceId)
            || _supportsInterface(_token, type(IOptimismMintableERC20).interfaceId);
    }

    /// @notice Whether `_otherToken` is the remote token of the mintable `_mintableToken`: its
    ///         l1Token() for a legacy token, its remoteToken() otherwise.
    function _isCorrectTokenPair(address _mintableToken, address _otherToken) internal view returns (bool) {
        if (_supportsInterface(_mintableToken, type(ILegacyMintableERC20).interfaceId)) {
            return _otherToken == ILegacyMintableERC20(_mintableToken).l1Token();
        }
        return _otherToken == IOptimismMintableERC20(_mintableToken).remoteToken();
    }

    /// @notice ERC-165 detection: `_account` must answer true for ERC-165 itself and false for
    ///         0xffffffff (so that a contract answering true to everything is not taken at its
    ///         word), then true for `_interfaceId`.
    function _supportsInterface(address _account, bytes4 _interfaceId) internal view returns (bool) {
        return _answersTrue(_account, type(IERC165).interfaceId) && !_answersTrue(_account, 0xffffffff)
            && _answersTrue(_account, _interfaceId);
    }

    /// @notice Whether supportsInterface(`_interfaceId`) on `_account` returns a non-zero word
    ///         within ERC165_GAS; a revert, a short answer or no code counts as false.
    function _answersTrue(address _account, bytes4 _interfaceId) private view returns (bool answer_) {
        bytes memory query = abi.encodeCall(IERC165.supportsInterface, (_interfaceId));
        bool success;
        uint256 size;
        uint256 word;
        assembly {
            success := staticcall(ERC165_GAS, _account, add(query, 0x20), mload(query), 0x00, 0x20)
            size := returndatasize()
            word := mload(0x00)
        }
        answer_ = success && size >= 0x20 && word > 0;
    }

    /// @notice transfer() on a token that may return nothing (older tokens) or a bool.
    function _safeTransfer(address _token, address _to, uint256 _amount) internal {
        _callToken(_token, abi.encodeCall(IERC20.transfer, (_to, _amount)));
    }

    /// @notice transferFrom() on a token that may return nothing (older tokens) or a bool.
    function _safeTransferFrom(address _token, address _from, address _to, uint256 _amount) internal {
        _callToken(_token, abi.encodeCall(IERC20.transferFrom, (_from, _to, _amount)));
    }

    /// @notice Calls a token, requiring code there (a call to an empty account would succeed),
    ///         bubbling up its revert reason, and requiring a returned bool, if any, to be true.
    ///         The revert strings are those of OpenZeppelin's SafeERC20, which tools know.
    function _callToken(address _token, bytes memory _data) private {
        require(_token.code.length > 0, "Address: call to non-contract");
        (bool success, bytes memory returned) = _token.call(_data);
        if (!success) {
            if (returned.length > 0) {
                assembly {
                    revert(add(returned, 0x20), mload(returned))
                }
            }
            revert("SafeERC20: low-level call failed");
        }
        if (returned.length > 0) {
            require(abi.decode(returned, (bool)), "SafeERC20: ERC20 operation did not succeed");
        }
    }

    /// @notice Emits the events of an ETH bridge leaving; child bridges add their legacy event.
    function _emitETHBridgeInitiated(
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        virtual
    {
        emit ETHBridgeInitiated(_from, _to, _amount, _extraData);
    }

    /// @notice Emits the events of an ETH bridge arriving; child bridges add their legacy event.
    function _emitETHBridgeFinalized(
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        virtual
    {
        emit ETHBridgeFinalized(_from, _to, _amount, _extraData);
    }

    /// @notice Emits the events of a token bridge leaving; child bridges add their legacy event.
    function _emitERC20BridgeInitiated(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        virtual
    {
        emit ERC20BridgeInitiated(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }

    /// @notice Emits the events of a token bridge arriving; child bridges add their legacy event.
    function _emitERC20BridgeFinalized(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        virtual
    {
        emit ERC20BridgeFinalized(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }
}
