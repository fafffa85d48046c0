// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ISemver } from "universal/ISemver.sol";

/// @title Multicall3
/// @notice Batches calls into one: many reads in one eth_call (viem's multicall and readContracts
///         send aggregate3 to 0xcA11bde05977b3631167028862bE2a173976CA11, a preinstall of OP Stack
///         chains, specs preinstalls.md "Multicall3"), or many writes in one transaction. ABI- and
///         behaviour-compatible with mds1's Multicall3 v3.1.0, which that address holds elsewhere:
///         same functions, structs, results and revert strings.
///
///         The calls are made by this contract, so targets see it as msg.sender; do not approve it
///         tokens or send it ETH to keep (anyone can take what it holds).
contract Multicall3 is ISemver {
    /// @notice A call (aggregate, tryAggregate, blockAndAggregate, tryBlockAndAggregate).
    struct Call {
        address target;
        bytes callData;
    }

    /// @notice A call that may or may not be allowed to fail (aggregate3).
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    /// @notice A call with value that may or may not be allowed to fail (aggregate3Value).
    struct Call3Value {
        address target;
        bool allowFailure;
        uint256 value;
        bytes callData;
    }

    /// @notice The outcome of one call: whether it succeeded, and what it returned or reverted with.
    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice Semantic version.
    function version() public pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @notice Makes every call, all required to succeed.
    /// @param calls The calls.
    /// @return blockNumber The current block number.
    /// @return returnData What each call returned.
    function aggregate(Call[] calldata calls)
        public
        payable
        returns (uint256 blockNumber, bytes[] memory returnData)
    {
        blockNumber = block.number;
        uint256 length = calls.length;
        returnData = new bytes[](length);
        for (uint256 i = 0; i < length; i++) {
            bool success;
            (success, returnData[i]) = calls[i].target.call(calls[i].callData);
            require(success, "Multicall3: call failed");
        }
    }

    /// @notice Makes every call, requiring success only if `requireSuccess`.
    /// @param requireSuccess Whether a failed call reverts the whole batch.
    /// @param calls          The calls.
    /// @return returnData The outcome of each call.
    function tryAggregate(bool requireSuccess, Call[] calldata calls) public payable returns (Result[] memory returnData) {
        uint256 length = calls.length;
        returnData = new Result[](length);
        for (uint256 i = 0; i < length; i++) {
            Result memory result = returnData[i];
            (result.success, result.returnData) = calls[i].target.call(calls[i].callData);
            if (requireSuccess) require(result.success, "Multicall3: call failed");
        }
    }

    /// @notice tryAggregate with the block number and hash.
    /// @dev The hash is blockhash(block.number), which the EVM answers with zero (the current
    ///      block's hash is not known yet); kept so for compatibility with mds1's Multicall3.
    /// @param requireSuccess Whether a failed call reverts the whole batch.
    /// @param calls          The calls.
    /// @return blockNumber The current block number.
    /// @return blockHash   blockhash(block.number), zero.
    /// @return returnData  The outcome of each call.
    function tryBlockAndAggregate(
        bool requireSuccess,
        Call[] calldata calls
    )
        public
        payable
        returns (uint256 blockNumber, bytes32 blockHash, Result[] memory returnData)
    {
        blockNumber = block.number;
        blockHash = blockhash(block.number);
        returnData = tryAggregate(requireSuccess, calls);
    }

    /// @notice tryBlockAndAggregate with every call required to succeed.
    /// @param calls The calls.
    /// @return blockNumber The current block number.
    /// @return blockHash   blockhash(block.number), zero.
    /// @return returnData  The outcome of each call.
    function blockAndAggregate(Call[] calldata calls)
        public
        payable
        returns (uint256 blockNumber, bytes32 blockHash, Result[] memory returnData)
    {
        (blockNumber, blockHash, returnData) = tryBlockAndAggregate(true, calls);
    }

    /// @notice Makes every call; one that fails reverts the batch unless it allows failure.
    /// @param calls The calls.
    /// @return returnData The outcome of each call.
    function aggregate3(Call3[] calldata calls) public payable returns (Result[] memory returnData) {
        uint256 length = calls.length;
        returnData = new Result[](length);
        for (uint256 i = 0; i < length; i++) {
            Call3 calldata call = calls[i];
            Result memory result = returnData[i];
            (result.success, result.returnData) = call.target.call(call.callData);
            if (!call.allowFailure && !result.success) revert("Multicall3: call failed");
        }
    }

    /// @notice aggregate3 with a value for each call; the values must add up to msg.value. The
    ///         value of a failed call that allows failure stays in this contract.
    /// @param calls The calls.
    /// @return returnData The outcome of each call.
    function aggregate3Value(Call3Value[] calldata calls) public payable returns (Result[] memory returnData) {
        uint256 total = 0;
        uint256 length = calls.length;
        returnData = new Result[](length);
        for (uint256 i = 0; i < length; i++) {
            Call3Value calldata call = calls[i];
            Result memory result = returnData[i];
            uint256 value = call.value;
            // The sum cannot overflow before the calls run out of ETH to send.
            unchecked {
                total += value;
            }
            (result.success, result.returnData) = call.target.call{ value: value }(call.callData);
            if (!call.allowFailure && !result.success) revert("Multicall3: call failed");
        }
        require(msg.value == total, "Multicall3: value mismatch");
    }

    /// @notice The hash of block `blockNumber` (zero unless it is one of the last 256).
    function getBlockHash(uint256 blockNumber) public view returns (bytes32 blockHash) {
        blockHash = blockhash(blockNumber);
    }

    /// @notice The current block number.
    function getBlockNumber() public view returns (uint256 blockNumber) {
        blockNumber = block.number;
    }

    /// @notice The current block's fee recipient.
    function getCurrentBlockCoinbase() public view returns (address coinbase) {
        coinbase = block.coinbase;
    }

    /// @notice The current block's difficulty field: PREVRANDAO since the merge.
    function getCurrentBlockDifficulty() public view returns (uint256 difficulty) {
        difficulty = block.prevrandao;
    }

    /// @notice The current block's gas limit.
    function getCurrentBlockGasLimit() public view returns (uint256 gaslimit) {
        gaslimit = block.gaslimit;
    }

    /// @notice The current block's timestamp.
    function getCurrentBlockTimestamp() public view returns (uint256 timestamp) {
        timestamp = block.timestamp;
    }

    /// @notice The ETH balance of `addr`.
    function getEthBalance(address addr) public view returns (uint256 balance) {
        balance = addr.balance;
    }

    /// @notice The hash of the previous block.
    function getLastBlockHash() public view returns (bytes32 blockHash) {
        unchecked {
            blockHash = blockhash(block.number - 1);
        }
    }

    /// @notice The current block's base fee.
    function getBasefee() public view returns (uint256 basefee) {
        basefee = block.basefee;
    }

    /// @notice The chain id.
    function getChainId() public view returns (uint256 chainid) {
        chainid = block.chainid;
    }
}
