// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";
import { Constants } from "libraries/Constants.sol";

/// @custom:proxied true
/// @custom:predeploy 0x4200000000000000000000000000000000000015
/// @title L1Block
/// @notice The L1 attributes predeploy (specs predeploys.md "L1Block", deposits.md "L1 Attributes
///         Deposited Transaction"): what L2 knows of its current L1 origin block and of the fee
///         parameters of the SystemConfig. The first transaction of every L2 block, a deposit from
///         the depositor account, writes them.
///
///         The storage layout is consensus: the execution engine reads the L1 fee parameters straight
///         from slots 1 (basefee), 3 (baseFeeScalar at offset 12, blobBaseFeeScalar at offset 8),
///         5 (l1FeeOverhead), 6 (l1FeeScalar), 7 (blobBaseFee) and, from Isthmus, 8 (operator fee
///         parameters) to charge every transaction's L1 data fee (specs exec-engine.md "L1-Cost
///         fees"). The declaration order below reproduces the OP Stack's slots exactly.
contract L1Block is ISemver {
    /// @notice The caller is not the depositor account.
    error NotDepositor();

    /// @notice The number of the L1 origin block (slot 0, offset 0).
    uint64 public number;

    /// @notice The timestamp of the L1 origin block (slot 0, offset 8).
    uint64 public timestamp;

    /// @notice The base fee of the L1 origin block (slot 1).
    uint256 public basefee;

    /// @notice The hash of the L1 origin block (slot 2).
    bytes32 public hash;

    /// @notice How many L2 blocks of the epoch precede this one: 0 in the first block of an epoch
    ///         (slot 3, offset 0).
    uint64 public sequenceNumber;

    /// @notice Ecotone's scalar of the blob base fee in the L1 cost (slot 3, offset 8).
    uint32 public blobBaseFeeScalar;

    /// @notice Ecotone's scalar of the L1 base fee in the L1 cost (slot 3, offset 12).
    uint32 public baseFeeScalar;

    /// @notice The versioned hash of the batch submitter (slot 4; specs system-config.md).
    bytes32 public batcherHash;

    /// @notice Bedrock's L1 fee overhead; unused from Ecotone (slot 5).
    /// @custom:legacy
    uint256 public l1FeeOverhead;

    /// @notice Bedrock's L1 fee scalar; unused from Ecotone (slot 6).
    /// @custom:legacy
    uint256 public l1FeeScalar;

    /// @notice The blob base fee of the L1 origin block (slot 7), 1 when L1 has no blobs yet.
    uint256 public blobBaseFee;

    /// @notice Isthmus' constant operator fee per transaction (slot 8, offset 0; specs
    ///         isthmus/exec-engine.md "Operator Fee").
    uint64 public operatorFeeConstant;

    /// @notice Isthmus' operator fee per gas, scaled by 1e6 (slot 8, offset 8).
    uint32 public operatorFeeScalar;

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.5.0";
    }

    /// @notice The account that sends the L1 attributes deposit, the only one allowed to set the
    ///         values here (specs deposits.md "L1 Attributes Depositor Account").
    function DEPOSITOR_ACCOUNT() public pure returns (address addr_) {
        addr_ = Constants.DEPOSITOR_ACCOUNT;
    }

    /// @custom:legacy
    /// @notice Sets the L1 block values, as the L1 attributes deposit does before Ecotone (and in
    ///         Ecotone's activation block, before this contract is upgraded).
    /// @param _number         The L1 block number.
    /// @param _timestamp      The L1 block timestamp.
    /// @param _basefee        The L1 base fee.
    /// @param _hash           The L1 block hash.
    /// @param _sequenceNumber The number of L2 blocks since the start of the epoch.
    /// @param _batcherHash    The versioned hash of the batch submitter.
    /// @param _l1FeeOverhead  The L1 fee overhead.
    /// @param _l1FeeScalar    The L1 fee scalar.
    function setL1BlockValues(
        uint64 _number,
        uint64 _timestamp,
        uint256 _basefee,
        bytes32 _hash,
        uint64 _sequenceNumber,
        bytes32 _batcherHash,
        uint256 _l1FeeOverhead,
        uint256 _l1FeeScalar
    )
        external
    {
        require(msg.sender == DEPOSITOR_ACCOUNT(), "L1Block: only the depositor account can set L1 block values");

        number = _number;
        timestamp = _timestamp;
        basefee = _basefee;
        hash = _hash;
        // The Ecotone scalars sharing slot 3 are left as they are.
        sequenceNumber = _sequenceNumber;
        batcherHash = _batcherHash;
        l1FeeOverhead = _l1FeeOverhead;
        l1FeeScalar = _l1FeeScalar;
    }

    /// @notice Sets the L1 block values from Ecotone on. The arguments are not ABI-encoded but
    ///         packed after the selector to keep the per-block deposit small (specs
    ///         ecotone/l1-attributes.md):
    ///           bytes   4-7   baseFeeScalar      uint32
    ///           bytes   8-11  blobBaseFeeScalar  uint32
    ///           bytes  12-19  sequenceNumber     uint64
    ///           bytes  20-27  timestamp          uint64
    ///           bytes  28-35  number             uint64
    ///           bytes  36-67  basefee            uint256
    ///           bytes  68-99  blobBaseFee        uint256
    ///           bytes 100-131 hash               bytes32
    ///           bytes 132-163 batcherHash        bytes32
    function setL1BlockValuesEcotone() external {
        _setL1BlockValuesEcotone();
    }

    /// @notice Sets the L1 block values from Isthmus on: Ecotone's packed arguments followed by
    ///         the operator fee parameters (specs isthmus/l1-attributes.md):
    ///           bytes 164-167 operatorFeeScalar    uint32
    ///           bytes 168-175 operatorFeeConstant  uint64
    function setL1BlockValuesIsthmus() external {
        _setL1BlockValuesEcotone();
        assembly {
            // Bytes 164-175 land in the low 12 bytes of the word: the scalar at offset 8 and the
            // constant at offset 0 of slot 8, the two fields' places.
            sstore(operatorFeeConstant.slot, shr(160, calldataload(164)))
        }
    }

    /// @notice Stores Ecotone's packed arguments. Each group of packed fields in the calldata is
    ///         laid out as the fields are packed in their slot, so one shift puts it in place.
    function _setL1BlockValuesEcotone() internal {
        address depositor = DEPOSITOR_ACCOUNT();
        assembly {
            if iszero(eq(caller(), depositor)) {
                // NotDepositor(): 0x3cc50b45
                mstore(0x00, 0x3cc50b45)
                revert(0x1c, 0x04)
            }
            // Bytes 4-19 to the low 16 bytes: sequenceNumber (offset 0), blobBaseFeeScalar (offset 8),
            // baseFeeScalar (offset 12).
            sstore(sequenceNumber.slot, shr(128, calldataload(4)))
            // Bytes 20-35 to the low 16 bytes: number (offset 0), timestamp (offset 8).
            sstore(number.slot, shr(128, calldataload(20)))
            sstore(basefee.slot, calldataload(36))
            sstore(blobBaseFee.slot, calldataload(68))
            sstore(hash.slot, calldataload(100))
            sstore(batcherHash.slot, calldataload(132))
        }
    }
}
