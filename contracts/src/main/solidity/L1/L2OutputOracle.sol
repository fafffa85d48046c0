// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";
import { ISemver } from "universal/ISemver.sol";
import { Types } from "libraries/Types.sol";

/// @custom:proxied true
/// @title L2OutputOracle
/// @notice Where the proposer commits to L2 output roots at a fixed interval of L2 blocks (specs
///         proposals.md), for the OptimismPortal to prove withdrawals against. The challenger may
///         delete outputs that are not final yet (younger than the finalization period).
/// @dev Storage as the OP Stack's L2OutputOracle: slots 1 to 8 after Initializable's slot 0.
contract L2OutputOracle is Initializable, ISemver {
    /// @notice The L2 block of the first output (the one before it, in fact: outputs start one
    ///         interval later).
    uint256 public startingBlockNumber;

    /// @notice The timestamp of the L2 block startingBlockNumber.
    uint256 public startingTimestamp;

    /// @notice The outputs, in proposal order.
    Types.OutputProposal[] internal l2Outputs;

    /// @notice L2 blocks between two outputs.
    uint256 public submissionInterval;

    /// @notice Seconds between two L2 blocks.
    uint256 public l2BlockTime;

    /// @notice Who may delete outputs.
    address public challenger;

    /// @notice Who may propose outputs.
    address public proposer;

    /// @notice Seconds after its proposal at which an output is final.
    uint256 public finalizationPeriodSeconds;

    /// @notice An output was proposed.
    /// @param outputRoot    The output root.
    /// @param l2OutputIndex Its index.
    /// @param l2BlockNumber The L2 block it is about.
    /// @param l1Timestamp   When it was proposed.
    event OutputProposed(
        bytes32 indexed outputRoot, uint256 indexed l2OutputIndex, uint256 indexed l2BlockNumber, uint256 l1Timestamp
    );

    /// @notice Outputs from index `newNextOutputIndex` on were deleted.
    event OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex);

    /// @notice Locks the implementation's own storage so that only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    /// @custom:semver 1.8.0
    function version() public pure virtual returns (string memory) {
        return "1.8.0";
    }

    /// @notice Sets the oracle's parameters.
    /// @param _submissionInterval        L2 blocks between two outputs (> 0).
    /// @param _l2BlockTime               Seconds between two L2 blocks (> 0).
    /// @param _startingBlockNumber       The L2 block outputs count from.
    /// @param _startingTimestamp         Its timestamp, not in the future.
    /// @param _proposer                  Who may propose outputs.
    /// @param _challenger                Who may delete outputs.
    /// @param _finalizationPeriodSeconds Seconds until an output is final.
    function initialize(
        uint256 _submissionInterval,
        uint256 _l2BlockTime,
        uint256 _startingBlockNumber,
        uint256 _startingTimestamp,
        address _proposer,
        address _challenger,
        uint256 _finalizationPeriodSeconds
    )
        public
        initializer
    {
        require(_submissionInterval > 0, "L2OutputOracle: submission interval must be greater than 0");
        require(_l2BlockTime > 0, "L2OutputOracle: L2 block time must be greater than 0");
        require(
            _startingTimestamp <= block.timestamp,
            "L2OutputOracle: starting L2 timestamp must be less than current time"
        );

        submissionInterval = _submissionInterval;
        l2BlockTime = _l2BlockTime;
        startingBlockNumber = _startingBlockNumber;
        startingTimestamp = _startingTimestamp;
        proposer = _proposer;
        challenger = _challenger;
        finalizationPeriodSeconds = _finalizationPeriodSeconds;
    }

    /// @notice The submission interval (the name older tools read).
    function SUBMISSION_INTERVAL() external view returns (uint256) {
        return submissionInterval;
    }

    /// @notice The L2 block time (the name older tools read).
    function L2_BLOCK_TIME() external view returns (uint256) {
        return l2BlockTime;
    }

    /// @notice The challenger (the name older tools read).
    function CHALLENGER() external view returns (address) {
        return challenger;
    }

    /// @notice The proposer (the name older tools read).
    function PROPOSER() external view returns (address) {
        return proposer;
    }

    /// @notice The finalization period (the name older tools read).
    function FINALIZATION_PERIOD_SECONDS() external view returns (uint256) {
        return finalizationPeriodSeconds;
    }

    /// @notice Deletes the outputs from `_l2OutputIndex` on, none of which may be final. Only the
    ///         challenger.
    function deleteL2Outputs(uint256 _l2OutputIndex) external {
        require(msg.sender == challenger, "L2OutputOracle: only the challenger address can delete outputs");
        require(
            _l2OutputIndex < l2Outputs.length, "L2OutputOracle: cannot delete outputs after the latest output index"
        );
        // The outputs after it are younger, so this one being not final is enough.
        require(
            block.timestamp - l2Outputs[_l2OutputIndex].timestamp < finalizationPeriodSeconds,
            "L2OutputOracle: cannot delete outputs that have already been finalized"
        );

        uint256 prevNextL2OutputIndex = nextOutputIndex();
        // Shortening the array by its length word leaves the old elements' slots as they are: they
        // are overwritten by the next proposals, and nothing reads past the length.
        assembly {
            sstore(l2Outputs.slot, _l2OutputIndex)
        }
        emit OutputsDeleted(prevNextL2OutputIndex, _l2OutputIndex);
    }

    /// @notice Proposes the output root of L2 block `_l2BlockNumber`, which must be the next one due
    ///         and in the past. Only the proposer.
    /// @param _outputRoot    The output root (specs proposals.md "L2 Output Commitment Construction").
    /// @param _l2BlockNumber The L2 block, nextBlockNumber().
    /// @param _l1BlockHash   If not zero, the proposal is only valid on the L1 chain where block
    ///                       `_l1BlockNumber` has this hash (it fails after a reorg, or once the
    ///                       block is more than 256 blocks old).
    /// @param _l1BlockNumber The L1 block of `_l1BlockHash`.
    function proposeL2Output(
        bytes32 _outputRoot,
        uint256 _l2BlockNumber,
        bytes32 _l1BlockHash,
        uint256 _l1BlockNumber
    )
        external
        payable
    {
        require(msg.sender == proposer, "L2OutputOracle: only the proposer address can propose new outputs");
        require(
            _l2BlockNumber == nextBlockNumber(),
            "L2OutputOracle: block number must be equal to next expected block number"
        );
        require(
            computeL2Timestamp(_l2BlockNumber) < block.timestamp,
            "L2OutputOracle: cannot propose L2 output in the future"
        );
        require(_outputRoot != bytes32(0), "L2OutputOracle: L2 output proposal cannot be the zero hash");
        if (_l1BlockHash != bytes32(0)) {
            require(
                blockhash(_l1BlockNumber) == _l1BlockHash,
                "L2OutputOracle: block hash does not match the hash at the expected height"
            );
        }

        emit OutputProposed(_outputRoot, nextOutputIndex(), _l2BlockNumber, block.timestamp);
        l2Outputs.push(
            Types.OutputProposal({
                outputRoot: _outputRoot,
                timestamp: uint128(block.timestamp),
                l2BlockNumber: uint128(_l2BlockNumber)
            })
        );
    }

    /// @notice The output at `_l2OutputIndex` (reverts if there is none).
    function getL2Output(uint256 _l2OutputIndex) external view returns (Types.OutputProposal memory) {
        return l2Outputs[_l2OutputIndex];
    }

    /// @notice The index of the first output at or after L2 block `_l2BlockNumber`, the one that
    ///         commits to it. viem's getWithdrawalStatus reads the first revert string as "not yet
    ///         provable".
    function getL2OutputIndexAfter(uint256 _l2BlockNumber) public view returns (uint256) {
        require(
            _l2BlockNumber <= latestBlockNumber(),
            "L2OutputOracle: cannot get output for a block that has not been proposed"
        );
        uint256 length = l2Outputs.length;
        require(length > 0, "L2OutputOracle: cannot get output as no outputs have been proposed yet");

        // Outputs are in increasing block order: the least index whose block is >= the one asked.
        uint256 lo = 0;
        uint256 hi = length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (l2Outputs[mid].l2BlockNumber < _l2BlockNumber) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /// @notice The first output at or after L2 block `_l2BlockNumber`.
    function getL2OutputAfter(uint256 _l2BlockNumber) external view returns (Types.OutputProposal memory) {
        return l2Outputs[getL2OutputIndexAfter(_l2BlockNumber)];
    }

    /// @notice The index of the last output (reverts if there is none).
    function latestOutputIndex() external view returns (uint256) {
        return l2Outputs.length - 1;
    }

    /// @notice The index the next output will have.
    function nextOutputIndex() public view returns (uint256) {
        return l2Outputs.length;
    }

    /// @notice The L2 block of the last output, or the starting block if there is none.
    function latestBlockNumber() public view returns (uint256) {
        uint256 length = l2Outputs.length;
        return length == 0 ? startingBlockNumber : l2Outputs[length - 1].l2BlockNumber;
    }

    /// @notice The L2 block the next output must be about.
    function nextBlockNumber() public view returns (uint256) {
        return latestBlockNumber() + submissionInterval;
    }

    /// @notice The timestamp of L2 block `_l2BlockNumber` (not before the starting block).
    function computeL2Timestamp(uint256 _l2BlockNumber) public view returns (uint256) {
        return startingTimestamp + ((_l2BlockNumber - startingBlockNumber) * l2BlockTime);
    }
}
