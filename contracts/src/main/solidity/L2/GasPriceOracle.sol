// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";
import { Constants } from "libraries/Constants.sol";
import { Predeploys } from "libraries/Predeploys.sol";
import { IL1Block } from "L2/interfaces/IL1Block.sol";
import { FastLZ } from "L2/FastLZ.sol";

/// @custom:proxied true
/// @custom:predeploy 0x420000000000000000000000000000000000000F
/// @title GasPriceOracle
/// @notice Computes, for wallets and contracts, the L1 data fee the execution engine charges a
///         transaction (specs exec-engine.md "L1-Cost fees", fjord/predeploys.md), from the L1
///         fee parameters the L1Block predeploy holds. Which formula applies follows the
///         hardforks, switched on here by the network upgrade transactions (setEcotone, setFjord,
///         setIsthmus) of their activation blocks.
///
///         The functions take a transaction without its signature, as wallets have it before
///         signing (viem's estimateL1Fee serializes the request unsigned): 68 bytes stand in for
///         the signature and the RLP overhead it adds.
contract GasPriceOracle is ISemver {
    /// @notice The number of decimals of the scalars.
    uint256 public constant DECIMALS = 6;

    /// @notice Fjord's linear regression of the compressed size from the FastLZ size, scaled by
    ///         1e6 (specs fjord/exec-engine.md "Fjord L1-Cost fee changes").
    int256 private constant COST_INTERCEPT = -42_585_600;

    /// @notice Fjord's FastLZ coefficient, scaled by 1e6.
    uint256 private constant COST_FASTLZ_COEF = 836_500;

    /// @notice Fjord's floor of the estimated compressed size, in bytes.
    uint256 private constant MIN_TRANSACTION_SIZE = 100;

    /// @notice The bytes a signature adds to an unsigned transaction, counted as non-zero.
    uint256 private constant SIGNATURE_PADDING = 68;

    /// @notice Whether Ecotone's formula applies (slot 0, offset 0).
    bool public isEcotone;

    /// @notice Whether Fjord's formula applies (slot 0, offset 1).
    bool public isFjord;

    /// @notice Whether the Isthmus operator fee applies (slot 0, offset 2).
    bool public isIsthmus;

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.3.0";
    }

    /// @notice Switches to Ecotone's formula; called once by the Ecotone upgrade transactions.
    function setEcotone() external {
        require(
            msg.sender == Constants.DEPOSITOR_ACCOUNT,
            "GasPriceOracle: only the depositor account can set isEcotone flag"
        );
        require(!isEcotone, "GasPriceOracle: Ecotone already active");
        isEcotone = true;
    }

    /// @notice Switches to Fjord's formula; called once by the Fjord upgrade transactions.
    function setFjord() external {
        require(
            msg.sender == Constants.DEPOSITOR_ACCOUNT, "GasPriceOracle: only the depositor account can set isFjord flag"
        );
        require(isEcotone, "GasPriceOracle: Fjord can only be activated after Ecotone");
        require(!isFjord, "GasPriceOracle: Fjord already active");
        isFjord = true;
    }

    /// @notice Turns on the operator fee; called once by the Isthmus upgrade transactions.
    function setIsthmus() external {
        require(
            msg.sender == Constants.DEPOSITOR_ACCOUNT,
            "GasPriceOracle: only the depositor account can set isIsthmus flag"
        );
        require(isFjord, "GasPriceOracle: Isthmus can only be activated after Fjord");
        require(!isIsthmus, "GasPriceOracle: Isthmus already active");
        isIsthmus = true;
    }

    /// @notice The L1 data fee of a transaction, by the formula of the active hardfork.
    /// @param _data The unsigned, fully encoded transaction.
    /// @return The fee in wei.
    function getL1Fee(bytes memory _data) external view returns (uint256) {
        if (isFjord) {
            return _fjordL1Cost(FastLZ.compressedLength(_data) + SIGNATURE_PADDING);
        }
        if (isEcotone) {
            // calldataGas * (16 * basefee * baseFeeScalar + blobBaseFee * blobBaseFeeScalar) / 16e6:
            // the division by 16 of the blob part is postponed to keep its precision.
            return _calldataGas(_data) * _scaledFee() / (16 * 10 ** DECIMALS);
        }
        IL1Block l1Block = IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES);
        return (_calldataGas(_data) + l1Block.l1FeeOverhead()) * l1Block.basefee() * l1Block.l1FeeScalar()
            / (10 ** DECIMALS);
    }

    /// @notice An upper bound of Fjord's L1 data fee for an unsigned transaction of a given size,
    ///         cheaper than getL1Fee for contracts: FastLZ never makes 99.99% of transactions
    ///         larger than size + size / 255 + 16 (specs fjord/predeploys.md "L1 Gas Usage
    ///         Estimation").
    /// @param _unsignedTxSize The size of the unsigned, fully encoded transaction.
    /// @return The fee bound in wei.
    function getL1FeeUpperBound(uint256 _unsignedTxSize) external view returns (uint256) {
        require(isFjord, "GasPriceOracle: getL1FeeUpperBound only supports Fjord");
        uint256 txSize = _unsignedTxSize + SIGNATURE_PADDING;
        return _fjordL1Cost(txSize + txSize / 255 + 16);
    }

    /// @notice The L1 gas a transaction's data is estimated to take (the receipt's l1GasUsed).
    /// @param _data The unsigned, fully encoded transaction.
    /// @return The L1 gas.
    /// @custom:deprecated The fee is not this gas times a price from Ecotone on; use getL1Fee or
    ///                    getL1FeeUpperBound for fees.
    function getL1GasUsed(bytes memory _data) public view returns (uint256) {
        if (isFjord) {
            // The estimated compressed size, all of it priced as non-zero calldata.
            return _fjordEstimatedSize(FastLZ.compressedLength(_data) + SIGNATURE_PADDING) * 16 / 1e6;
        }
        uint256 gas = _calldataGas(_data);
        if (isEcotone) {
            return gas;
        }
        return gas + IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).l1FeeOverhead();
    }

    /// @notice Isthmus' operator fee for `_gasUsed` gas: gasUsed * operatorFeeScalar / 1e6 +
    ///         operatorFeeConstant (specs isthmus/exec-engine.md "Fee Formula"), saturating at the
    ///         largest uint256; 0 before Isthmus.
    /// @param _gasUsed The L2 gas of the transaction.
    /// @return The fee in wei.
    function getOperatorFee(uint256 _gasUsed) external view returns (uint256) {
        if (!isIsthmus) {
            return 0;
        }
        IL1Block l1Block = IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES);
        uint256 scalar_ = l1Block.operatorFeeScalar();
        uint256 constant_ = l1Block.operatorFeeConstant();
        uint256 perGas;
        unchecked {
            uint256 product = _gasUsed * scalar_;
            perGas = (scalar_ != 0 && product / scalar_ != _gasUsed) ? type(uint256).max : product;
            perGas /= 1e6;
            uint256 sum = perGas + constant_;
            return sum < perGas ? type(uint256).max : sum;
        }
    }

    /// @notice The L2 gas price: the base fee.
    function gasPrice() public view returns (uint256) {
        return block.basefee;
    }

    /// @notice The L2 base fee.
    function baseFee() public view returns (uint256) {
        return block.basefee;
    }

    /// @custom:legacy
    /// @notice Bedrock's L1 fee overhead; meaningless from Ecotone, so it reverts then.
    function overhead() public view returns (uint256) {
        require(!isEcotone, "GasPriceOracle: overhead() is deprecated");
        return IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).l1FeeOverhead();
    }

    /// @custom:legacy
    /// @notice Bedrock's L1 fee scalar; meaningless from Ecotone, so it reverts then.
    function scalar() public view returns (uint256) {
        require(!isEcotone, "GasPriceOracle: scalar() is deprecated");
        return IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).l1FeeScalar();
    }

    /// @notice The base fee of the L1 origin block.
    function l1BaseFee() public view returns (uint256) {
        return IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).basefee();
    }

    /// @notice The blob base fee of the L1 origin block.
    function blobBaseFee() public view returns (uint256) {
        return IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).blobBaseFee();
    }

    /// @notice Ecotone's scalar of the L1 base fee.
    function baseFeeScalar() public view returns (uint32) {
        return IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).baseFeeScalar();
    }

    /// @notice Ecotone's scalar of the blob base fee.
    function blobBaseFeeScalar() public view returns (uint32) {
        return IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES).blobBaseFeeScalar();
    }

    /// @custom:legacy
    /// @notice The number of decimals of the scalars.
    function decimals() public pure returns (uint256) {
        return DECIMALS;
    }

    /// @notice Calldata gas of the data plus the signature padding: 4 per zero byte, 16 per other.
    function _calldataGas(bytes memory _data) internal pure returns (uint256 gas_) {
        assembly ("memory-safe") {
            let p := add(_data, 0x20)
            let end := add(p, mload(_data))
            let zeroes := 0
            for { } lt(p, end) { p := add(p, 1) } { zeroes := add(zeroes, iszero(byte(0, mload(p)))) }
            gas_ := add(sub(mul(16, mload(_data)), mul(12, zeroes)), mul(16, 68))
        }
    }

    /// @notice 16 * basefee * baseFeeScalar + blobBaseFee * blobBaseFeeScalar, in uint256 (the
    ///         execution engine's products are unbounded; uint32 scalars cannot overflow them).
    function _scaledFee() internal view returns (uint256) {
        IL1Block l1Block = IL1Block(Predeploys.L1_BLOCK_ATTRIBUTES);
        return 16 * uint256(l1Block.baseFeeScalar()) * l1Block.basefee()
            + uint256(l1Block.blobBaseFeeScalar()) * l1Block.blobBaseFee();
    }

    /// @notice Fjord's fee: estimatedSize(fastLzSize) * scaledFee / 1e12.
    function _fjordL1Cost(uint256 _fastLzSize) internal view returns (uint256) {
        return _fjordEstimatedSize(_fastLzSize) * _scaledFee() / (10 ** (DECIMALS * 2));
    }

    /// @notice max(MIN_TRANSACTION_SIZE * 1e6, intercept + fastlzCoef * fastLzSize), the estimated
    ///         compressed size scaled by 1e6.
    function _fjordEstimatedSize(uint256 _fastLzSize) internal pure returns (uint256) {
        int256 estimate = COST_INTERCEPT + int256(COST_FASTLZ_COEF * _fastLzSize);
        int256 floor = int256(MIN_TRANSACTION_SIZE * 1e6);
        return uint256(estimate < floor ? floor : estimate);
    }
}
