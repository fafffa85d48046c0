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
library RLPReader {
    /// @notice A view of one encoded item.
    /// @custom:field length Bytes of the whole item, header included.
    /// @custom:field ptr    Memory address of its first (header) byte.
    struct RLPItem {
        uint256 length;
        uint256 ptr;
    }

    /// @notice The room a list's item array gets first; longer lists grow it by doubling. Merkle
    ///         proof nodes have at most 17 items, so they never grow.
    uint256 private constant INITIAL_LIST_CAPACITY = 17;

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
        (uint256 offset, uint256 length, bool isList) = _header(_in.ptr, _in.length);
        if (!isList) revert UnexpectedString();
        if (offset + length != _in.length) revert InvalidDataRemainder();

        items_ = new RLPItem[](INITIAL_LIST_CAPACITY);
        uint256 count;
        uint256 position = offset;
        while (position < _in.length) {
            uint256 ptr = _in.ptr + position;
            // Each item's header is checked against what is left of the list, so that no item
            // reaches past the list's end.
            (uint256 itemOffset, uint256 itemLength,) = _header(ptr, _in.length - position);
            if (count == items_.length) {
                items_ = _grow(items_);
            }
            items_[count] = RLPItem({ length: itemOffset + itemLength, ptr: ptr });
            count += 1;
            position += itemOffset + itemLength;
        }
        // The array may be longer than the list: shorten it in place (memory arrays may shrink).
        assembly {
            mstore(items_, count)
        }
    }

    /// @notice The content of an encoded string (data item), which must be exactly `_in`.
    function readBytes(bytes memory _in) internal pure returns (bytes memory out_) {
        out_ = readBytes(toRLPItem(_in));
    }

    /// @notice The content of the string (data item) `_in`, which must span the whole view.
    function readBytes(RLPItem memory _in) internal pure returns (bytes memory out_) {
        (uint256 offset, uint256 length, bool isList) = _header(_in.ptr, _in.length);
        if (isList) revert UnexpectedList();
        if (offset + length != _in.length) revert InvalidDataRemainder();
        out_ = _copy(_in.ptr + offset, length);
    }

    /// @notice The whole encoding of `_in`, header included.
    function readRawBytes(RLPItem memory _in) internal pure returns (bytes memory out_) {
        out_ = _copy(_in.ptr, _in.length);
    }

    /// @notice Decodes the header of the item at `_ptr`, of which `_available` bytes may be read.
    /// @return offset_ Header bytes (where the content starts).
    /// @return length_ Content bytes.
    /// @return isList_ Whether the item is a list (else a string).
    function _header(
        uint256 _ptr,
        uint256 _available
    )
        private
        pure
        returns (uint256 offset_, uint256 length_, bool isList_)
    {
        if (_available == 0) revert EmptyItem();
        uint256 prefix;
        uint256 next;
        assembly {
            let word := mload(_ptr)
            prefix := byte(0, word)
            next := byte(1, word)
        }

        if (prefix < 0x80) {
            // A byte below 0x80 is its own encoding.
            return (0, 1, false);
        }
        if (prefix < 0xb8) {
            // A string of 0 to 55 bytes: 0x80 + length, then the bytes.
            length_ = prefix - 0x80;
            if (_available <= length_) revert ContentLengthMismatch();
            // A single byte below 0x80 must be encoded as itself, not behind a header.
            if (length_ == 1 && next < 0x80) revert InvalidHeader();
            return (1, length_, false);
        }
        if (prefix < 0xc0) {
            // A longer string: 0xb7 + the size of the length, the big-endian length, the bytes.
            (offset_, length_) = _longLength(_ptr, _available, prefix - 0xb7, next);
            return (offset_, length_, false);
        }
        if (prefix < 0xf8) {
            // A list of 0 to 55 payload bytes: 0xc0 + length, then the items.
            length_ = prefix - 0xc0;
            if (_available <= length_) revert ContentLengthMismatch();
            return (1, length_, true);
        }
        // A longer list: 0xf7 + the size of the length, the big-endian length, the items.
        (offset_, length_) = _longLength(_ptr, _available, prefix - 0xf7, next);
        return (offset_, length_, true);
    }

    /// @notice The offset and length of a long-form item whose length takes `_lengthOfLength` bytes.
    function _longLength(
        uint256 _ptr,
        uint256 _available,
        uint256 _lengthOfLength,
        uint256 _firstLengthByte
    )
        private
        pure
        returns (uint256 offset_, uint256 length_)
    {
        if (_available <= _lengthOfLength) revert ContentLengthMismatch();
        // The canonical length has no leading zero byte...
        if (_firstLengthByte == 0) revert InvalidHeader();
        assembly {
            length_ := shr(sub(256, mul(8, _lengthOfLength)), mload(add(_ptr, 1)))
        }
        // ...and is only written in long form when the short form cannot hold it.
        if (length_ < 56) revert InvalidHeader();
        offset_ = 1 + _lengthOfLength;
        if (_available <= _lengthOfLength + length_) revert ContentLengthMismatch();
    }

    /// @notice A new bytes array holding `_length` bytes from memory at `_src`.
    function _copy(uint256 _src, uint256 _length) private pure returns (bytes memory out_) {
        out_ = new bytes(_length);
        assembly {
            mcopy(add(out_, 32), _src, _length)
        }
    }

    /// @notice A copy of `_items` with twice the room.
    function _grow(RLPItem[] memory _items) private pure returns (RLPItem[] memory grown_) {
        grown_ = new RLPItem[](_items.length * 2);
        for (uint256 i = 0; i < _items.length; i++) {
            grown_[i] = _items[i];
        }
    }
}
