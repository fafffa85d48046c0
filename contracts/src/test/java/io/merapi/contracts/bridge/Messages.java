package io.merapi.contracts.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The specification's message formats written out word by word in Java, independently of the
 * Solidity libraries and of the ABI codec (specs messengers.md "Message Versioning"), and the
 * messengers' baseGas formula.
 */
final class Messages {
  private Messages() {}

  /** relayMessage(uint256,address,address,uint256,uint256,bytes): version 1. */
  static final Bytes RELAY_V1 =
      selector("relayMessage(uint256,address,address,uint256,uint256,bytes)");

  /** relayMessage(address,address,bytes,uint256): version 0, the pre-Bedrock messenger's. */
  static final Bytes RELAY_V0 = selector("relayMessage(address,address,bytes,uint256)");

  static Bytes selector(String signature) {
    return Bytes.wrap(
        Arrays.copyOf(Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)), 4));
  }

  /** A nonce with {@code version} in its top two bytes. */
  static UInt256 versionedNonce(long nonce, int version) {
    return UInt256.fromLimbs((long) version << 48, 0, 0, nonce);
  }

  static Bytes encodeV1(
      UInt256 nonce, Address sender, Address target, UInt256 value, long gasLimit, Bytes data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(RELAY_V1.array());
    out.writeBytes(nonce.toBytes());
    out.writeBytes(sender.toWord().array());
    out.writeBytes(target.toWord().array());
    out.writeBytes(value.toBytes());
    out.writeBytes(UInt256.valueOf(gasLimit).toBytes());
    out.writeBytes(UInt256.valueOf(6 * 32).toBytes()); // the offset of the bytes after 6 heads
    writeBytes(out, data);
    return Bytes.wrap(out.toByteArray());
  }

  static Bytes encodeV0(Address target, Address sender, Bytes data, UInt256 nonce) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(RELAY_V0.array());
    out.writeBytes(target.toWord().array());
    out.writeBytes(sender.toWord().array());
    out.writeBytes(UInt256.valueOf(4 * 32).toBytes()); // the offset of the bytes after 4 heads
    out.writeBytes(nonce.toBytes());
    writeBytes(out, data);
    return Bytes.wrap(out.toByteArray());
  }

  /** The version 1 hash, the key of successfulMessages and failedMessages. */
  static Hash hashV1(
      UInt256 nonce, Address sender, Address target, UInt256 value, long gasLimit, Bytes data) {
    return Keccak256.digest(encodeV1(nonce, sender, target, value, gasLimit, data).array());
  }

  static Hash hashV0(Address target, Address sender, Bytes data, UInt256 nonce) {
    return Keccak256.digest(encodeV0(target, sender, data, nonce).array());
  }

  private static void writeBytes(ByteArrayOutputStream out, Bytes data) {
    out.writeBytes(UInt256.valueOf(data.length()).toBytes());
    out.writeBytes(data.array());
    out.writeBytes(new byte[(32 - data.length() % 32) % 32]);
  }

  /**
   * The messengers' baseGas: 21,000 plus the larger of (execution gas plus 16 gas per byte of the
   * encoded message) and EIP-7623's floor of 40 gas per byte, the encoded message being the message
   * plus 260 bytes, the execution gas 200,000 + 40,000 + 40,000 + 5,000 plus the minimum gas times
   * 64/63.
   */
  static long baseGas(int messageLength, long minGasLimit) {
    long execution = 200_000 + 40_000 + 40_000 + 5_000 + minGasLimit * 64 / 63;
    long size = messageLength + 260L;
    return 21_000 + Math.max(execution + size * 16, size * 40);
  }

  /** The pre-EIP-7623 formula of OP's CrossDomainMessenger at commit d317e96, for comparison. */
  static long baseGasBeforeFloor(int messageLength, long minGasLimit) {
    return 200_000 + messageLength * 16L + minGasLimit * 64 / 63 + 40_000 + 40_000 + 5_000;
  }

  /** The L2 address under which an L1 contract's deposits arrive (specs deposits.md). */
  static Address alias(Address l1) {
    UInt256 offset =
        UInt256.fromHash(Address.fromHex("0x1111000000000000000000000000000000001111").toWord());
    return Address.fromWord(UInt256.fromHash(l1.toWord()).add(offset).toHash()); // low 20 bytes
  }
}
