// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OptimismPortalBase } from "L1/OptimismPortalBase.sol";
import { IL2OutputOracle } from "L1/interfaces/IL2OutputOracle.sol";
import { ISystemConfig } from "L1/interfaces/ISystemConfig.sol";
import { ISuperchainConfig } from "L1/interfaces/ISuperchainConfig.sol";
import { Hashing } from "libraries/Hashing.sol";
import { Types } from "libraries/Types.sol";

/// @custom:proxied true
/// @title OptimismPortal
/// @notice The portal of chains whose outputs are proposed to the L2OutputOracle (specs
///         withdrawals.md "The Optimism Portal Contract"): deposits, and withdrawals proven against
///         a proposed output root and finalized once both the proof and the output are older than
///         the oracle's finalization period, if the output has not been deleted meanwhile.
/// @dev Storage as the OP Stack's OptimismPortal (slots 50 to 61), see OptimismPortalBase.
contract OptimismPortal is OptimismPortalBase {
    /// @notice A withdrawal's proof.
    /// @custom:field outputRoot    The output root it was proven against.
    /// @custom:field timestamp     When it was proven.
    /// @custom:field l2OutputIndex The index of that output in the L2OutputOracle.
    struct ProvenWithdrawal {
        bytes32 outputRoot;
        uint128 timestamp;
        uint128 l2OutputIndex;
    }

    /// @notice The proof of each withdrawal hash.
    mapping(bytes32 => ProvenWithdrawal) public provenWithdrawals;

    /// @custom:legacy
    /// @custom:spacer paused
    /// @notice The paused flag of older portals.
    bool private spacer_53_0_1;

    /// @notice The SuperchainConfig: the pause switch and the guardian.
    ISuperchainConfig public superchainConfig;

    /// @notice The oracle of the outputs withdrawals are proven against.
    IL2OutputOracle public l2Oracle;

    /// @notice This chain's SystemConfig.
    ISystemConfig public systemConfig;

    /// @custom:spacer disputeGameFactory
    /// @notice OptimismPortal2's slots 56 to 60.
    address private spacer_56_0_20;
    bytes32 private spacer_57_0_32;
    bytes32 private spacer_58_0_32;
    bytes32 private spacer_59_0_32;
    bytes32 private spacer_60_0_32;

    /// @custom:spacer _balance
    /// @notice The custom gas token balance of the OP Stack's portal (custom gas tokens are not
    ///         supported here).
    bytes32 private spacer_61_0_32;

    /// @notice Locks the implementation's own storage so that only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    /// @custom:semver 2.8.0
    function version() public pure virtual returns (string memory) {
        return "2.8.0";
    }

    /// @notice Sets the contracts the portal works with; on the first initialization also starts the
    ///         deposit gas market.
    /// @param _l2Oracle         The L2OutputOracle.
    /// @param _systemConfig     This chain's SystemConfig.
    /// @param _superchainConfig The SuperchainConfig.
    function initialize(
        IL2OutputOracle _l2Oracle,
        ISystemConfig _systemConfig,
        ISuperchainConfig _superchainConfig
    )
        public
        initializer
    {
        l2Oracle = _l2Oracle;
        systemConfig = _systemConfig;
        superchainConfig = _superchainConfig;
        __OptimismPortalBase_init();
    }

    /// @notice Whether the output at `_l2OutputIndex` is older than the finalization period.
    function isOutputFinalized(uint256 _l2OutputIndex) external view returns (bool) {
        return _isFinalizationPeriodElapsed(l2Oracle.getL2Output(_l2OutputIndex).timestamp);
    }

    /// @notice Proves that `_tx` was sent on L2, as of the output at `_l2OutputIndex`: the output
    ///         root proof must hash to the output root, and the withdrawal proof must show the
    ///         withdrawal in the L2ToL1MessagePasser's storage root of that output. A withdrawal may
    ///         be proven again only if its output was replaced (deleted and proposed anew).
    /// @param _tx              The withdrawal.
    /// @param _l2OutputIndex   The output's index in the L2OutputOracle.
    /// @param _outputRootProof The preimage of the output root.
    /// @param _withdrawalProof The storage proof of sentMessages[withdrawalHash] (eth_getProof's).
    function proveWithdrawalTransaction(
        Types.WithdrawalTransaction memory _tx,
        uint256 _l2OutputIndex,
        Types.OutputRootProof calldata _outputRootProof,
        bytes[] calldata _withdrawalProof
    )
        external
        whenNotPaused
    {
        bytes32 withdrawalHash = _provableWithdrawalHash(_tx);

        // Reverts if no output was proposed at that index.
        bytes32 outputRoot = l2Oracle.getL2Output(_l2OutputIndex).outputRoot;
        require(
            outputRoot == Hashing.hashOutputRootProof(_outputRootProof), "OptimismPortal: invalid output root proof"
        );

        // Proving again would restart the proof's clock: allowed only when the output it was proven
        // against is gone, so that nobody can delay someone else's withdrawal.
        ProvenWithdrawal memory proven = provenWithdrawals[withdrawalHash];
        require(
            proven.timestamp == 0 || l2Oracle.getL2Output(proven.l2OutputIndex).outputRoot != proven.outputRoot,
            "OptimismPortal: withdrawal hash has already been proven"
        );

        require(
            _isWithdrawalSent(withdrawalHash, _outputRootProof.messagePasserStorageRoot, _withdrawalProof),
            "OptimismPortal: invalid withdrawal inclusion proof"
        );

        provenWithdrawals[withdrawalHash] = ProvenWithdrawal({
            outputRoot: outputRoot,
            timestamp: uint128(block.timestamp),
            l2OutputIndex: uint128(_l2OutputIndex)
        });

        emit WithdrawalProven(withdrawalHash, _tx.sender, _tx.target);
    }

    /// @notice Finalizes a proven withdrawal once the proof and its output are older than the
    ///         finalization period and the output is still the one proven against.
    function finalizeWithdrawalTransaction(Types.WithdrawalTransaction memory _tx) external whenNotPaused {
        _requireNotFinalizing();

        bytes32 withdrawalHash = Hashing.hashWithdrawal(_tx);
        ProvenWithdrawal memory proven = provenWithdrawals[withdrawalHash];

        require(proven.timestamp != 0, "OptimismPortal: withdrawal has not been proven yet");
        // A proof cannot predate the oracle; checked against bugs in the proving step.
        require(
            proven.timestamp >= l2Oracle.startingTimestamp(),
            "OptimismPortal: withdrawal timestamp less than L2 Oracle starting timestamp"
        );
        require(
            _isFinalizationPeriodElapsed(proven.timestamp),
            "OptimismPortal: proven withdrawal finalization period has not elapsed"
        );

        // The challenger may have deleted the output, and another been proposed in its place.
        Types.OutputProposal memory proposal = l2Oracle.getL2Output(proven.l2OutputIndex);
        require(
            proposal.outputRoot == proven.outputRoot,
            "OptimismPortal: output root proven is not the same as current output root"
        );
        require(
            _isFinalizationPeriodElapsed(proposal.timestamp),
            "OptimismPortal: output proposal finalization period has not elapsed"
        );
        require(!finalizedWithdrawals[withdrawalHash], "OptimismPortal: withdrawal has already been finalized");

        _finalizeWithdrawal(_tx, withdrawalHash);
    }

    /// @notice Whether the finalization period has passed since `_timestamp`.
    function _isFinalizationPeriodElapsed(uint256 _timestamp) internal view returns (bool) {
        return block.timestamp > _timestamp + l2Oracle.FINALIZATION_PERIOD_SECONDS();
    }

    function _getSuperchainConfig() internal view override returns (ISuperchainConfig) {
        return superchainConfig;
    }

    function _getSystemConfig() internal view override returns (ISystemConfig) {
        return systemConfig;
    }
}
