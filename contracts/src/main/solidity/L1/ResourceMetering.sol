// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { Initializable } from "universal/Initializable.sol";
import { IResourceMetering } from "L1/interfaces/IResourceMetering.sol";
import { Arithmetic } from "libraries/Arithmetic.sol";
import { Burn } from "libraries/Burn.sol";

/// @title ResourceMetering
/// @notice The market for deposit gas (specs guaranteed-gas-market.md): L2 gas bought on L1 is
///         priced by an EIP-1559-style base fee that rises when blocks buy more than the target
///         (maxResourceLimit / elasticityMultiplier) and falls when they buy less or nothing, and no
///         L1 block may buy more than maxResourceLimit. The price is paid by burning L1 gas worth
///         it at the L1 base fee, less the gas the call itself used up to that point (the stipend).
/// @dev Storage (as the OP Stack's, behind the portals' proxies): `params` in slot 1, after
///      Initializable's slot 0, then a gap to slot 49.
abstract contract ResourceMetering is Initializable, IResourceMetering {
    /// @notice The market's state after the last purchase.
    ResourceParams public params;

    /// @notice Reserved so that the ResourceMetering part stays 49 slots long (with `params`).
    uint256[48] private __gap;

    /// @notice Charges for `_amount` of L2 gas after the function ran, crediting the gas it used.
    modifier metered(uint64 _amount) {
        uint256 initialGas = gasleft();
        _;
        _metered(_amount, initialGas);
    }

    /// @notice Updates the base fee for the blocks since the last purchase, records the purchase of
    ///         `_amount`, and burns the L1 gas it costs beyond what was used since `_initialGas`.
    function _metered(uint64 _amount, uint256 _initialGas) internal {
        ResourceConfig memory config = _resourceConfig();
        ResourceParams memory p = params;

        uint256 blockDiff = block.number - p.prevBlockNum;
        if (blockDiff > 0) {
            p.prevBaseFee = _nextBaseFee(config, p, blockDiff);
            p.prevBoughtGas = 0;
            p.prevBlockNum = uint64(block.number);
        }

        p.prevBoughtGas += _amount;
        if (p.prevBoughtGas > config.maxResourceLimit) revert OutOfGas();
        params = p;

        // The ETH the L2 gas costs, burnt as L1 gas at the L1 base fee (at least 1 gwei, for L1s
        // without EIP-1559 and to bound the burn when L1 is nearly free).
        uint256 resourceCost = uint256(_amount) * uint256(p.prevBaseFee);
        uint256 l1BaseFee = block.basefee > 1 gwei ? block.basefee : 1 gwei;
        uint256 gasCost = resourceCost / l1BaseFee;

        uint256 usedGas = _initialGas - gasleft();
        if (gasCost > usedGas) {
            Burn.gas(gasCost - usedGas);
        }
    }

    /// @notice The base fee of the current block, `_blockDiff` > 0 blocks after the last purchase:
    ///         one EIP-1559 step for the block that bought `prevBoughtGas`, then a decay by
    ///         (1 - 1/denominator) for each block in between that bought nothing; clamped to the
    ///         configured range after each.
    function _nextBaseFee(
        ResourceConfig memory _config,
        ResourceParams memory _params,
        uint256 _blockDiff
    )
        private
        pure
        returns (uint128)
    {
        int256 target = int256(uint256(_config.maxResourceLimit)) / int256(uint256(_config.elasticityMultiplier));
        int256 denominator = int256(uint256(_config.baseFeeMaxChangeDenominator));
        int256 minimum = int256(uint256(_config.minimumBaseFee));
        int256 maximum = int256(uint256(_config.maximumBaseFee));

        int256 prevBaseFee = int256(uint256(_params.prevBaseFee));
        int256 gasUsedDelta = int256(uint256(_params.prevBoughtGas)) - target;
        // Truncating (toward zero) division, as the spec's pseudocode.
        int256 baseFeeDelta = (prevBaseFee * gasUsedDelta) / (target * denominator);
        int256 baseFee = Arithmetic.clamp(prevBaseFee + baseFeeDelta, minimum, maximum);

        if (_blockDiff > 1) {
            // Constant-time stand-in for repeating the step for each empty block.
            baseFee = Arithmetic.clamp(
                Arithmetic.cdexp(baseFee, denominator, int256(_blockDiff - 1)), minimum, maximum
            );
        }
        return uint128(uint256(baseFee));
    }

    /// @notice The market's parameters (from the SystemConfig).
    function _resourceConfig() internal view virtual returns (ResourceConfig memory);

    /// @notice Starts the market at 1 gwei in the current block, on the first initialization only.
    function __ResourceMetering_init() internal onlyInitializing {
        if (params.prevBlockNum == 0) {
            params = ResourceParams({ prevBaseFee: 1 gwei, prevBoughtGas: 0, prevBlockNum: uint64(block.number) });
        }
    }
}
