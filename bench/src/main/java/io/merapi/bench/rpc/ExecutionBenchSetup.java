package io.merapi.bench.rpc;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what {@code bench/execution-rpc.sh} needs to load the same three calls on Merapi's node
 * and on hardhat node: a genesis with a token whose {@code balanceOf(address)} reads the holder's
 * balance from Solidity's mapping layout (slot {@code keccak256(holder ++ 0)}), and the shell
 * variables naming the token, holder, slot, value and call data.
 *
 * <p>The token is hand-assembled: dispatch on the selector {@code 0x70a08231} (revert otherwise),
 * then {@code SLOAD(keccak256(arg ++ 0))} returned as one word, as a compiled ERC-20 does.
 */
public final class ExecutionBenchSetup {
  static final Address TOKEN = Address.fromHex("0x00000000000000000000000000000000000070c3");
  static final Address HOLDER = Address.fromHex("0x000000000000000000000000000000000000b01d");
  static final String TOKEN_CODE =
      "0x600035" // PUSH1 0 CALLDATALOAD
          + "60e01c" // PUSH1 224 SHR: the selector
          + "6370a08231" // PUSH4 balanceOf(address)
          + "14601357" // EQ PUSH1 0x13 JUMPI
          + "600080fd" // PUSH1 0 DUP1 REVERT
          + "5b" // JUMPDEST
          + "600435600052" // PUSH1 4 CALLDATALOAD PUSH1 0 MSTORE: the holder
          + "6000602052" // PUSH1 0 PUSH1 32 MSTORE: mapping slot 0
          + "6040600020" // PUSH1 64 PUSH1 0 SHA3
          + "54" // SLOAD
          + "600052" // PUSH1 0 MSTORE
          + "60206000f3"; // PUSH1 32 PUSH1 0 RETURN

  private ExecutionBenchSetup() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    byte[] key = new byte[64];
    System.arraycopy(HOLDER.toWord().array(), 0, key, 0, 32);
    String slot = Hex.encode(Keccak256.hash(key));
    String value = UInt256.valueOf(1_000_000_000_000_000_000L).toHash().toHex();
    String calldata = "0x70a08231" + HOLDER.toWord().toHex().substring(2);
    String genesis =
        """
        {
          "config": {
            "chainId": 1337, "homesteadBlock": 0, "eip150Block": 0, "eip155Block": 0,
            "eip158Block": 0, "byzantiumBlock": 0, "constantinopleBlock": 0,
            "petersburgBlock": 0, "istanbulBlock": 0, "berlinBlock": 0, "londonBlock": 0,
            "mergeNetsplitBlock": 0, "shanghaiTime": 0, "cancunTime": 0,
            "terminalTotalDifficulty": 0, "terminalTotalDifficultyPassed": true
          },
          "nonce": "0x0", "timestamp": "0x0", "extraData": "0x", "gasLimit": "0x1c9c380",
          "difficulty": "0x0", "coinbase": "0x0000000000000000000000000000000000000000",
          "alloc": {
            "%s": { "balance": "0xde0b6b3a7640000" },
            "%s": { "balance": "0x0", "code": "%s", "storage": { "%s": "%s" } }
          }
        }
        """
            .formatted(HOLDER.toHex(), TOKEN.toHex(), TOKEN_CODE, slot, value);
    Files.writeString(dir.resolve("genesis.json"), genesis);
    Files.writeString(
        dir.resolve("env.sh"),
        "TOKEN=%s%nHOLDER=%s%nTOKEN_CODE=%s%nSLOT=%s%nVALUE=%s%nCALLDATA=%s%n"
            .formatted(TOKEN.toHex(), HOLDER.toHex(), TOKEN_CODE, slot, value, calldata));
  }
}
