// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title FastLZ
/// @notice The size of FastLZ level-1 compression of a byte string (specs fjord/exec-engine.md
///         "FastLZ Implementation": ariya/FastLZ's fastlz1_compress as op-geth's FlzCompressLen
///         counts it). Fjord's L1 cost estimates a transaction's compressed size from it, so the
///         count must agree with the execution engine's to the byte. Only the size is needed: the
///         scan adds up what literal runs and back-references would occupy without writing them.
///
///         Format facts that fix the count: literals go in runs of at most 32 bytes behind a
///         one-byte header; a match is found through an 8,192-entry hash table of 3-byte sequences,
///         reaches back at most 8,191 bytes, and costs 2 bytes when its length code fits in the
///         instruction byte, 3 otherwise, plus 3 more for each full 262 bytes of length.
library FastLZ {
    /// @notice The number of bytes FastLZ level 1 compresses `_data` into.
    function compressedLength(bytes memory _data) internal pure returns (uint256 size_) {
        assembly ("memory-safe") {
            // The 3 bytes at position `i` as a little-endian integer, the value FastLZ hashes.
            function u24(base, i) -> v {
                let x := shr(232, mload(add(base, i)))
                v := or(or(shl(16, and(x, 0xff)), and(x, 0xff00)), shr(16, x))
            }

            // Fibonacci hashing to 13 bits in uint32 arithmetic: (v * 2654435769 mod 2^32) >> 19.
            function hash13(v) -> h {
                h := and(shr(19, and(mul(v, 2654435769), 0xffffffff)), 0x1fff)
            }

            // The table holds 4-byte positions; an entry is the top 4 bytes of the word at its
            // place, so a write keeps the 28 bytes that follow (the next entries).
            function setEntry(table, h, v) {
                let p := add(table, shl(2, h))
                mstore(p, or(shl(224, v), shr(32, shl(32, mload(p)))))
            }

            // Runs of up to 32 literals, each behind a one-byte header.
            function literalsSize(count) -> n {
                n := mul(33, div(count, 32))
                let rest := mod(count, 32)
                if rest { n := add(n, add(rest, 1)) }
            }

            // A match of length code `l` (as matchLength counts): 3 bytes per full 262, then 2 or 3.
            function matchSize(l) -> n {
                l := sub(l, 1)
                n := add(mul(3, div(l, 262)), 2)
                if iszero(lt(mod(l, 262), 6)) { n := add(n, 1) }
            }

            // How far the bytes at `p` and `q` agree, counting the first differing byte too (as
            // FastLZ's comparison loop leaves its pointer one past it), at most `end - q`. Words
            // are compared 32 bytes at a time; bytes past `end` never count.
            function matchLength(base, p, q, end) -> l {
                let bound := sub(end, q)
                for { } 1 { } {
                    if iszero(lt(l, bound)) {
                        l := bound
                        break
                    }
                    let x := xor(mload(add(base, add(p, l))), mload(add(base, add(q, l))))
                    if x {
                        // The index of the first differing byte: the leading zero bytes of x.
                        let k := 0
                        if iszero(shr(128, x)) {
                            k := 16
                            x := shl(128, x)
                        }
                        if iszero(shr(192, x)) {
                            k := add(k, 8)
                            x := shl(64, x)
                        }
                        if iszero(shr(224, x)) {
                            k := add(k, 4)
                            x := shl(32, x)
                        }
                        if iszero(shr(240, x)) {
                            k := add(k, 2)
                            x := shl(16, x)
                        }
                        if iszero(shr(248, x)) { k := add(k, 1) }
                        l := add(l, k)
                        switch lt(l, bound)
                        case 1 { l := add(l, 1) }
                        default { l := bound }
                        break
                    }
                    l := add(l, 32)
                }
            }

            let len := mload(_data)
            let base := add(_data, 0x20)
            // Scratch memory past the free memory pointer, zeroed: every entry starts at position
            // 0, as FastLZ's table does. 32 spare bytes cover the word read at the last entry.
            let table := mload(0x40)
            calldatacopy(table, calldatasize(), 0x8020)

            // The last 13 bytes never start a match (the compressor's bounds margin).
            let ipLimit := 0
            if gt(len, 12) { ipLimit := sub(len, 13) }
            let anchor := 0
            let ip := 2
            for { } lt(ip, ipLimit) { } {
                // Find the next position whose 3 bytes were seen within reach.
                let ref := 0
                for { } 1 { } {
                    // The hot loop, with u24, hash13 and setEntry written out (a fifth less gas).
                    // Sequences are compared big-endian, equal either way; only the hash needs the
                    // little-endian value.
                    let s := shr(232, mload(add(base, ip)))
                    let v := or(or(shl(16, and(s, 0xff)), and(s, 0xff00)), shr(16, s))
                    let p := add(table, shl(2, and(shr(19, and(mul(v, 2654435769), 0xffffffff)), 0x1fff)))
                    let w := mload(p)
                    ref := shr(224, w)
                    mstore(p, or(shl(224, ip), and(w, 0x00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff)))
                    if iszero(lt(ip, ipLimit)) { break }
                    let distance := sub(ip, ref)
                    ip := add(ip, 1)
                    if lt(distance, 8192) { if eq(s, shr(232, mload(add(base, ref)))) { break } }
                }
                if iszero(lt(ip, ipLimit)) { break }
                ip := sub(ip, 1)
                if gt(ip, anchor) { size_ := add(size_, literalsSize(sub(ip, anchor))) }
                let l := matchLength(base, add(ref, 3), add(ip, 3), add(ipLimit, 9))
                size_ := add(size_, matchSize(l))
                ip := add(ip, l)
                // The two positions after a match are hashed so that later matches can use them.
                setEntry(table, hash13(u24(base, ip)), ip)
                ip := add(ip, 1)
                setEntry(table, hash13(u24(base, ip)), ip)
                ip := add(ip, 1)
                anchor := ip
            }
            size_ := add(size_, literalsSize(sub(len, anchor)))
        }
    }
}
