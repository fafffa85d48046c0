// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { StandardBridge } from "universal/StandardBridge.sol";
import { ISemver } from "universal/ISemver.sol";
import { ICrossDomainMessenger } from "universal/interfaces/ICrossDomainMessenger.sol";
import { Predeploys } from "libraries/Predeploys.sol";
import { ISuperchainConfig } from "L1/interfaces/ISuperchainConfig.sol";
import { ISystemConfig } from "L1/interfaces/ISystemConfig.sol";

/// @title L1StandardBridge
/// @notice The bridge on L1 (specs bridges.md): L1-native tokens are escrowed here and minted as
///         OptimismMintableERC20 on L2; L2-native tokens represented here are burned. ETH is not
///         kept here: it travels with the messages and rests in the OptimismPortal. The pre-Bedrock
///         deposit and withdrawal functions and events are kept for the tools that use them (the
///         Optimism SDK among them). Tokens that change balances by themselves (fees on transfer,
///         rebasing) are not supported.
contract L1StandardBridge is StandardBridge, ISemver {
    /// @notice ETH left for L2 (legacy event, emitted before ETHBridgeInitiated).
    event ETHDepositInitiated(address indexed from, address indexed to, uint256 amount, bytes extraData);

    /// @notice ETH arrived from L2 (legacy event, emitted before ETHBridgeFinalized).
    event ETHWithdrawalFinalized(address indexed from, address indexed to, uint256 amount, bytes extraData);

    /// @notice Tokens left for L2 (legacy event, emitted before ERC20BridgeInitiated).
    event ERC20DepositInitiated(
        address indexed l1Token,
        address indexed l2Token,
        address indexed from,
        address to,
        uint256 amount,
        bytes extraData
    );

    /// @notice Tokens arrived from L2 (legacy event, emitted before ERC20BridgeFinalized).
    event ERC20WithdrawalFinalized(
        address indexed l1Token,
        address indexed l2Token,
        address indexed from,
        address to,
        uint256 amount,
        bytes extraData
    );

    /// @notice The SuperchainConfig whose pause stops finalizations.
    ISuperchainConfig public superchainConfig;

    /// @notice The chain's SystemConfig (kept for the OP Stack's layout and ABI; Merapi reads
    ///         nothing from it here, having no custom gas token).
    ISystemConfig public systemConfig;

    /// @notice Locks the implementation: only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "2.2.1";
    }

    /// @notice Sets the L1 messenger and configs; the other bridge is always the L2StandardBridge
    ///         predeploy.
    /// @param _messenger        The L1CrossDomainMessenger (its proxy).
    /// @param _superchainConfig The SuperchainConfig.
    /// @param _systemConfig     The SystemConfig of this chain.
    function initialize(
        ICrossDomainMessenger _messenger,
        ISuperchainConfig _superchainConfig,
        ISystemConfig _systemConfig
    )
        public
        initializer
    {
        superchainConfig = _superchainConfig;
        systemConfig = _systemConfig;
        __StandardBridge_init(_messenger, StandardBridge(payable(Predeploys.L2_STANDARD_BRIDGE)));
    }

    /// @notice Finalizations stop while the SuperchainConfig is paused.
    function paused() public view override returns (bool) {
        return superchainConfig.paused();
    }

    /// @notice ETH sent here is deposited to the sender's address on L2.
    receive() external payable override onlyEOA {
        _initiateBridgeETH(msg.sender, msg.sender, msg.value, RECEIVE_DEFAULT_GAS_LIMIT, bytes(""));
    }

    /// @notice Deposits `msg.value` wei to the caller's address on L2 (legacy name of bridgeETH).
    /// @param _minGasLimit The least gas for the finalization on L2.
    /// @param _extraData   Data only emitted with the events.
    function depositETH(uint32 _minGasLimit, bytes calldata _extraData) external payable onlyEOA {
        _initiateBridgeETH(msg.sender, msg.sender, msg.value, _minGasLimit, _extraData);
    }

    /// @notice Deposits `msg.value` wei to `_to` on L2 (legacy name of bridgeETHTo).
    /// @param _to          The receiver on L2.
    /// @param _minGasLimit The least gas for the finalization on L2.
    /// @param _extraData   Data only emitted with the events.
    function depositETHTo(address _to, uint32 _minGasLimit, bytes calldata _extraData) external payable {
        _initiateBridgeETH(msg.sender, _to, msg.value, _minGasLimit, _extraData);
    }

    /// @notice Deposits tokens to the caller's address on L2 (legacy name of bridgeERC20).
    /// @param _l1Token     The token on L1.
    /// @param _l2Token     The token on L2.
    /// @param _amount      The amount.
    /// @param _minGasLimit The least gas for the finalization on L2.
    /// @param _extraData   Data only emitted with the events.
    function depositERC20(
        address _l1Token,
        address _l2Token,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    )
        external
        virtual
        onlyEOA
    {
        _initiateBridgeERC20(_l1Token, _l2Token, msg.sender, msg.sender, _amount, _minGasLimit, _extraData);
    }

    /// @notice Deposits tokens to `_to` on L2 (legacy name of bridgeERC20To).
    /// @param _l1Token     The token on L1.
    /// @param _l2Token     The token on L2.
    /// @param _to          The receiver on L2.
    /// @param _amount      The amount.
    /// @param _minGasLimit The least gas for the finalization on L2.
    /// @param _extraData   Data only emitted with the events.
    function depositERC20To(
        address _l1Token,
        address _l2Token,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    )
        external
        virtual
    {
        _initiateBridgeERC20(_l1Token, _l2Token, msg.sender, _to, _amount, _minGasLimit, _extraData);
    }

    /// @notice Completes an ETH withdrawal (legacy name of finalizeBridgeETH).
    function finalizeETHWithdrawal(
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _extraData
    )
        external
        payable
    {
        finalizeBridgeETH(_from, _to, _amount, _extraData);
    }

    /// @notice Completes a token withdrawal (legacy name of finalizeBridgeERC20).
    function finalizeERC20Withdrawal(
        address _l1Token,
        address _l2Token,
        address _from,
        address _to,
        uint256 _amount,
        bytes calldata _extraData
    )
        external
    {
        finalizeBridgeERC20(_l1Token, _l2Token, _from, _to, _amount, _extraData);
    }

    /// @notice The L2 bridge (legacy name of otherBridge).
    function l2TokenBridge() external view returns (address) {
        return address(otherBridge);
    }

    function _emitETHBridgeInitiated(
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        override
    {
        emit ETHDepositInitiated(_from, _to, _amount, _extraData);
        super._emitETHBridgeInitiated(_from, _to, _amount, _extraData);
    }

    function _emitETHBridgeFinalized(
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        override
    {
        emit ETHWithdrawalFinalized(_from, _to, _amount, _extraData);
        super._emitETHBridgeFinalized(_from, _to, _amount, _extraData);
    }

    function _emitERC20BridgeInitiated(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        override
    {
        emit ERC20DepositInitiated(_localToken, _remoteToken, _from, _to, _amount, _extraData);
        super._emitERC20BridgeInitiated(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }

    function _emitERC20BridgeFinalized(
        address _localToken,
        address _remoteToken,
        address _from,
        address _to,
        uint256 _amount,
        bytes memory _extraData
    )
        internal
        override
    {
        emit ERC20WithdrawalFinalized(_localToken, _remoteToken, _from, _to, _amount, _extraData);
        super._emitERC20BridgeFinalized(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }
}
