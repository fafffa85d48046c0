// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Arithmetic
/// @notice The fixed-point math of the deposit gas market (specs guaranteed-gas-market.md): clamping,
///         and the decay of the base fee over blocks without deposits, c * (1 - 1/d)^n, computed as
///         exp(n * ln(1 - 1/d)) in 18-decimal fixed point ("wad": 1e18 stands for 1).
///
///         Logarithms and exponentials are computed in 36-decimal fixed point and rounded to wad at
///         the end, so that results are within one wei of the exact (truncated) value:
///         - ln: x = m * 2^n with m in [1/sqrt2, sqrt2); ln(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...)
///           with s = (m - 1)/(m + 1), |s| < 0.172, so each term is 34 times smaller than the last.
///         - exp: x = k ln2 + r with |r| <= ln2/2; e^x = 2^k e^r, e^r = 1 + r + r^2/2! + ...
library Arithmetic {
    /// @notice 1 in wad.
    int256 internal constant WAD = 1e18;

    /// @notice 1 in the 36-decimal fixed point of the internal computations.
    int256 private constant ONE = 1e36;

    /// @notice ln(2), 36 decimals.
    int256 private constant LN2 = 693147180559945309417232121458176568;

    /// @notice 18 ln(10) = ln(1e18), 36 decimals: turns the logarithm of an integer into that of a wad.
    int256 private constant LN_WAD = 41446531673892822312323846184318555737;

    /// @notice sqrt(2), 36 decimals.
    int256 private constant SQRT2 = 1414213562373095048801688724209698079;

    /// @notice Below this (about ln(1e-18), in wad) e^x is less than one wei in wad.
    int256 private constant EXP_MIN = -41446531673892822313;

    /// @notice Above this (about ln((2^255 - 1) / 1e18), in wad) e^x does not fit an int256 in wad.
    int256 private constant EXP_MAX = 135305999368893231589;

    /// @notice `_value` limited to [`_min`, `_max`].
    function clamp(int256 _value, int256 _min, int256 _max) internal pure returns (int256) {
        if (_value < _min) return _min;
        if (_value > _max) return _max;
        return _value;
    }

    /// @notice (c)oefficient (d)enominator (exp)onentiation: `_coefficient` * (1 - 1/`_denominator`)^`_exponent`.
    function cdexp(int256 _coefficient, int256 _denominator, int256 _exponent) internal pure returns (int256) {
        return (_coefficient * powWad(WAD - (WAD / _denominator), _exponent * WAD)) / WAD;
    }

    /// @notice `_x`^`_y` for wads, `_x` > 0: exp(ln(x) * y). Reverts if ln(x) * y overflows (|y| above
    ///         about 1e40 wad) or the result does not fit.
    function powWad(int256 _x, int256 _y) internal pure returns (int256) {
        return expWad((_ln36(_x) * _y) / ONE);
    }

    /// @notice ln(`_x`) for a wad `_x` > 0, in wad, truncated toward zero (within one wei).
    function lnWad(int256 _x) internal pure returns (int256) {
        return _ln36(_x) / WAD;
    }

    /// @notice e^`_x` for a wad `_x`, in wad, truncated (within one wei; relative error below 1e-17).
    function expWad(int256 _x) internal pure returns (int256) {
        if (_x < EXP_MIN) return 0;
        require(_x <= EXP_MAX, "Arithmetic: exp overflow");

        // x = k ln2 + r, k the integer nearest to x / ln2; in 36 decimals from here on.
        int256 x36 = _x * WAD;
        int256 k = (x36 + (x36 < 0 ? -LN2 / 2 : LN2 / 2)) / LN2;
        int256 r = x36 - k * LN2;

        // e^r by its Taylor series, |r| <= ln2/2: the terms fall below 1e-36 after about 25.
        int256 sum = ONE;
        unchecked {
            int256 term = ONE;
            for (int256 i = 1; term != 0; i++) {
                term = (term * r) / (i * ONE);
                sum += term;
            }
        }

        // e^x in wad = e^r * 2^k / 1e18, ordered so that nothing overflows or loses precision:
        // sum < 1.42e36 < 2^121.
        uint256 e = uint256(sum);
        if (k < 0) {
            return int256((e >> uint256(-k)) / uint256(WAD));
        }
        if (k <= 135) {
            return int256((e << uint256(k)) / uint256(WAD));
        }
        // Up to k = 195 (x at EXP_MAX), e / 1e18 < 2^61 keeps 18 digits and shifts within 256 bits.
        return int256((e / uint256(WAD)) << uint256(k));
    }

    /// @notice ln(`_x` / 1e18) in 36 decimals, for `_x` > 0.
    function _ln36(int256 _x) private pure returns (int256) {
        require(_x > 0, "UNDEFINED");

        // x = t * 2^(n - 120) with t in [2^120, 2^121): n is the index of x's highest bit.
        uint256 ux = uint256(_x);
        uint256 n = _mostSignificantBit(ux);
        uint256 t = n >= 120 ? ux >> (n - 120) : ux << (120 - n);

        // m = t / 2^120 in [1, 2), as a 36-decimal number; moved to [1/sqrt2, sqrt2) by halving.
        int256 m = int256((t * uint256(ONE)) >> 120);
        int256 exponent = int256(n);
        if (m > SQRT2) {
            m /= 2;
            exponent += 1;
        }

        // ln(m) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1)/(m + 1).
        int256 s = ((m - ONE) * ONE) / (m + ONE);
        int256 sum = 0;
        unchecked {
            int256 s2 = (s * s) / ONE;
            int256 power = s;
            for (int256 j = 1; power != 0; j += 2) {
                sum += power / j;
                power = (power * s2) / ONE;
            }
        }
        return exponent * LN2 + 2 * sum - LN_WAD;
    }

    /// @notice The index of the highest set bit of `_x` > 0.
    function _mostSignificantBit(uint256 _x) private pure returns (uint256 r_) {
        for (uint256 step = 128; step > 0; step >>= 1) {
            if (_x >> step != 0) {
                _x >>= step;
                r_ += step;
            }
        }
    }
}
