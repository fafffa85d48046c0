// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ResourceMetering } from "L1/ResourceMetering.sol";
import { ISemver } from "universal/ISemver.sol";
import { ISystemConfig } from "L1/interfaces/ISystemConfig.sol";
import { ISuperchainConfig } from "L1/interfaces/ISuperchainConfig.sol";
import { AddressAliasHelper } from "libraries/AddressAliasHelper.sol";
import { Constants } from "libraries/Constants.sol";
import { Hashing } from "libraries/Hashing.sol";
import { SafeCall } from "libraries/SafeCall.sol";
import { Types } from "libraries/Types.sol";
import { SecureMerkleTrie } from "libraries/trie/SecureMerkleTrie.sol";
import { BadTarget, LargeCalldata, SmallGasLimit, CallPaused, GasEstimation, NonReentrant } from "libraries/PortalErrors.sol";

/// @title OptimismPortalBase
/// @notice What the two portals share: the deposit side (specs deposits.md "Deposit Contract"), with
///         its gas market, and the execution of a withdrawal once the portal's own rules have found
///         it final (specs withdrawals.md "The Optimism Portal Contract"). OptimismPortal proves
///         withdrawals against the L2OutputOracle's outputs, OptimismPortal2 against dispute games.
/// @dev Storage: ResourceMetering's slots 0 to 49, then `l2Sender` (50) and `finalizedWithdrawals`
///      (51), as both OP Stack portals have them. Slot 52 on differs between the two, so each keeps
///      the rest of its layout itself (the SuperchainConfig and SystemConfig included, although both
///      keep them at slots 53 and 55) and hands them to this contract through the accessors below.
abstract contract OptimismPortalBase is ResourceMetering, ISemver {
    /// @notice The version of the TransactionDeposited event's opaqueData encoding.
    uint256 internal constant DEPOSIT_VERSION = 0;

    /// @notice The L2 gas limit of the deposit made by sending ETH to the portal.
    uint64 internal constant RECEIVE_DEFAULT_GAS_LIMIT = 100_000;

    /// @notice The most data a deposit may carry: blocks stay within the p2p network's 128 KB
    ///         policy although deposits are not gossiped.
    uint256 internal constant MAX_DEPOSIT_DATA_LENGTH = 120_000;

    /// @notice The storage slot of L2ToL1MessagePasser.sentMessages: a withdrawal is in its storage
    ///         at keccak256(abi.encode(withdrawalHash, SENT_MESSAGES_SLOT)).
    uint256 internal constant SENT_MESSAGES_SLOT = 0;

    /// @notice The L2 sender of the withdrawal being finalized; DEFAULT_L2_SENDER outside of that.
    address public l2Sender;

    /// @notice Withdrawals (by hash) that were finalized, whether their call succeeded or not.
    mapping(bytes32 => bool) public finalizedWithdrawals;

    /// @notice A deposit, which op-node derives into a deposit transaction on L2.
    /// @param from       The L2 sender: the caller, aliased if it is a contract.
    /// @param to         The L2 target (address(0) for a creation).
    /// @param version    The opaqueData encoding (DEPOSIT_VERSION).
    /// @param opaqueData abi.encodePacked(mint, value, gasLimit, isCreation, data).
    event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData);

    /// @notice A withdrawal was proven.
    event WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to);

    /// @notice A withdrawal was finalized; `success` tells whether its call succeeded.
    event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success);

    /// @notice Withdrawals are refused while the SuperchainConfig is paused.
    modifier whenNotPaused() {
        if (paused()) revert CallPaused();
        _;
    }

    /// @notice The SuperchainConfig this portal follows.
    function _getSuperchainConfig() internal view virtual returns (ISuperchainConfig);

    /// @notice The SystemConfig holding this chain's deposit gas market parameters.
    function _getSystemConfig() internal view virtual returns (ISystemConfig);

    /// @notice The guardian, who may pause withdrawals (read from the SuperchainConfig).
    function guardian() public view returns (address) {
        return _getSuperchainConfig().guardian();
    }

    /// @notice Whether withdrawals are paused (read from the SuperchainConfig).
    function paused() public view returns (bool) {
        return _getSuperchainConfig().paused();
    }

    /// @notice The ETH the portal holds, all of it backing ETH on L2.
    function balance() public view returns (uint256) {
        return address(this).balance;
    }

    /// @notice The least gas a deposit with `_byteCount` bytes of data may ask for: the L2 intrinsic
    ///         gas of a transaction whose bytes are all non-zero, so that L2 work is paid for.
    function minimumGasLimit(uint64 _byteCount) public pure returns (uint64) {
        return _byteCount * 16 + 21000;
    }

    /// @notice Sending ETH to the portal deposits it to the sender's address on L2. Contracts should
    ///         call depositTransaction instead: the deposit would be from their alias.
    receive() external payable {
        depositTransaction(msg.sender, msg.value, RECEIVE_DEFAULT_GAS_LIMIT, false, bytes(""));
    }

    /// @notice Accepts ETH without a deposit.
    function donateETH() external payable {
        // Nothing to do: the ETH stays in the portal.
    }

    /// @notice Deposits a transaction to L2: `msg.value` is minted to the sender on L2, then the
    ///         transaction runs with `_gasLimit` L2 gas, bought here by burning L1 gas.
    /// @param _to         The L2 target (address(0) for a creation).
    /// @param _value      The ETH the L2 transaction sends to `_to`.
    /// @param _gasLimit   The L2 gas limit.
    /// @param _isCreation Whether the transaction creates a contract (with `_data` as its code).
    /// @param _data       The calldata or init code.
    function depositTransaction(
        address _to,
        uint256 _value,
        uint64 _gasLimit,
        bool _isCreation,
        bytes memory _data
    )
        public
        payable
        metered(_gasLimit)
    {
        // A creation has no target; asking for one is a mistake that would lose the deposit.
        if (_isCreation && _to != address(0)) revert BadTarget();
        // The gas must pay for the data on L2 (specs deposits.md: gaslimit at least 21000).
        if (_gasLimit < minimumGasLimit(uint64(_data.length))) revert SmallGasLimit();
        if (_data.length > MAX_DEPOSIT_DATA_LENGTH) revert LargeCalldata();

        // A contract appears on L2 under its alias (specs deposits.md "Address Aliasing"); an EOA,
        // whose transaction this is, as itself.
        address from = msg.sender;
        if (msg.sender != tx.origin) {
            from = AddressAliasHelper.applyL1ToL2Alias(msg.sender);
        }

        // Version 0 of the opaque data, as op-node's UnmarshalDepositLogEvent reads it.
        bytes memory opaqueData = abi.encodePacked(msg.value, _value, _gasLimit, _isCreation, _data);
        emit TransactionDeposited(from, _to, DEPOSIT_VERSION, opaqueData);
    }

    /// @notice The deposit gas market's parameters, from the SystemConfig.
    function _resourceConfig() internal view override returns (ResourceConfig memory) {
        return _getSystemConfig().resourceConfig();
    }

    /// @notice Sets up the state both portals start with: no withdrawal being finalized, and the gas
    ///         market (each only on the first initialization, so that re-initializing after an
    ///         upgrade keeps them).
    function __OptimismPortalBase_init() internal onlyInitializing {
        if (l2Sender == address(0)) {
            l2Sender = Constants.DEFAULT_L2_SENDER;
        }
        __ResourceMetering_init();
    }

    /// @notice Whether `_withdrawalProof` shows the withdrawal as sent on L2: sentMessages[hash] is
    ///         true in the L2ToL1MessagePasser's storage trie of root `_messagePasserStorageRoot`.
    function _isWithdrawalSent(
        bytes32 _withdrawalHash,
        bytes32 _messagePasserStorageRoot,
        bytes[] memory _withdrawalProof
    )
        internal
        pure
        returns (bool)
    {
        bytes32 storageKey = keccak256(abi.encode(_withdrawalHash, SENT_MESSAGES_SLOT));
        // The storage trie holds RLP(value): for `true`, the single byte 0x01.
        return SecureMerkleTrie.verifyInclusionProof({
            _key: abi.encode(storageKey),
            _value: hex"01",
            _proof: _withdrawalProof,
            _root: _messagePasserStorageRoot
        });
    }

    /// @notice The withdrawal hash of `_tx`, refusing withdrawals to the portal itself: they would
    ///         act as the portal (deposits from its address).
    function _provableWithdrawalHash(Types.WithdrawalTransaction memory _tx) internal view returns (bytes32) {
        if (_tx.target == address(this)) revert BadTarget();
        return Hashing.hashWithdrawal(_tx);
    }

    /// @notice Fails while a withdrawal is being finalized: l2Sender is then not the default.
    function _requireNotFinalizing() internal view {
        if (l2Sender != Constants.DEFAULT_L2_SENDER) revert NonReentrant();
    }

    /// @notice Executes a withdrawal found final by the portal's rules: marks it finalized (no
    ///         replay, whatever the call's outcome), then calls its target with its value and at
    ///         least its gas limit while l2Sender names its L2 sender.
    function _finalizeWithdrawal(Types.WithdrawalTransaction memory _tx, bytes32 _withdrawalHash) internal {
        finalizedWithdrawals[_withdrawalHash] = true;

        l2Sender = _tx.sender;
        // callWithMinGas reverts unless the target gets the gas the withdrawal asked for (so that a
        // relayer cannot make it fail for lack of gas and burn it), and copies no return data.
        bool success = SafeCall.callWithMinGas(_tx.target, _tx.gasLimit, _tx.value, _tx.data);
        l2Sender = Constants.DEFAULT_L2_SENDER;

        emit WithdrawalFinalized(_withdrawalHash, success);

        // A failed call still finalizes the withdrawal, except when estimating gas: the revert tells
        // the estimator that more gas is needed.
        if (!success && tx.origin == Constants.ESTIMATION_ADDRESS) {
            revert GasEstimation();
        }
    }
}
