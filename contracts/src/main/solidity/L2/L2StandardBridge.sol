// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { StandardBridge } from "universal/StandardBridge.sol";
import { ISemver } from "universal/ISemver.sol";
import { ICrossDomainMessenger } from "universal/interfaces/ICrossDomainMessenger.sol";
import { ILegacyMintableERC20 } from "universal/interfaces/IOptimismMintableERC20.sol";
import { Predeploys } from "libraries/Predeploys.sol";

/// @title L2StandardBridge
/// @notice The bridge on L2, a predeploy at 0x4200000000000000000000000000000000000010 (specs
///         bridges.md, predeploys.md): L1 tokens arrive as OptimismMintableERC20 minted here and are
///         burned when withdrawn; L2-native tokens are escrowed. The pre-Bedrock withdraw functions
///         (which name ETH by LEGACY_ERC20_ETH) and events are kept for the tools that use them.
contract L2StandardBridge is StandardBridge, ISemver {
    /// @notice Something left for L1 (legacy event, emitted before the Bridge*Initiated event;
    ///         for ETH the L1 token is address(0) and the L2 token LEGACY_ERC20_ETH).
    event WithdrawalInitiated(
        address indexed l1Token,
        address indexed l2Token,
        address indexed from,
        address to,
        uint256 amount,
        bytes extraData
    );

    /// @notice Something arrived from L1 (legacy event, emitted before the Bridge*Finalized event;
    ///         for ETH the L1 token is address(0) and the L2 token LEGACY_ERC20_ETH).
    event DepositFinalized(
        address indexed l1Token,
        address indexed l2Token,
        address indexed from,
        address to,
        uint256 amount,
        bytes extraData
    );

    /// @notice Locks the implementation: only the predeploy's proxy is initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.11.1";
    }

    /// @notice Sets the L1 bridge; the messenger is always the L2CrossDomainMessenger predeploy.
    /// @param _otherBridge The L1StandardBridge (its proxy).
    function initialize(StandardBridge _otherBridge) public initializer {
        __StandardBridge_init(ICrossDomainMessenger(Predeploys.L2_CROSS_DOMAIN_MESSENGER), _otherBridge);
    }

    /// @notice ETH sent here is withdrawn to the sender's address on L1.
    receive() external payable override onlyEOA {
        _initiateWithdrawal(
            Predeploys.LEGACY_ERC20_ETH, msg.sender, msg.sender, msg.value, RECEIVE_DEFAULT_GAS_LIMIT, bytes("")
        );
    }

    /// @notice Withdraws `_amount` of `_l2Token` (LEGACY_ERC20_ETH for ETH, sent as msg.value) to
    ///         the caller's address on L1. Only for ETH and OptimismMintableERC20 tokens; L2-native
    ///         tokens go through bridgeERC20.
    /// @param _l2Token     The token, or LEGACY_ERC20_ETH.
    /// @param _amount      The amount.
    /// @param _minGasLimit The least gas for the finalization on L1.
    /// @param _extraData   Data only emitted with the events.
    function withdraw(
        address _l2Token,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    )
        external
        payable
        virtual
        onlyEOA
    {
        _initiateWithdrawal(_l2Token, msg.sender, msg.sender, _amount, _minGasLimit, _extraData);
    }

    /// @notice Withdraws `_amount` of `_l2Token` (LEGACY_ERC20_ETH for ETH, sent as msg.value) to
    ///         `_to` on L1. If ETH cannot be paid to `_to` there, it waits in the L1 messenger until
    ///         the message is replayed.
    /// @param _l2Token     The token, or LEGACY_ERC20_ETH.
    /// @param _to          The receiver on L1.
    /// @param _amount      The amount.
    /// @param _minGasLimit The least gas for the finalization on L1.
    /// @param _extraData   Data only emitted with the events.
    function withdrawTo(
        address _l2Token,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes calldata _extraData
    )
        external
        payable
        virtual
    {
        _initiateWithdrawal(_l2Token, msg.sender, _to, _amount, _minGasLimit, _extraData);
    }

    /// @notice The L1 bridge (legacy name of otherBridge).
    function l1TokenBridge() external view returns (address) {
        return address(otherBridge);
    }

    /// @notice ETH for LEGACY_ERC20_ETH; otherwise a mintable token, bridged to its l1Token().
    function _initiateWithdrawal(
        address _l2Token,
        address _from,
        address _to,
        uint256 _amount,
        uint32 _minGasLimit,
        bytes memory _extraData
    )
        internal
    {
        if (_l2Token == Predeploys.LEGACY_ERC20_ETH) {
            _initiateBridgeETH(_from, _to, _amount, _minGasLimit, _extraData);
        } else {
            address l1Token = ILegacyMintableERC20(_l2Token).l1Token();
            _initiateBridgeERC20(_l2Token, l1Token, _from, _to, _amount, _minGasLimit, _extraData);
        }
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
        emit WithdrawalInitiated(address(0), Predeploys.LEGACY_ERC20_ETH, _from, _to, _amount, _extraData);
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
        emit DepositFinalized(address(0), Predeploys.LEGACY_ERC20_ETH, _from, _to, _amount, _extraData);
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
        emit WithdrawalInitiated(_remoteToken, _localToken, _from, _to, _amount, _extraData);
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
        emit DepositFinalized(_remoteToken, _localToken, _from, _to, _amount, _extraData);
        super._emitERC20BridgeFinalized(_localToken, _remoteToken, _from, _to, _amount, _extraData);
    }
}
