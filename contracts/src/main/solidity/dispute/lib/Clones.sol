// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Clones
/// @notice Deploys "clones with immutable arguments": tiny contracts that delegate every call to one
///         implementation and append a fixed byte string (the arguments) to the calldata. A dispute
///         game is such a clone (specs fault-proof/stage-one/dispute-game-interface.md
///         "DisputeGameFactory Interface"): the factory deploys a few hundred bytes per game instead
///         of the whole game, and the game reads its creator, root claim, L1 head and extra data from
///         the end of its calldata (see CloneArgs) rather than from storage.
///
///         The clone's runtime code is a 56-byte program, then the arguments, then the arguments'
///         length plus two as a big-endian uint16 (the length of everything appended, so that the
///         reader finds the start of the arguments from the end of the calldata):
///
///         offset  code                 what it does
///         0       36 5f 5f 37          calldatacopy(0, 0, calldatasize)
///         4       61 <n+2> 60 38 36 39 codecopy(calldatasize, 56, n + 2): arguments and length after it
///         11      5f 5f 61 <n+2> 36 01 the delegatecall's return area (0, 0) and input size
///         18      5f 73 <impl> 5a f4   delegatecall(gas, impl, 0, calldatasize + n + 2, 0, 0)
///         42      3d 5f 5f 3e          returndatacopy(0, 0, returndatasize)
///         46      60 34 57             jump to 52 on success
///         49      3d 5f fd             revert(0, returndatasize)
///         52      5b 3d 5f f3          return(0, returndatasize)
///         56      <arguments> <uint16 n + 2>
///
///         The creation code is a 10-byte header that copies the runtime code after it into memory
///         and returns it: 61 <runtime length> 80 60 0a 5f 39 5f f3.
library Clones {
    /// @notice The clone could not be deployed: its arguments do not fit a 2-byte length, or its code
    ///         exceeds the EIP-170 code size limit.
    error CloneFailed();

    /// @notice The length of the clone's code before its arguments.
    uint256 internal constant RUNTIME_PREFIX = 56;

    /// @notice Deploys a clone of `_implementation` that appends `_args` to every call's calldata.
    /// @param _implementation The contract every call is delegated to.
    /// @param _args           The immutable arguments.
    /// @return clone_ The address of the new clone (CREATE: from this contract's nonce).
    function cloneWithArgs(address _implementation, bytes memory _args) internal returns (address clone_) {
        // The appended length counts itself, as the reader subtracts it from the calldata size.
        uint256 appended = _args.length + 2;
        if (RUNTIME_PREFIX + appended > type(uint16).max) revert CloneFailed();
        bytes memory code = abi.encodePacked(
            hex"61",
            uint16(RUNTIME_PREFIX + appended),
            hex"80600a5f395ff3",
            hex"365f5f3761",
            uint16(appended),
            hex"603836395f5f61",
            uint16(appended),
            hex"36015f73",
            _implementation,
            hex"5af43d5f5f3e6034573d5ffd5b3d5ff3",
            _args,
            uint16(appended)
        );
        assembly ("memory-safe") {
            clone_ := create(0, add(code, 0x20), mload(code))
        }
        if (clone_ == address(0)) revert CloneFailed();
    }
}

/// @title CloneArgs
/// @notice Reads the immutable arguments a clone appended to the calldata (see Clones). Every
///         function reverts if the calldata does not end with a plausible length, for example when
///         the implementation itself is called rather than a clone.
library CloneArgs {
    /// @notice All the arguments, as a slice of the calldata.
    function args() internal pure returns (bytes calldata args_) {
        uint256 end = msg.data.length - 2;
        uint256 appended = uint16(bytes2(msg.data[end:]));
        // Checked: a length below 2 or beyond the calldata makes the slice invalid and reverts.
        args_ = msg.data[msg.data.length - appended:end];
    }

    /// @notice The number of bytes of arguments.
    function length() internal pure returns (uint256 length_) {
        length_ = args().length;
    }

    /// @notice The address at byte `_offset` of the arguments.
    function readAddress(uint256 _offset) internal pure returns (address value_) {
        value_ = address(bytes20(args()[_offset:_offset + 20]));
    }

    /// @notice The 32-byte word at byte `_offset` of the arguments.
    function readBytes32(uint256 _offset) internal pure returns (bytes32 value_) {
        value_ = bytes32(args()[_offset:_offset + 32]);
    }

    /// @notice The arguments from byte `_offset` to their end.
    function readBytes(uint256 _offset) internal pure returns (bytes memory value_) {
        value_ = args()[_offset:];
    }
}
