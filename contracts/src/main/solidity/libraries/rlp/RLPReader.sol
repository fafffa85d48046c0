// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    EmptyItem,
    UnexpectedString,
    InvalidDataRemainder,
    UnexpectedList,
    ContentLengthMismatch,
    InvalidHeader
} from "libraries/rlp/RLPErrors.sol";

/// @title RLPReader
/// @notice Reads Recursive Length Prefix encodings (Ethereum yellow paper, appendix B) in memory,
///         as the nodes of a Merkle-Patricia proof arrive. Items are views (a pointer and a length)
///         into the caller's bytes, so lists are split without copying; only readBytes and
///         readRawBytes copy. Only canonical encodings are accepted: a single byte below 0x80 must
///         stand for itself, long lengths must need their long form and have no leading zero byte.
/// @dev Withdrawal proofs spend most of their gas splitting trie nodes (17 items a branch), so the
///      decoding runs in assembly: one pass checks each header and lays the item structs out, and
///      a failure code is turned into the error afterwards (so that the errors, the OP Stack's,
///      stay in the ABIs of the contracts using the reader).
library RLPReader {
    /// @notice A view of one encoded item.
    /// @custom:field length Bytes of the whole item, header included.
    /// @custom:field ptr    Memory address of its first (header) byte.
    struct RLPItem {
        uint256 length;
        uint256 ptr;
    }

    /// @notice Failure codes of _parse.
    uint256 private constant ERR_EMPTY = 1;
    uint256 private constant ERR_LENGTH = 2;
    uint256 private constant ERR_HEADER = 3;
    uint256 private constant ERR_STRING = 4;
    uint256 private constant ERR_LIST = 5;
    uint256 private constant ERR_REMAINDER = 6;

    /// @notice A view of `_in` as one RLP item.
    function toRLPItem(bytes memory _in) internal pure returns (RLPItem memory item_) {
        if (_in.length == 0) revert EmptyItem();
        uint256 ptr;
        assembly {
            ptr := add(_in, 32)
        }
        item_ = RLPItem({ length: _in.length, ptr: ptr });
    }

    /// @notice The items of an encoded list, which must be exactly `_in`.
    function readList(bytes memory _in) internal pure returns (RLPItem[] memory items_) {
        items_ = readList(toRLPItem(_in));
    }

    /// @notice The items of the list `_in`, which must span the whole view.
    function readList(RLPItem memory _in) internal pure returns (RLPItem[] memory items_) {
        uint256 failure;
        (items_,,, failure) = _parse(_in.ptr, _in.length, true);
        if (failure != 0) _fail(failure);
    }

    /// @notice The content of an encoded string (data item), which must be exactly `_in`.
    function readBytes(bytes memory _in) internal pure returns (bytes memory out_) {
        out_ = readBytes(toRLPItem(_in));
    }

    /// @notice The content of the string (data item) `_in`, which must span the whole view.
    function readBytes(RLPItem memory _in) internal pure returns (bytes memory out_) {
        (, uint256 offset, uint256 length, uint256 failure) = _parse(_in.ptr, _in.length, false);
        if (failure != 0) _fail(failure);
        out_ = _copy(_in.ptr + offset, length);
    }

    /// @notice The whole encoding of `_in`, header included.
    function readRawBytes(RLPItem memory _in) internal pure returns (bytes memory out_) {
        out_ = _copy(_in.ptr, _in.length);
    }

    /// @notice Decodes the item of `_length` bytes at `_ptr`, which must be a list if `_list`, else
    ///         a string, and span exactly those bytes. For a list, also checks every item's header
    ///         against what is left of the list (no item reaches past its end) and returns the
    ///         items, laid out as [structs of (length, ptr)][count][pointers].
    /// @return items_   The list's items (lists only).
    /// @return offset_  Header bytes (where the content starts).
    /// @return length_  Content bytes.
    /// @return failure_ Zero, or the failure code of the first check that failed.
    function _parse(
        uint256 _ptr,
        uint256 _length,
        bool _list
    )
        private
        pure
        returns (RLPItem[] memory items_, uint256 offset_, uint256 length_, uint256 failure_)
    {
        assembly ("memory-safe") {
            // The header of the item at p, of which `available` bytes may be read; the checks in
            // the order the OP Stack's reader makes them.
            function header(p, available) -> offset, length, isList, failure {
                if iszero(available) {
                    failure := 1 // ERR_EMPTY
                    leave
                }
                let word := mload(p)
                let prefix := byte(0, word)
                if lt(prefix, 0x80) {
                    // A byte below 0x80 is its own encoding.
                    length := 1
                    leave
                }
                if lt(prefix, 0xb8) {
                    // A string of 0 to 55 bytes: 0x80 + length, then the bytes.
                    offset := 1
                    length := sub(prefix, 0x80)
                    if iszero(gt(available, length)) {
                        failure := 2 // ERR_LENGTH
                        leave
                    }
                    // A single byte below 0x80 must be encoded as itself.
                    if and(eq(length, 1), lt(byte(1, word), 0x80)) { failure := 3 } // ERR_HEADER
                    leave
                }
                if lt(prefix, 0xf8) {
                    if gt(prefix, 0xbf) {
                        // A list of 0 to 55 payload bytes: 0xc0 + length, then the items.
                        isList := 1
                        offset := 1
                        length := sub(prefix, 0xc0)
                        if iszero(gt(available, length)) { failure := 2 } // ERR_LENGTH
                        leave
                    }
                }
                // The long forms: 0xb7 (string) or 0xf7 (list) + the size of the length, the
                // big-endian length, the content.
                let lengthOfLength := sub(prefix, 0xb7)
                if gt(prefix, 0xbf) {
                    isList := 1
                    lengthOfLength := sub(prefix, 0xf7)
                }
                if iszero(gt(available, lengthOfLength)) {
                    failure := 2 // ERR_LENGTH
                    leave
                }
                // The canonical length has no leading zero byte and needs the long form.
                if iszero(byte(1, word)) {
                    failure := 3 // ERR_HEADER
                    leave
                }
                length := shr(sub(256, shl(3, lengthOfLength)), mload(add(p, 1)))
                if lt(length, 56) {
                    failure := 3 // ERR_HEADER
                    leave
                }
                offset := add(1, lengthOfLength)
                if iszero(gt(available, add(lengthOfLength, length))) { failure := 2 } // ERR_LENGTH
            }

            let isList := 0
            offset_, length_, isList, failure_ := header(_ptr, _length)
            if iszero(failure_) {
                switch _list
                case 1 { if iszero(isList) { failure_ := ERR_STRING } }
                default { if isList { failure_ := ERR_LIST } }
            }
            if and(iszero(failure_), iszero(eq(add(offset_, length_), _length))) { failure_ := ERR_REMAINDER }

            if and(_list, iszero(failure_)) {
                let structs := mload(0x40)
                let s := structs
                let end := add(_ptr, _length)
                for { let p := add(_ptr, offset_) } lt(p, end) { } {
                    let o, l, x, f := header(p, sub(end, p))
                    if f {
                        failure_ := f
                        break
                    }
                    let size := add(o, l)
                    mstore(s, size)
                    mstore(add(s, 0x20), p)
                    s := add(s, 0x40)
                    p := add(p, size)
                }
                if iszero(failure_) {
                    items_ := s
                    mstore(items_, shr(6, sub(s, structs)))
                    let slot := add(items_, 0x20)
                    for { let q := structs } lt(q, s) { q := add(q, 0x40) } {
                        mstore(slot, q)
                        slot := add(slot, 0x20)
                    }
                    mstore(0x40, slot)
                }
            }
        }
    }

    /// @notice Reverts with the error of a failure code of _parse.
    function _fail(uint256 _failure) private pure {
        if (_failure == ERR_EMPTY) revert EmptyItem();
        if (_failure == ERR_LENGTH) revert ContentLengthMismatch();
        if (_failure == ERR_HEADER) revert InvalidHeader();
        if (_failure == ERR_STRING) revert UnexpectedString();
        if (_failure == ERR_LIST) revert UnexpectedList();
        revert InvalidDataRemainder();
    }

    /// @notice A new bytes array holding `_length` bytes from memory at `_src`.
    function _copy(uint256 _src, uint256 _length) private pure returns (bytes memory out_) {
        out_ = new bytes(_length);
        assembly ("memory-safe") {
            mcopy(add(out_, 32), _src, _length)
        }
    }
}
